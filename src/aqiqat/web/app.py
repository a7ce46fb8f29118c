"""The workbench: create_app(settings) builds the FastAPI application (pages and /api/v1)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from aqiqat.api.errors import AqiqatError
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.web.deps import LoginRequired, refuse_nul
from aqiqat.web.headers import SecurityHeaders
from aqiqat.web.i18n import load_catalogs
from aqiqat.web.jobs import warm_up_jobs
from aqiqat.web.pages import render_error, templates
from aqiqat.web.proxies import TrustedProxies
from aqiqat.web.static_delivery import StaticDelivery
from aqiqat.web.throttle import LoginThrottle
from aqiqat.web.uploads import keep_uploads_in_memory
from aqiqat.web.vendor import mount_vendor

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "aqiqat_session"
SESSION_MAX_AGE = 12 * 3600
FORM_ALLOWANCE = 1024 * 1024


def session_secret(settings: Settings) -> str:
    """The key that signs session cookies: AQIQAT_SESSION_KEY, else a random key kept in the data directory."""
    if settings.session_key:
        if len(settings.session_key) < 32:
            raise ValueError("AQIQAT_SESSION_KEY must be at least 32 characters")
        return settings.session_key
    path = settings.data_dir / "keys" / "web-session.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(settings: Settings, register: Register | None = None) -> FastAPI:
    """The workbench for one register. Opens the register now: a clear error if it is not initialised."""
    reg = register or Register.open(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.web_threads
        yield
        if register is None:
            reg.close()

    app = FastAPI(
        title="Aqiqat",
        version="1",
        summary="Documentation system for human-rights monitors: documents, suggestions, register, figures.",
        openapi_url="/openapi.json",
        docs_url=None,  # Swagger UI loads scripts from a CDN; the API is described at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
        dependencies=[Depends(refuse_nul)],
        # a body beyond the largest file (and 1 MB for the form around it) is refused as it arrives (413),
        # before anyone is authenticated and before it is spooled to a temporary file
        max_body_size=settings.max_file_bytes + FORM_ALLOWANCE,
    )
    keep_uploads_in_memory(settings.max_file_bytes + FORM_ALLOWANCE)
    app.state.register = reg
    app.state.settings = settings
    app.state.catalogs = load_catalogs()
    app.state.login_throttle = LoginThrottle()
    app.state.jobs = set()  # users with a heavy job running (web/jobs.py)
    warm_up_jobs()
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.secure_cookies is True,  # `aqiqat serve` decides None by the address it serves
    )

    app.add_middleware(StaticDelivery)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedProxies, trusted=settings.trusted_proxies)  # outermost: the client's address first

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Basic"})
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(AqiqatError)
    async def service_error(request: Request, exc: AqiqatError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=exc.status)
        return render_error(request, exc.status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """An unknown address or a refused method is a page in the interface language, not JSON."""
        if _is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
        return render_error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg', '')}" for e in exc.errors()
        )
        if _is_api(request):
            return JSONResponse({"detail": problems or "invalid request"}, status_code=422)
        return render_error(request, 422, problems or "invalid request")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    mount_vendor(app, settings.node_modules)
    from aqiqat.web.routes import include_all

    include_all(app)
    app.state.templates = templates
    return app
