"""Command: serve (the workbench)."""

from __future__ import annotations

from typing import Annotated

import typer

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.settings import Settings
from aqiqat.api.users import add_user, count_users
from aqiqat.cli.context import opened, settings_of
from aqiqat.cli.output import err, fail, out, user_errors


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def first_admin(reg: Register, operator: str) -> tuple[str, str] | None:
    """With no user at all, create `admin` with a generated password (never a shipped default)."""
    if count_users(reg) > 0:
        return None
    user, password = add_user(reg, local_admin(operator), "admin", "admin")
    return user["username"], password


def serving_settings(settings: Settings, host: str) -> Settings:
    """Cookies are Secure (HTTPS only) unless AQIQAT_SECURE_COOKIES says otherwise or the server listens on
    loopback only (this machine, or a reverse proxy on it: set AQIQAT_SECURE_COOKIES=1 behind a TLS proxy)."""
    from aqiqat.web.proxies import is_loopback

    if settings.secure_cookies is None:
        return settings.with_(secure_cookies=not is_loopback(host))
    return settings


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes, one per core (each listens on its own socket).")
    ] = 1,
) -> None:
    """Start the workbench (pages and the HTTP API under /api/v1)."""
    import uvicorn

    from aqiqat.web.app import create_app
    from aqiqat.web.factory import prepare_for_serving
    from aqiqat.web.vendor import missing_vendor

    settings = serving_settings(settings_of(ctx), host)
    with opened(ctx) as reg:
        created = first_admin(reg, settings.user)
    if created:
        out.print(f"created the first user: [bold]{created[0]}[/] with password [bold]{created[1]}[/]")
        out.print("keep it safe: it is shown only this once (add more users with `aqiqat users add`)")
    missing = missing_vendor(settings.node_modules)
    if missing:
        err.print(f"warning: front-end packages missing ({', '.join(missing)}): run `npm install` in the repository")
    if workers > 1:
        import os

        from aqiqat.web.workers import PortUnavailable, check_port, serve_workers

        os.environ["AQIQAT_DATA_DIR"] = str(settings.data_dir)
        os.environ["AQIQAT_DATABASE_URL"] = settings.database_url
        os.environ["AQIQAT_SECURE_COOKIES"] = "1" if settings.secure_cookies else "0"
        try:
            check_port(host, port)
            out.print(f"Aqiqat workbench on http://{host}:{port}/ in {workers} processes  (Ctrl-C stops it)")
            serve_workers(host, port, workers)
        except PortUnavailable as exc:
            fail(str(exc), 2)
        return
    out.print(f"Aqiqat workbench on http://{host}:{port}/  (Ctrl-C stops it)")
    with user_errors():
        app = create_app(settings)
    prepare_for_serving()
    # X-Forwarded-For is read by the app, from the configured proxies only (uvicorn would trust 127.0.0.1's)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
