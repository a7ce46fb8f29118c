"""A web page as a browser sees it: headless Chromium (the Debian package) driven by Playwright.

Records every response the page loaded (status, headers, body), the final URL after redirects, a full-page
screenshot and the rendered page's title; the launch flags keep Chromium from calling home, so it works on
a closed network. Only http and https URLs are captured (never file:, data: or chrome: pages).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from aqiqat.capture.address_guard import check_address
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
                 executable: str = CHROMIUM, refuse: Callable[[str], bool] | None = None) -> PageCapture:
    """Load `url` in headless Chromium and record it; CaptureError (one line) when it cannot be loaded.

    With `refuse` (an IP address -> whether it may not be reached), the address asked for, every request the
    page makes (redirects included) and every address Chromium connected to are checked against it."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    url = check_url(url)
    if refuse is not None:
        check_address(url, refuse)
    blocked: list[str] = []
    started = datetime.now(UTC).replace(tzinfo=None)
    responses: list[Any] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True,
                                              service_workers="block")
                if refuse is not None:
                    context.route("**/*", _guard(refuse, blocked))
                page = context.new_page()
                page.on("response", lambda r: responses.append(r) if len(responses) < MAX_RESPONSES else None)
                deadline = time.monotonic() + timeout
                try:
                    main = page.goto(url, timeout=timeout * 1000, wait_until="load")
                except PlaywrightError:
                    if blocked:
                        raise CaptureError(blocked[-1]) from None
                    raise
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
                if refuse is not None:
                    _check_connections(url, responses, refuse, blocked, PlaywrightError)
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


def _guard(refuse: Callable[[str], bool], blocked: list[str]) -> Callable[[Any], None]:
    """A Playwright route handler: a request to a refused address is aborted (and remembered)."""
    seen: dict[str, str | None] = {}

    def handle(route: Any) -> None:
        target = route.request.url
        if urlsplit(target).scheme in ("data", "blob"):
            route.continue_()
            return
        host = urlsplit(target).netloc
        if host not in seen:
            try:
                check_address(target, refuse)
                seen[host] = None
            except CaptureError as exc:
                seen[host] = str(exc)
        problem = seen[host]
        if problem is not None:
            blocked.append(problem)
            route.abort("blockedbyclient")
        elif route.request.resource_type == "document" and route.request.method == "GET":
            _navigate(route, refuse, blocked)
        else:
            route.continue_()

    return handle


def _navigate(route: Any, refuse: Callable[[str], bool], blocked: list[str]) -> None:
    """A page (or frame) is fetched without following redirects (Chromium would follow them unseen by the
    routing): a redirect's target is checked before the browser is handed the redirect to follow."""
    reply = route.fetch(max_redirects=0)
    target = reply.headers.get("location")
    if 300 <= reply.status < 400 and target:
        try:
            check_address(urljoin(route.request.url, target), refuse)
        except CaptureError as exc:
            blocked.append(str(exc))
            route.abort("blockedbyclient")
            return
    route.fulfill(response=reply)


def _check_connections(url: str, responses: list[Any], refuse: Callable[[str], bool], blocked: list[str],
                       error: type[Exception]) -> None:
    """Every address Chromium actually connected to, checked again (the page's requests to refused addresses
    were aborted and are simply not in the capture)."""
    for r in responses:
        try:
            server = r.server_addr()
        except error:
            server = None
        if server and refuse(str(server.get("ipAddress", ""))):
            raise CaptureError(f"{url}: the browser connected to a refused address ({server.get('ipAddress')})")


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
