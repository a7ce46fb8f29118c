"""Static files sent compressed and cached: gzip and long cache lifetimes for /vendor (versioned by the npm
lock) and /static (one day, revalidated by ETag), so the map's borders are not fetched on every visit."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE = {"/vendor/": "public, max-age=31536000, immutable", "/static/": "public, max-age=86400"}


class StaticDelivery:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=1024)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        policy = next((v for k, v in CACHE.items() if path.startswith(k)), None)
        if policy is None:
            await self.app(scope, receive, send)
            return

        async def cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") in (200, 304):
                MutableHeaders(scope=message)["Cache-Control"] = policy
            await send(message)

        await self.gzip(scope, receive, cached)
