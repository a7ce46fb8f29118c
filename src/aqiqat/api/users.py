"""Use cases: users, roles and log-in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.register import Register
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
    with reg.reading() as s:
        row = s.scalar(select(UserRow).where(UserRow.username == username.strip()))
    if row is None or not row.active or not check_password(row.password_hash, password):
        return None
    return Principal(row.username, UserRole(row.role))


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


def principal_for(reg: Register, username: str) -> Principal:
    """The principal a user acts as (their role's clearance): for exports made on their behalf."""
    data = get_user(reg, username)
    if not data.get("active", True):
        raise Invalid(f"user {username!r} is disabled")
    return Principal(str(data["username"]), UserRole(str(data["role"])))
