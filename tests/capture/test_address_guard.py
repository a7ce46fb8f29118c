"""Server-side request forgery: what a workbench capture may reach, checked on the address asked for, on every
request Chromium makes (redirects included) and on the address it actually connected to."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from aqiqat.capture.address_guard import check_address, refused_address
from aqiqat.capture.browser import capture_page
from aqiqat.capture.errors import CaptureError


@pytest.mark.parametrize(("ip", "refused"), [
    ("127.0.0.1", True), ("10.1.2.3", True), ("172.16.0.9", True), ("192.168.1.1", True), ("169.254.169.254", True),
    ("100.64.0.1", True), ("0.0.0.0", True), ("240.0.0.1", True), ("224.0.0.1", True), ("::1", True),
    ("fe80::1%eth0", True), ("fd00::1", True), ("::ffff:127.0.0.1", True), ("not an ip", True),
    ("93.184.216.34", False), ("2606:2800:220:1:248:1893:25c8:1946", False), ("::ffff:8.8.8.8", False),
])
def test_loopback_private_link_local_and_reserved_addresses_are_refused(ip: str, refused: bool) -> None:
    assert refused_address(ip) is refused


@pytest.mark.parametrize(("url", "error"), [
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/: 127.0.0.1 is a private, loopback or reserved address"),
    ("http://localhost/admin", "localhost is a private, loopback or reserved address"),
    ("http://[::1]/", "::1 is a private, loopback or reserved address"),
    ("http://2130706433/", "is a private, loopback or reserved address (127.0.0.1)"),  # 127.0.0.1 as a number
    ("file:///etc/passwd", "file:///etc/passwd: not an http or https address"),
    ("gopher://example.org/", "not an http or https address"),
    ("http://example.org:99999/", "not a valid port"),
    ("http://no-such-host.invalid/", "no DNS for no-such-host.invalid"),
])
def test_an_address_asked_for_is_checked_after_dns_with_one_line_of_error(url: str, error: str) -> None:
    with pytest.raises(CaptureError) as caught:
        check_address(url)
    assert error in str(caught.value) and "\n" not in str(caught.value)


def _handler(other: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            if self.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", other[0] + "/inside")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = (f'<html><title>Страница</title><body><p>Текст страницы.</p>'
                    f'<img src="{other[0]}/inside.png"></body></html>').encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@contextmanager
def two_hosts() -> Iterator[tuple[str, str, list[str]]]:
    """An 'outside' server on 127.0.0.1 and an 'inside' one on 127.0.0.2 (both loopback, told apart by the
    test's own rule); `asked` lists the paths the inside one was asked for."""
    asked: list[str] = []
    other: list[str] = []
    inside_handler = _handler(other)

    class Inside(inside_handler):  # type: ignore[valid-type, misc]
        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)
            super().do_GET()

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), _handler(other)), ThreadingHTTPServer(("127.0.0.2", 0), Inside)]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    outside, inside = (f"http://{s.server_address[0]}:{s.server_address[1]}" for s in servers)
    other.append(inside)
    try:
        yield outside, inside, asked
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()


def inside_only(ip: str) -> bool:
    return ip == "127.0.0.2"


@pytest.mark.browser
def test_a_redirect_to_a_refused_address_is_not_followed_and_its_resources_are_not_loaded() -> None:
    with two_hosts() as (outside, inside, asked):
        with pytest.raises(CaptureError, match="127.0.0.2 is a private, loopback or reserved address"):
            capture_page(inside + "/page", 20, refuse=inside_only)
        with pytest.raises(CaptureError, match="127.0.0.2 is a private, loopback or reserved address"):
            capture_page(outside + "/redirect", 20, refuse=inside_only)
        page = capture_page(outside + "/page", 20, refuse=inside_only)
        assert page.status == 200 and "Страница" in page.title
        assert all("127.0.0.2" not in ex.url for ex in page.exchanges)
        assert asked == []  # Chromium never reached the inside server
        allowed = capture_page(outside + "/page", 20)  # no rule: the CLI's capture reaches it
        assert allowed.status == 200 and asked == ["/inside.png"]
