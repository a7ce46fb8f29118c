"""Which addresses a capture asked for from the workbench may reach (server-side request forgery).

Only http and https; the host's every address after DNS resolution must be a global one: loopback,
private, link-local, shared, multicast, reserved and unspecified addresses are refused, unless the register
allows them (AQIQAT_CAPTURE_PRIVATE). The check is made on the address asked for, on every request the
browser makes (redirects included, through Playwright routing) and on the address Chromium actually
connected to for every response (so a name that resolves differently the second time is caught too).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from aqiqat.capture.errors import CaptureError


def refused_address(ip: str) -> bool:
    """Whether a literal IP address is one a workbench capture may not reach."""
    try:
        addr = ipaddress.ip_address(ip.strip("[]").split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return not addr.is_global or addr.is_multicast


def check_address(url: str, refuse: Callable[[str], bool] = refused_address) -> None:
    """CaptureError (one line) unless `url` is http(s) and its host resolves only to addresses `refuse`
    lets through (by default: global ones)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CaptureError(f"{url}: not an http or https address")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise CaptureError(f"{url}: not a valid port") from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise CaptureError(f"{url}: no DNS for {parts.hostname}") from None
    for info in infos:
        ip = str(info[4][0])
        if refuse(ip):
            raise CaptureError(f"{url}: {parts.hostname} is a private, loopback or reserved address ({ip}); "
                               "not captured from the workbench")
