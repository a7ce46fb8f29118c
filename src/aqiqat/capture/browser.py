"""A web page as a browser sees it: headless Chromium (the Debian package) driven by Playwright.

Records every response the page loaded (status, headers, body), the final URL after redirects, a full-page
screenshot and the rendered page's title; the launch flags keep Chromium from calling home, so it works on
a closed network. Only http and https URLs are captured (never file:, data: or chrome: pages).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from aqiqat.capture.errors import CaptureError

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio",
]
MAX_RESPONSES = 2000


@dataclass(slots=True)
class Exchange:
    """One HTTP response the page loaded, with its request."""

    url: str
    method: str
    request_headers: dict[str, str]
    status: int
    status_text: str
    headers: list[tuple[str, str]]
    body: bytes | None  # None: no body (a redirect) or not available


@dataclass(slots=True)
class PageCapture:
    requested_url: str
    final_url: str
    status: int | None
    headers: list[tuple[str, str]]
    title: str
    screenshot: bytes
    started_at: datetime
    finished_at: datetime
    exchanges: list[Exchange] = field(default_factory=list)
    security: dict[str, Any] = field(default_factory=dict)
    browser_version: str = ""

    @property
    def main(self) -> Exchange | None:
        """The response that gave the page itself (after redirects)."""
        for ex in self.exchanges:
            if ex.url == self.final_url and ex.body is not None and 200 <= ex.status < 600:
                return ex
        return None


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CaptureError(f"{url}: not an http or https address")
    return url.strip()


def capture_page(url: str, timeout: float = 30.0, max_bytes: int = 200 * 1024 * 1024,
                 executable: str = CHROMIUM) -> PageCapture:
    """Load `url` in headless Chromium and record it; CaptureError (one line) when it cannot be loaded."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    url = check_url(url)
    started = datetime.now(UTC).replace(tzinfo=None)
    responses: list[Any] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True,
                                              service_workers="block")
                page = context.new_page()
                page.on("response", lambda r: responses.append(r) if len(responses) < MAX_RESPONSES else None)
                deadline = time.monotonic() + timeout
                main = page.goto(url, timeout=timeout * 1000, wait_until="load")
                try:  # let late requests finish, within what is left of the time allowed
                    page.wait_for_load_state("networkidle", timeout=max(0.0, min(3.0, deadline - time.monotonic()))
                                             * 1000)
                except PlaywrightTimeout:
                    pass
                shot = page.screenshot(full_page=True, type="png", timeout=timeout * 1000)
                security: dict[str, Any] = dict(main.security_details() or {}) if main is not None else {}
                capture = PageCapture(
                    requested_url=url, final_url=page.url, status=main.status if main else None,
                    headers=[(h["name"], h["value"]) for h in main.headers_array()] if main else [],
                    title=page.title(), screenshot=shot, started_at=started,
                    finished_at=datetime.now(UTC).replace(tzinfo=None), security=dict(security),
                    browser_version=browser.version,
                )
                total = 0
                for r in responses:
                    ex = _exchange(r, PlaywrightError)
                    total += len(ex.body or b"")
                    if total > max_bytes:
                        raise CaptureError(f"{url}: the page loaded more than {max_bytes / 1e6:.0f} MB")
                    capture.exchanges.append(ex)
                return capture
            finally:
                browser.close()
    except PlaywrightTimeout:
        raise CaptureError(f"{url}: timed out after {timeout:g} s") from None
    except PlaywrightError as exc:
        raise CaptureError(f"{url}: {_reason(str(exc))}") from None


def _exchange(response: Any, error: type[Exception]) -> Exchange:
    request = response.request
    try:
        body: bytes | None = response.body()
    except error:  # redirects and aborted loads have no body
        body = None
    try:
        req_headers = dict(request.all_headers())
    except error:
        req_headers = dict(request.headers)
    return Exchange(
        url=response.url, method=request.method, request_headers=req_headers, status=response.status,
        status_text=response.status_text, headers=[(h["name"], h["value"]) for h in response.headers_array()],
        body=body,
    )


def _reason(message: str) -> str:
    """Playwright's error as one short line ("net::ERR_NAME_NOT_RESOLVED", not its call log)."""
    first = message.strip().splitlines()[0] if message.strip() else "the browser failed"
    for marker in ("net::", "NS_ERROR"):
        if marker in first:
            return first[first.index(marker):].split(" ")[0]
    return " ".join(first.split())[:200]
