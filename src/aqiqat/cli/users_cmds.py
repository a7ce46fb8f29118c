"""Commands: users (add, list, disable, enable, passwd, role)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from aqiqat.api.access import local_admin
from aqiqat.api.users import add_user, list_users, set_active, set_password, set_role
from aqiqat.cli.context import opened, settings_of
from aqiqat.cli.output import fail, out, print_table, user_errors
from aqiqat.domain.enums import UserRole

NAME = Annotated[str, typer.Argument(help="User name.")]
PASSWORD_STDIN = Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")]


def register(app: typer.Typer) -> None:
    users = typer.Typer(help="Users of the workbench and their roles.", no_args_is_help=True)
    users.command("add")(users_add)
    users.command("list")(users_list)
    users.command("disable")(users_disable)
    users.command("enable")(users_enable)
    users.command("passwd")(users_passwd)
    users.command("role")(users_role)
    app.add_typer(users, name="users")


def _stdin_password() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail("no password on stdin", 2)
    return password


def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name (no spaces).")],
    role: Annotated[UserRole, typer.Option(help="admin, editor, analyst or viewer.")],
    password_stdin: PASSWORD_STDIN = False,
    language: Annotated[str, typer.Option(help="Interface language: ru or en.")] = "ru",
) -> None:
    """Add a user; prints a generated password unless one is given on stdin."""
    password = _stdin_password() if password_stdin else None
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


def users_disable(ctx: typer.Context, name: NAME) -> None:
    """Disable a user: they cannot log in, and every session they have ends at once."""
    with opened(ctx) as reg:
        user = set_active(reg, local_admin(settings_of(ctx).user), name, False)
    out.print(f"disabled {user['username']}; {user['sessions_ended']} sessions ended")


def users_enable(ctx: typer.Context, name: NAME) -> None:
    """Enable a disabled user again."""
    with opened(ctx) as reg:
        user = set_active(reg, local_admin(settings_of(ctx).user), name, True)
    out.print(f"enabled {user['username']}")


def users_passwd(ctx: typer.Context, name: NAME, password_stdin: PASSWORD_STDIN = False) -> None:
    """Set a new password (generated and printed unless one is given on stdin); every session of the user ends."""
    password = _stdin_password() if password_stdin else None
    with opened(ctx) as reg:
        user, secret = set_password(reg, local_admin(settings_of(ctx).user), name, password)
    out.print(f"new password for {user['username']}; {user['sessions_ended']} sessions ended")
    if password is None:
        out.print(f"password: {secret}")


def users_role(
    ctx: typer.Context,
    name: NAME,
    role: Annotated[UserRole, typer.Option(help="admin, editor, analyst or viewer.")],
) -> None:
    """Give a user another role; it applies to their next request."""
    with opened(ctx) as reg:
        user = set_role(reg, local_admin(settings_of(ctx).user), name, str(role))
    out.print(f"{user['username']} is now {user['role']}")
