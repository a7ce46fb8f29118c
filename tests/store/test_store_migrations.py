"""The schema comes from Alembic migrations, on SQLite and on PostgreSQL; the audit log refuses change."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from aqiqat.config import Settings
from aqiqat.store.engine import make_engine
from aqiqat.store.migrate import current_revision, head_revision, upgrade


def test_upgrade_creates_every_table_at_head(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    for name in ("documents", "events", "persons", "claims", "suggestions", "audit_entries", "list_entries"):
        assert name in tables
    upgrade(engine)  # idempotent
    engine.dispose()


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_settings: Settings) -> None:
    sqlite_settings.data_dir.mkdir(parents=True)
    engine = make_engine(sqlite_settings.database_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_foreign_keys_are_enforced(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text("INSERT INTO involvements (event_id, role, count, attributes) VALUES (999, 'victim', 1, '{}')")
        )
    engine.dispose()


@pytest.mark.parametrize("statement", ["UPDATE audit_entries SET user = 'x'", "DELETE FROM audit_entries"])
def test_database_refuses_to_change_the_audit_log(settings: Settings, statement: str) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_entries (seq, at, \"user\", action, entity, entity_id, prev_hash, hash) "
                "VALUES (1, '2022-01-01 00:00:00', 'a', 'create', 'event', '1', :p, :h)"
            ),
            {"p": "0" * 64, "h": "1" * 64},
        )
    quoted = statement.replace("SET user", 'SET "user"')
    with pytest.raises(DBAPIError) as info, engine.begin() as conn:
        conn.execute(text(quoted))
    assert "append-only" in str(info.value)
    engine.dispose()


def test_migrations_and_table_definitions_agree(settings: Settings) -> None:
    """Alembic's autogenerate finds nothing to add: the models and the migrations describe one schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from aqiqat.store.tables import Base

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    search_tables = ("document_fts", "document_search")
    assert [d for d in diff if not any(t in str(d) for t in search_tables)] == []
    engine.dispose()


def test_0013_moves_an_open_documents_reviewer_into_its_own_column(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    upgrade(engine, "0012")
    with engine.begin() as conn:
        for sha, meta in (("a" * 64, '{"assigned_to": "editor", "encoding": "utf-8"}'), ("b" * 64, "{}")):
            conn.execute(
                text(
                    "INSERT INTO documents (sha256, media_type, size, kind, title, published_precision, file_sealed,"
                    " confidentiality, consent_note, original_name, metadata, version, created_at, updated_at)"
                    " VALUES (:sha, 'text/plain', 1, 'article', '', 'unknown', false, 'internal', '', 'a.txt', :meta,"
                    " 1, '2022-01-01 00:00:00', '2022-01-01 00:00:00')"
                ),
                {"sha": sha, "meta": meta},
            )
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT sha256, assigned_to FROM documents ORDER BY sha256")).all()
        indexes = {ix["name"] for ix in inspect(conn).get_indexes("suggestions")}
    assert [(sha[:1], who) for sha, who in rows] == [("a", "editor"), ("b", "")]
    assert "ix_suggestions_status_doc_kind" in indexes
    engine.dispose()
