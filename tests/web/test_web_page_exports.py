"""Every list page downloads its own view as CSV and XLSX, filtered as on the page and redacted for the reader:
documents (search and filters), claims and figures (one subject), a victims list's rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from tests.web.conftest import SECRET_NAME, SECRET_SURNAME, Seeded, seed

from aqiqat.api.access import local_admin
from aqiqat.api.lists import import_list
from aqiqat.api.register import Register

SUBJECT = "погибшие в Талдыкоргане"


@pytest.fixture(scope="module")
def seeded(web_register: Register) -> Seeded:
    return seed(web_register)


def _rows(answer: object) -> list[dict[str, str]]:
    assert answer.status_code == 200, answer.text[:300]  # type: ignore[attr-defined]
    assert answer.headers["content-type"].startswith("text/csv")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))  # type: ignore[attr-defined]


def _sheet(answer: object) -> list[list[object]]:
    book = load_workbook(io.BytesIO(answer.content))  # type: ignore[attr-defined]
    sheet = book.active
    assert sheet is not None
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_the_documents_page_exports_its_filtered_view_with_restricted_ones_redacted(
    seeded: Seeded, clients: dict[str, TestClient]
) -> None:
    viewer, editor = clients["viewer"], clients["editor"]
    page = viewer.get("/documents", params={"kind": "testimony"}).text
    assert 'href="/documents/export.csv?kind=testimony"' in page and 'id="export-documents-xlsx"' in page
    testimonies = _rows(viewer.get("/documents/export.csv", params={"kind": "testimony"}))
    assert testimonies and {r["kind"] for r in testimonies} == {"testimony"}
    mine = next(r for r in testimonies if r["id"] == str(seeded.restricted_doc))
    assert mine["title"] == f"Restricted document {seeded.restricted_doc}" and mine["sha256"]
    assert SECRET_SURNAME not in viewer.get("/documents/export.csv").content.decode("utf-8-sig")
    articles = _rows(editor.get("/documents/export.csv", params={"kind": "article"}))
    assert str(seeded.public_doc) in {r["id"] for r in articles} and all(r["kind"] == "article" for r in articles)
    found = _rows(editor.get("/documents/export.csv", params={"q": "обстреляли"}))  # the page's search, word forms
    assert str(seeded.public_doc) in {r["id"] for r in found} and str(seeded.restricted_doc) not in {
        r["id"] for r in found}
    sheet = _sheet(editor.get("/documents/export.xlsx", params={"kind": "article"}))
    assert sheet[0][:3] == ["id", "title", "kind"] and len(sheet) == len(articles) + 1


def test_the_claims_page_exports_one_subject_without_the_claims_a_reader_may_not_see(
    seeded: Seeded, clients: dict[str, TestClient]
) -> None:
    viewer, editor = clients["viewer"], clients["editor"]
    page = viewer.get("/claims", params={"subject": SUBJECT}).text
    assert 'id="export-claims-csv"' in page and "/claims/export.xlsx?subject=" in page
    cleared = _rows(editor.get("/claims/export.csv", params={"subject": SUBJECT}))
    assert {r["claimant_label"] for r in cleared} >= {"Правозащитный центр", SECRET_NAME}
    assert all(r["subject"] == SUBJECT for r in cleared)
    shown = _rows(viewer.get("/claims/export.csv", params={"subject": SUBJECT}))
    assert shown and SECRET_NAME not in {r["claimant_label"] for r in shown}
    assert all(r["event_id"] == str(seeded.event_id) for r in shown if r["claimant_label"] == "Правозащитный центр")
    assert SECRET_SURNAME not in viewer.get("/claims/export.xlsx", params={"subject": SUBJECT}).text
    assert _sheet(viewer.get("/claims/export.xlsx", params={"subject": SUBJECT}))[0][:2] == ["id", "subject"]


def test_a_victims_list_exports_its_rows_with_the_cells_not_read(
    web_register: Register, seeded: Seeded, clients: dict[str, TestClient], tmp_path: Path
) -> None:
    path = tmp_path / "список.csv"
    path.write_text("ФИО;Возраст;Дата\nНургалиев Ерлан;34;5 қаңтар 2022\nАбишева Салтанат;сто;вчера\n",
                    encoding="utf-8")
    done = import_list(web_register, local_admin("t"), path, "Центр", {"name": "ФИО", "age": "Возраст", "date": "Дата"})
    viewer = clients["viewer"]
    assert f'href="/lists/{done.list_id}/export.csv"' in viewer.get(f"/lists/{done.list_id}").text
    rows = _rows(viewer.get(f"/lists/{done.list_id}/export.csv"))
    assert [(r["row_number"], r["name"], r["event_date"], r["not_read"]) for r in rows] == [
        ("2", "Нургалиев Ерлан", "2022-01-05", ""), ("3", "Абишева Салтанат", "", "age, date")]
    assert _sheet(viewer.get(f"/lists/{done.list_id}/export.xlsx"))[2][1] == "Абишева Салтанат"
    assert viewer.get("/lists/999999/export.csv").status_code == 404


def test_the_counts_page_exports_its_table_with_every_grade_chosen(
    web_register: Register, seeded: Seeded, clients: dict[str, TestClient]
) -> None:
    from aqiqat.api.records import create
    from aqiqat.api.stats import counts
    from aqiqat.api.users import principal_for

    me = local_admin("t")
    create(web_register, me, "event", {"type": "detention", "title": "Задержания", "grade": "weak", "detained_min": 40,
                                       "confidentiality": "public"})
    create(web_register, me, "event", {"type": "detention", "title": "Тайное", "grade": "weak", "detained_min": 7,
                                       "confidentiality": "restricted"})
    viewer = clients["viewer"]
    page = viewer.get("/counts", params=[("by", "grade"), ("sent", "1"), ("grade", "fair"), ("grade", "weak")]).text
    assert 'href="/counts/export.csv?by=grade&amp;grade=fair&amp;grade=weak"' in page
    rows = _rows(viewer.get("/counts/export.csv", params=[("by", "grade"), ("grade", "fair"), ("grade", "weak")]))
    expected = counts(web_register, principal_for(web_register, "viewer"), "grade", ["fair", "weak"])
    assert [r["group"] for r in rows] == [*(r["group"] for r in expected["rows"]), "total"]
    total = rows[-1]
    assert int(total["events"]) == expected["total"]["events"] and int(total["detained_min"]) == \
        expected["total"]["detained_min"]
    assert int(rows[[r["group"] for r in rows].index("weak")]["detained_min"]) == 40  # the restricted 7 left out
    assert _sheet(viewer.get("/counts/export.xlsx", params={"by": "type"}))[0][:2] == ["group", "events"]


def test_the_inbox_exports_the_documents_to_review_as_filtered(
    web_register: Register, seeded: Seeded, clients: dict[str, TestClient]
) -> None:
    from aqiqat.api.extract import store_suggestions
    from aqiqat.domain.enums import SuggestionKind
    from aqiqat.domain.model import Span, SuggestionDraft

    me = local_admin("t")
    for doc, name in ((seeded.public_doc, "Ерлан Сапаров"), (seeded.restricted_doc, SECRET_NAME)):
        span = (Span(None, 0, 5, "Я, Ас" if doc == seeded.restricted_doc else "7 янв"),)
        store_suggestions(web_register, me, doc, [SuggestionDraft(SuggestionKind.PERSON, {"name": name, "role": ""},
                                                                  span, 0.9, "test", "1")])
    viewer, editor = clients["viewer"], clients["editor"]
    assert 'href="/inbox/export.csv?kind=person"' in viewer.get("/inbox", params={"kind": "person"}).text
    shown = _rows(viewer.get("/inbox/export.csv", params={"kind": "person"}))
    assert str(seeded.public_doc) in {r["id"] for r in shown} and str(seeded.restricted_doc) not in {
        r["id"] for r in shown}
    mine = next(r for r in shown if r["id"] == str(seeded.public_doc))
    assert int(mine["pending"]) >= 1 and "person" in mine["by_kind"]
    cleared = _rows(editor.get("/inbox/export.csv", params={"kind": "person"}))
    assert str(seeded.restricted_doc) in {r["id"] for r in cleared}
    assert _sheet(editor.get("/inbox/export.xlsx"))[0][:2] == ["id", "title"]
