"""Commands: serve (the workbench) and users (add, list)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.users import add_user, count_users, list_users
from aqiqat.cli.context import opened, settings_of
from aqiqat.cli.output import err, fail, out, print_table, user_errors
from aqiqat.domain.enums import UserRole


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    users = typer.Typer(help="Users of the workbench and their roles.", no_args_is_help=True)
    users.command("add")(users_add)
    users.command("list")(users_list)
    app.add_typer(users, name="users")


def first_admin(reg: Register, operator: str) -> tuple[str, str] | None:
    """With no user at all, create `admin` with a generated password (never a shipped default)."""
    if count_users(reg) > 0:
        return None
    user, password = add_user(reg, local_admin(operator), "admin", "admin")
    return user["username"], password


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

    settings = settings_of(ctx)
    with opened(ctx) as reg:
        created = first_admin(reg, settings.user)
    if created:
        out.print(f"created the first user: [bold]{created[0]}[/] with password [bold]{created[1]}[/]")
        out.print("keep it safe: it is shown only this once (add more users with `aqiqat users add`)")
    missing = missing_vendor()
    if missing:
        err.print(f"warning: front-end packages missing ({', '.join(missing)}): run `npm install` in the repository")
    if workers > 1:
        import os

        from aqiqat.web.workers import PortUnavailable, check_port, serve_workers

        os.environ["AQIQAT_DATA_DIR"] = str(settings.data_dir)
        os.environ["AQIQAT_DATABASE_URL"] = settings.database_url
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
    uvicorn.run(app, host=host, port=port, log_level="warning")


def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name (no spaces).")],
    role: Annotated[UserRole, typer.Option(help="admin, editor, analyst or viewer.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    language: Annotated[str, typer.Option(help="Interface language: ru or en.")] = "ru",
) -> None:
    """Add a user; prints a generated password unless one is given on stdin."""
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("no password on stdin", 2)
    with opened(ctx) as reg:
        with user_errors():
            user, secret = add_user(reg, local_admin(settings_of(ctx).user), name, str(role), password, language)
    out.print(f"added {user['username']} ({user['role']})")
    if password is None:
        out.print(f"password: {secret}")


def users_list(ctx: typer.Context) -> None:
    """List users and their roles."""
    with opened(ctx) as reg:
        print_table(list_users(reg), ["id", "username", "role", "language", "active"])
