"""Use cases: users, roles and log-in; disabling a user, a new password or a new role."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import func, select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.register import Register
from aqiqat.api.sessions import end_user_sessions
from aqiqat.domain.enums import AuditAction, UserRole
from aqiqat.security.passwords import MIN_LENGTH, check_password, generate_password, hash_password
from aqiqat.store.tables import UserRow

LANGUAGES = ("en", "ru")


def _public(row: UserRow) -> dict[str, Any]:
    return {"id": row.id, "username": row.username, "role": row.role, "language": row.language, "active": row.active}


def add_user(
    reg: Register, principal: Principal, username: str, role: str, password: str | None = None, language: str = "en"
) -> tuple[dict[str, Any], str]:
    """Create a user; returns the user and the password (generated when none is given)."""
    if principal.role is not UserRole.ADMIN:
        raise Forbidden("only an admin may add users")
    name = username.strip()
    if not name or len(name) > 200 or any(c.isspace() for c in name):
        raise Invalid("a user name is 1 to 200 characters without spaces")
    try:
        role_value = UserRole(role)
    except ValueError:
        raise Invalid(f"role {role!r} is not one of {', '.join(r.value for r in UserRole)}") from None
    if password is not None and len(password) < MIN_LENGTH:
        raise Invalid(f"a password has at least {MIN_LENGTH} characters")
    if language not in LANGUAGES:
        raise Invalid(f"language is one of {', '.join(LANGUAGES)}")
    secret = password or generate_password()
    with reg.unit(principal) as unit:
        if unit.session.scalar(select(UserRow).where(UserRow.username == name)) is not None:
            raise Invalid(f"user {name!r} exists already")
        row = UserRow(username=name, role=str(role_value), password_hash=hash_password(secret), language=language)
        unit.session.add(row)
        unit.session.flush()
        unit.audit(AuditAction.CREATE, "user", row.id, None, _public(row))
        return _public(row), secret


def count_users(reg: Register) -> int:
    with reg.reading() as s:
        return int(s.scalar(select(func.count(UserRow.id))) or 0)


def authenticate(reg: Register, username: str, password: str) -> Principal | None:
    """The user, if the password is theirs and they are active. An unknown or disabled name costs the same
    argon2 check as a wrong password, so how long the answer takes does not tell which names exist."""
    with reg.reading() as s:
        row = s.scalar(select(UserRow).where(UserRow.username == username.strip()))
    matches = check_password(row.password_hash if row is not None else _unknown_user_hash(), password)
    if row is None or not row.active or not matches:
        return None
    return Principal(row.username, UserRole(row.role))


@cache
def _unknown_user_hash() -> str:
    return hash_password(generate_password())


def get_user(reg: Register, username: str) -> dict[str, Any]:
    with reg.reading() as s:
        row = s.scalar(select(UserRow).where(UserRow.username == username))
        if row is None:
            raise NotFound(f"no user {username!r}")
        return _public(row)


def list_users(reg: Register) -> list[dict[str, Any]]:
    with reg.reading() as s:
        return [_public(r) for r in s.scalars(select(UserRow).order_by(UserRow.id))]


def set_language(reg: Register, principal: Principal, language: str) -> None:
    if language not in LANGUAGES:
        raise Invalid(f"language is one of {', '.join(LANGUAGES)}")
    with reg.unit(principal) as unit:
        row = unit.session.scalar(select(UserRow).where(UserRow.username == principal.username))
        if row is None:
            raise NotFound(f"no user {principal.username!r}")
        before = _public(row)
        row.language = language
        unit.session.flush()
        unit.audit(AuditAction.UPDATE, "user", row.id, before, _public(row))


def _change_user(reg: Register, principal: Principal, username: str, change: str, value: object) -> dict[str, Any]:
    if principal.role is not UserRole.ADMIN:
        raise Forbidden("only an admin may change users")
    with reg.unit(principal) as unit:
        row = unit.session.scalar(select(UserRow).where(UserRow.username == username.strip()))
        if row is None:
            raise NotFound(f"no user {username!r}")
        before = _public(row)
        if change == "active":
            row.active = bool(value)
        elif change == "role":
            row.role = str(value)
        else:
            row.password_hash = hash_password(str(value))
        ended = end_user_sessions(unit.session, row.id) if change != "role" else 0
        unit.session.flush()
        after = _public(row)
        unit.audit(AuditAction.UPDATE, "user", row.id, before,
                   {**after, "password_changed": True} if change == "password" else after)
        return {**after, "sessions_ended": ended}


def set_active(reg: Register, principal: Principal, username: str, active: bool) -> dict[str, Any]:
    """Disable (ending every session at once) or enable a user; the records they made stay theirs."""
    if not active and username.strip() == principal.username:
        raise Invalid("you cannot disable yourself")
    return _change_user(reg, principal, username, "active", active)


def set_password(reg: Register, principal: Principal, username: str, password: str | None = None) -> tuple[
    dict[str, Any], str
]:
    """A new password (generated when none is given); every session of the user ends."""
    if password is not None and len(password) < MIN_LENGTH:
        raise Invalid(f"a password has at least {MIN_LENGTH} characters")
    secret = password or generate_password()
    return _change_user(reg, principal, username, "password", secret), secret


def set_role(reg: Register, principal: Principal, username: str, role: str) -> dict[str, Any]:
    """A new role: it applies to the user's next request (each request reads the role afresh)."""
    try:
        role_value = UserRole(role)
    except ValueError:
        raise Invalid(f"role {role!r} is not one of {', '.join(r.value for r in UserRole)}") from None
    if username.strip() == principal.username and role_value is not UserRole.ADMIN:
        raise Invalid("you cannot take the admin role from yourself")
    return _change_user(reg, principal, username, "role", str(role_value))
