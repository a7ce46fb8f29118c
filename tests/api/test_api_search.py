"""Full-text search finds Russian words in any of their forms, on both databases, and hides what it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.ingest import IngestOptions, ingest_paths
from aqiqat.api.register import Register
from aqiqat.api.search import search_documents
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, UserRole

ME = local_admin("a")


def test_word_forms_find_each_other(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("В Шымкенте задержали журналистов после митинга.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Полиция сообщила о задержании трёх активистов.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Погода в Астане: снег и ветер.", encoding="utf-8")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "d.txt").write_text("Свидетель Кайрат видел задержание журналистов.", encoding="utf-8")
    with Register.initialise(settings) as reg:
        ingest_paths(reg, ME, [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"])
        ingest_paths(reg, ME, [secret], IngestOptions(confidentiality=Confidentiality.RESTRICTED))
        found = search_documents(reg, ME, "журналист")
        assert [d["title"] for d in found] == ["В Шымкенте задержали журналистов после митинга."]
        assert "журналистов" in found[0]["snippet"]
        assert len(search_documents(reg, ME, "митинги")) == 1
        assert search_documents(reg, ME, "снегом") and not search_documents(reg, ME, "дождь")
        viewer = Principal("v", UserRole.VIEWER)
        assert all("Кайрат" not in str(d) for d in search_documents(reg, viewer, "журналистов"))
        # hostile input is just words
        for q in ['"; DROP TABLE documents; --', "NEAR(a b)", "журнал* OR 1=1", "'", ""]:
            assert isinstance(search_documents(reg, ME, q), list)
        assert len(search_documents(reg, ME, "задержание")) >= 1


def test_search_pages_and_filters_in_the_database(sqlite_settings: Settings, tmp_path: Path) -> None:
    from aqiqat.api.documents import DocumentFilter
    from aqiqat.api.search import search

    for i in range(7):
        (tmp_path / f"r{i}.txt").write_text(f"Отчёт {i}: задержания на площади продолжились.", encoding="utf-8")
    with Register.initialise(sqlite_settings) as reg:
        ingest_paths(reg, ME, [tmp_path / f"r{i}.txt" for i in range(4)], IngestOptions(source="A"))
        ingest_paths(reg, ME, [tmp_path / f"r{i}.txt" for i in range(4, 7)], IngestOptions(source="B"))
        rows, total = search(reg, ME, "задержаний", DocumentFilter(limit=2))
        assert total == 7 and len(rows) == 2
        rows, total = search(reg, ME, "площадь", DocumentFilter(source="B", limit=10))
        assert total == 3 and {r["source"] for r in rows} == {"B"}
        rows, total = search(reg, ME, "площадь", DocumentFilter(source="B", limit=2, offset=2))
        assert total == 3 and len(rows) == 1


def test_past_the_rank_limit_the_newest_come_first(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aqiqat.api import search as search_api
    from aqiqat.api.documents import DocumentFilter

    monkeypatch.setattr(search_api, "RANK_LIMIT", 3)
    for i in range(6):
        (tmp_path / f"n{i}.txt").write_text(f"Сводка {i}: задержания продолжаются.", encoding="utf-8")
    with Register.initialise(settings) as reg:
        ingest_paths(reg, ME, [tmp_path / f"n{i}.txt" for i in range(6)])
        rows, total = search_api.search(reg, ME, "задержание", DocumentFilter(limit=2))
        assert total == 4  # "more than 3"
        assert [r["id"] for r in rows] == [6, 5]
        rows, total = search_api.search(reg, ME, "задержание", DocumentFilter(source="nobody"))
        assert (rows, total) == ([], 0)


def test_the_count_is_the_same_whoever_reads_and_however_filtered(settings: Settings, tmp_path: Path) -> None:
    """Every role is cleared for internal documents, so unfiltered matches are counted on the index alone; the
    count must equal what the documents join gives (a filter that keeps all), and a restricted document (never
    indexed, or unindexed when raised) is never counted."""
    from aqiqat.api.documents import DocumentFilter
    from aqiqat.api.reclassify import reclassify_document
    from aqiqat.api.search import search

    for i, level in enumerate(["public", "public", "internal", "internal", "internal", "restricted"]):
        (tmp_path / f"{level}{i}.txt").write_text(f"Протокол {i}: обыск в офисе.", encoding="utf-8")
    with Register.initialise(settings) as reg:
        for i, level in enumerate(["public", "public", "internal", "internal", "internal", "restricted"]):
            ingest_paths(reg, ME, [tmp_path / f"{level}{i}.txt"], IngestOptions(
                source="Отдел", confidentiality=Confidentiality(level)))
        editor = Principal("e", UserRole.EDITOR)
        assert search(reg, Principal("v", UserRole.VIEWER), "обыска", DocumentFilter())[1] == 5
        assert search(reg, editor, "обыска", DocumentFilter())[1] == 5
        assert search(reg, ME, "обыска", DocumentFilter())[1] == 5  # the restricted one is found by its metadata only
        assert search(reg, ME, "обыска", DocumentFilter(source="Отдел"))[1] == 5  # counted through the join
        reclassify_document(reg, ME, 3, Confidentiality.RESTRICTED, "a witness is named")
        assert search(reg, editor, "обыска", DocumentFilter())[1] == 4


def test_a_found_row_is_what_the_documents_list_shows_of_it(settings: Settings, tmp_path: Path) -> None:
    """Search and the documents list read their page as plain columns; each row must hold the same fields and
    values as document_public gives from the ORM row (dates as ISO text, the source by name, the text's length,
    a restricted document redacted for a reader not cleared for it)."""
    from datetime import date

    from aqiqat.api.documents import DocumentFilter, count_documents, list_documents
    from aqiqat.api.search import search

    (tmp_path / "a.txt").write_text("Очевидцы рассказали о задержаниях у акимата.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Сообщают о новых задержаниях ночью.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Задержания продолжаются, список растёт.", encoding="utf-8")
    viewer = Principal("v", UserRole.VIEWER)
    with Register.initialise(settings) as reg:
        ingest_paths(reg, ME, [tmp_path / "a.txt"], IngestOptions(source="Правозащитный центр",
                                                                  published_at=date(2022, 1, 7),
                                                                  url="https://example.org/a"))
        ingest_paths(reg, ME, [tmp_path / "b.txt"], IngestOptions(confidentiality=Confidentiality.PUBLIC))
        ingest_paths(reg, ME, [tmp_path / "c.txt"], IngestOptions(source="Правозащитный центр", language="ru"))
        (tmp_path / "d.txt").write_text("Свидетельница видела задержания.", encoding="utf-8")
        ingest_paths(reg, ME, [tmp_path / "d.txt"], IngestOptions(source="Свидетель", consent_note="устно",
                                                                  confidentiality=Confidentiality.RESTRICTED))
        for reader in (ME, viewer):
            # the documents list reads its rows the same way: sealed or hidden ones through document_public
            listed = list_documents(reg, reader, DocumentFilter(limit=10))
            assert len(listed) == 4 and count_documents(reg, DocumentFilter(), reader) == 4
            _assert_as_document_public(reg, reader, listed)
            assert all("Свидетель" not in str(d) for d in listed) or reader is ME
        for reader in (ME, viewer):
            rows, total = search(reg, reader, "задержание", DocumentFilter(limit=10))
            assert total == 3 and len(rows) == 3
            _assert_as_document_public(reg, reader, rows)
            assert all("задержан" in found["snippet"].lower() for found in rows)


def _assert_as_document_public(reg: Register, reader: Principal, found: list[dict[str, object]]) -> None:
    """Each listed row holds the fields and values, in order, that document_public gives from the ORM row (the
    search snippet and the capture status apart: they are added to it)."""
    from sqlalchemy import select

    from aqiqat.api.documents import document_public
    from aqiqat.store.tables import DocumentRow, SourceRow

    with reg.reading() as s:
        for item in found:
            row = s.get(DocumentRow, item["id"])
            assert row is not None
            source = s.scalar(select(SourceRow).where(SourceRow.id == row.source_id)) if row.source_id else None
            expected = document_public(row, source, reader, full=False)
            shown = {k: v for k, v in item.items() if k != "snippet" and not k.startswith("capture_")}
            assert shown == expected and list(shown) == list(expected)
