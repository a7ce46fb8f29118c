"""The database engine: one SQLite file (WAL, foreign keys on) by default, PostgreSQL by URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            _private_database_file(Path(path))
        engine = create_engine(url, connect_args={"timeout": 60}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy, not pysqlite, open transactions, and take the write lock at BEGIN (one writer).
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _private_database_file(path: Path) -> None:
    """A new SQLite file is made 0600 before SQLite opens it: its WAL and shared-memory files take its mode."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def make_read_engine(engine: Engine) -> Engine:
    """The engine that read-only sessions use. For a SQLite file: its own connections whose transactions
    start with a deferred BEGIN, so readers share the database (WAL: each sees a consistent snapshot and
    never waits for a writer) instead of queueing for the write lock that BEGIN IMMEDIATE takes; and they
    are query_only, so a read path that tried to write would fail loudly. Other databases: the same engine.
    """
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return engine
    reader = create_engine(url, connect_args={"timeout": 60})
    event.listen(reader, "connect", _sqlite_reader_pragmas)
    event.listen(reader, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return reader


def _sqlite_reader_pragmas(dbapi_conn: Any, record: Any) -> None:
    _sqlite_pragmas(dbapi_conn, record)
    dbapi_conn.execute("PRAGMA query_only=ON")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
