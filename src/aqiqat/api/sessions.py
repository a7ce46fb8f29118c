"""Use cases: sessions of the workbench, kept on the server.

Logging in makes a random token: the browser keeps it (in the signed session cookie), the register keeps only
its SHA-256, the user and when it expires. Every request looks the token up, so logging out, disabling the
user or changing their password ends the session at once, in every worker process."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from aqiqat.api.register import Register, utcnow
from aqiqat.store.tables import UserRow, WebSessionRow

SESSION_HOURS = 12


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _utc(moment: datetime) -> datetime:
    """Naive UTC, as utcnow() gives: PostgreSQL gives back an aware time, SQLite a naive one."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def start_session(reg: Register, username: str, hours: int = SESSION_HOURS) -> str:
    """A new session for an authenticated user; returns the token the browser keeps."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with reg.sessions() as s, s.begin():
        user_id = s.scalar(select(UserRow.id).where(UserRow.username == username))
        if user_id is None:
            raise LookupError(f"no user {username!r}")
        s.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))  # tidy as we go
        s.add(WebSessionRow(token_sha256=_digest(token), user_id=user_id, created_at=now,
                            expires_at=now + timedelta(hours=hours)))
    return token


_SESSION_USER = (
    select(UserRow.id, UserRow.username, UserRow.role, UserRow.language, UserRow.active, WebSessionRow.expires_at)
    .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
    .where(WebSessionRow.token_sha256 == bindparam("digest"))
)


def session_user(reg: Register, token: str) -> dict[str, Any] | None:
    """The active user a live session belongs to, or None (unknown, ended, expired, user disabled).

    Asked on every request: plain columns through a connection (no ORM session, no identity map) and one
    statement built once, whose compiled form SQLAlchemy keeps."""
    with reg.read_engine.connect() as conn:
        found = conn.execute(_SESSION_USER, {"digest": _digest(token)}).first()
    if found is None:
        return None
    if not found.active or _utc(found.expires_at) <= utcnow():
        return None
    return {"id": found.id, "username": found.username, "role": found.role, "language": found.language,
            "active": found.active}


def end_session(reg: Register, token: str) -> None:
    with reg.sessions() as s, s.begin():
        s.execute(delete(WebSessionRow).where(WebSessionRow.token_sha256 == _digest(token)))


def end_user_sessions(session: Session, user_id: int) -> int:
    """End every session of a user, inside the caller's transaction; returns how many there were."""
    ended = session.scalars(select(WebSessionRow.token_sha256).where(WebSessionRow.user_id == user_id)).all()
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
    return len(ended)


def count_sessions(reg: Register, username: str) -> int:
    with reg.reading() as s:
        rows = s.scalars(
            select(WebSessionRow.expires_at).join(UserRow, UserRow.id == WebSessionRow.user_id)
            .where(UserRow.username == username)
        ).all()
    now = utcnow()
    return sum(1 for expires in rows if _utc(expires) > now)
