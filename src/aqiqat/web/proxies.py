"""Who the client is: the connection's address, or what X-Forwarded-For says when the connection comes from a
reverse proxy named in the settings (AQIQAT_TRUSTED_PROXIES). Nobody else's X-Forwarded-For is read: a client
could otherwise claim any address and dodge the per-address log-in limit, or pin it on someone else."""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def is_loopback(host: str) -> bool:
    """Whether a listening address or host name is this machine only."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class TrustedProxies:
    """ASGI middleware: behind a trusted proxy, the client is the nearest address in X-Forwarded-For that is
    not itself a trusted proxy."""

    def __init__(self, app: ASGIApp, trusted: tuple[str, ...]) -> None:
        self.app = app
        self.networks: list[Network] = [ipaddress.ip_network(t, strict=False) for t in trusted]

    def trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.strip().strip("[]"))
        except ValueError:
            return False
        return any(ip in net for net in self.networks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] in ("http", "websocket") and client and self.networks and self.trusted(client[0]):
            forwarded = [
                value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"x-forwarded-for"
            ]
            hops = [h.strip() for h in ",".join(forwarded).split(",") if h.strip()]
            for hop in reversed(hops):
                if not self.trusted(hop):
                    scope = {**scope, "client": (hop, 0)}
                    break
        await self.app(scope, receive, send)
