"""The register's sessions: reads never wait for a writer, see one snapshot, and cannot write; rows as data."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import defer

from aqiqat.api.access import local_admin
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.records import create
from aqiqat.api.register import Register, row_dict
from aqiqat.api.web_queries import document_facets
from aqiqat.config import Settings
from aqiqat.domain.enums import DocumentKind
from aqiqat.store.tables import EventRow

ME = local_admin("tester")


def _event(reg: Register, title: str) -> int:
    made = create(reg, ME, "event", {"type": "detention", "title": title, "start_date": "2022-01-06"})
    return int(made["id"])


def test_reading_does_not_wait_for_a_writer_and_sees_one_snapshot(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        first = _event(reg, "Задержания на площади")
        writing, release = threading.Event(), threading.Event()

        def long_write() -> None:
            with reg.unit(ME) as unit:
                row = unit.session.get(EventRow, first)
                assert row is not None
                row.title = "Задержания на площади (уточнено)"
                unit.session.flush()  # the write lock is held from here until the commit
                writing.set()
                release.wait(30)

        writer = threading.Thread(target=long_write)
        writer.start()
        try:
            assert writing.wait(30)
            started = time.monotonic()
            with reg.reading() as s:
                title = s.scalar(select(EventRow.title).where(EventRow.id == first))
            assert time.monotonic() - started < 2  # a read queued behind the writer would wait 30 s
            assert title == "Задержания на площади"  # the committed state, not the writer's
        finally:
            release.set()
            writer.join(30)
        with reg.reading() as s:
            assert s.scalar(select(EventRow.title).where(EventRow.id == first)) == "Задержания на площади (уточнено)"


def test_a_read_session_cannot_write_on_sqlite(sqlite_settings: Settings) -> None:
    with Register.initialise(sqlite_settings) as reg:
        first = _event(reg, "Обыск")
        with reg.reading() as s, pytest.raises(OperationalError, match="readonly|read-only|query_only"):
            row = s.get(EventRow, first)
            assert row is not None
            row.title = "changed by a read path"
            s.flush()


def test_row_dict_reads_loaded_and_deferred_columns(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        first = _event(reg, "Пытки в изоляторе")
        with reg.reading() as s:
            loaded = s.get(EventRow, first)
            plain = row_dict(loaded)
        with reg.reading() as s:
            partial = s.scalars(select(EventRow).options(defer(EventRow.title)).where(EventRow.id == first)).one()
            assert "title" not in partial.__dict__
            assert row_dict(partial) == plain  # the deferred title is loaded when asked for
        assert plain["title"] == "Пытки в изоляторе"
        assert plain["start_date"] == date(2022, 1, 6).isoformat()
        assert row_dict(loaded, frozenset({"title"})).keys() == plain.keys() - {"title"}


def test_facets_are_kept_until_the_register_changes(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        ingest_bytes(reg, ME, "Сообщение о задержаниях.".encode(), "a.txt", IngestOptions(source="Первый"))
        calls = []

        def count(s: object) -> int:
            calls.append(1)
            return len(calls)

        with reg.reading() as s:
            assert reg.memo(s, "n", count) == 1
            assert reg.memo(s, "n", count) == 1  # nothing changed: not computed again
        assert document_facets(reg, ME)["sources"] == ["Первый"]
        ingest_bytes(
            reg,
            ME,
            b"A report on detentions.",
            "b.txt",
            IngestOptions(source="Второй", kind=DocumentKind.TESTIMONY, language="en"),
        )
        facets = document_facets(reg, ME)  # the new document's source, kind and language at once
        assert facets["sources"] == ["Второй", "Первый"]
        assert "testimony" in facets["kinds"] and "en" in facets["languages"]
        with reg.reading() as s:
            assert reg.memo(s, "n", count) == 2
