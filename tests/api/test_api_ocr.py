"""OCR through the service layer: the scan stays the evidence, its text is read once, audited, sealed if
restricted; and `aqiqat ingest --ocr` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.ingest.scan_fixtures import name_list, scan_pdf, scan_png, scratched_png
from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit
from aqiqat.api.documents import get_document
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.integrity import verify_register
from aqiqat.api.ocr import ocr_documents
from aqiqat.api.register import Register
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality
from aqiqat.store.tables import DocumentRow

ME = local_admin("tester")
pytestmark = pytest.mark.slow


def test_a_scan_gets_its_text_once_and_the_file_is_untouched(sqlite_settings: Settings) -> None:
    pdf = scan_pdf([name_list(8, True, seed=5)], angle=2.0)
    with Register.initialise(sqlite_settings) as reg:
        added = ingest_bytes(reg, ME, pdf, "тізім.pdf")
        assert added.document_id is not None and get_document(reg, ME, added.document_id)["text"] is None
        report = ocr_documents(reg, ME, [added.document_id])
        assert report.failed == {} and report.done[added.document_id] > 20
        doc = get_document(reg, ME, added.document_id)
        assert "Тізім" in doc["text"] and doc["meta"]["text_from"] == "ocr"
        assert doc["meta"]["ocr"]["language"] == "kaz+rus" and doc["meta"]["ocr"]["language_chosen_by"] == "detected"
        assert reg.files.read(doc["sha256"]) == pdf  # the evidence is the scan, as it came
        again = ocr_documents(reg, ME, [added.document_id])
        assert again.skipped == {added.document_id: "it has a text already (the text of a document never changes)"}
        entries = list_audit(reg, ME, 10, "document", str(added.document_id))
        assert [e["action"] for e in entries] == ["ingest", "update"]
        text = ingest_bytes(reg, ME, "Обычный текст.".encode(), "note.txt")
        assert "not a scan" in ocr_documents(reg, ME, [text.document_id or 0]).skipped[text.document_id or 0]
        assert verify_register(reg).ok


def test_a_restricted_scan_is_read_and_its_text_sealed(sqlite_settings: Settings) -> None:
    png = scan_png(name_list(6, False, seed=8), angle=1.0)
    with Register.initialise(sqlite_settings) as reg:
        added = ingest_bytes(reg, ME, png, "list.png", IngestOptions(confidentiality=Confidentiality.RESTRICTED))
        assert added.document_id is not None
        assert ocr_documents(reg, ME, [added.document_id], lang="rus").done
        with reg.reading() as s:
            row = s.get(DocumentRow, added.document_id)
            assert row is not None and row.text is None and row.text_sealed is not None and row.meta == {}
        assert "Список погибших" in get_document(reg, ME, added.document_id)["text"]
        raw = b"".join(p.read_bytes() for p in sqlite_settings.data_dir.rglob("*") if p.is_file())
        assert "Список погибших".encode() not in raw
        assert verify_register(reg).ok


def test_ingest_with_ocr_reads_new_scans(tmp_path: Path) -> None:
    runner = CliRunner()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_pdf([name_list(5, False, seed=2)], angle=-1.5))
    base = ["--data-dir", str(tmp_path / "reg")]
    env = {"AQIQAT_DATABASE_URL": ""}
    assert runner.invoke(app, [*base, "init"], env=env).exit_code == 0
    result = runner.invoke(app, [*base, "ingest", str(scan), "--ocr", "--no-extract"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "OCR: 1 documents read" in result.stdout
    shown = runner.invoke(app, [*base, "documents", "--json"], env=env)
    (doc,) = json.loads(shown.stdout)
    with Register.open(Settings.load(data_dir=tmp_path / "reg", env={})) as reg, reg.reading() as s:
        row = s.scalar(select(DocumentRow).where(DocumentRow.id == doc["id"]))
        assert row is not None and "Список погибших" in (row.text or "")


def test_the_document_page_lists_the_words_to_check(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from tests.web.conftest import login

    from aqiqat.api.users import add_user
    from aqiqat.web import create_app

    settings = Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"})
    with Register.initialise(settings) as reg:
        added = ingest_bytes(reg, ME, scratched_png(name_list(6, True, seed=9)), "list.png")
        assert added.document_id is not None and ocr_documents(reg, ME, [added.document_id]).done
        low = get_document(reg, ME, added.document_id)["meta"]["ocr"]["low_confidence_words"]
        assert low and all(conf < 60 for _, _, conf in low)
        add_user(reg, ME, "viewer", "viewer", "correct-horse-battery")
        client = TestClient(create_app(settings, reg))
        assert login(client, "viewer").status_code == 303
        page = client.get(f"/documents/{added.document_id}").text
        assert "Text read by OCR" in page and "tesseract" in page
        assert page.count("<mark title=") == min(len(low), 200)


def test_a_scanned_list_is_read_row_by_row_corrected_and_imported(tmp_path: Path) -> None:
    import csv

    runner = CliRunner()
    lines = name_list(8, False, seed=21)
    scan = tmp_path / "list.png"
    scan.write_bytes(scan_png(lines, angle=2.0))
    base = ["--data-dir", str(tmp_path / "reg")]
    env = {"AQIQAT_DATABASE_URL": ""}
    assert runner.invoke(app, [*base, "init"], env=env).exit_code == 0
    preview = tmp_path / "preview.csv"
    result = runner.invoke(app, [*base, "scan-list", str(scan), "--out", str(preview)], env=env)
    assert result.exit_code == 0, result.stderr
    assert "8 rows written" in result.stdout and "Список погибших" in result.stdout
    rows = list(csv.DictReader(preview.open(encoding="utf-8")))
    expected = [line.split(". ", 1)[1].split(", ") for line in lines[1:]]
    assert [[r["name"], r["age"], r["place"]] for r in rows] == expected
    rows[0]["name"] = "Абдрахманов Сергей Маратович"  # a person corrects the preview, then imports it
    with preview.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(app, [*base, "lists", "import", str(preview), "--source", "Скан списка",
                                 "--map", "name=name,age=age,place=place"], env=env)
    assert result.exit_code == 0, result.stderr
    (imported,) = json.loads(runner.invoke(app, [*base, "lists", "--json"], env=env).stdout)
    assert imported["entries"] == 8 and imported["source"] == "Скан списка"
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    result = runner.invoke(app, [*base, "scan-list", str(bad), "--out", str(tmp_path / "x.csv")], env=env)
    assert result.exit_code == 2 and "not an image that can be read" in result.stderr
