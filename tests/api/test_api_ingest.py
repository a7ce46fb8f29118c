"""Ingest through the service layer, on SQLite and PostgreSQL, with real files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import func, select
from tests.conftest import SEED_TEXT

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.documents import get_document, list_documents
from aqiqat.api.ingest import IngestOptions, ingest_paths
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, DocumentKind
from aqiqat.store.tables import AuditRow, DocumentRow

ME = local_admin("tester")


def test_seed_ingested_twice_is_one_document_identical_to_the_file(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        first = ingest_paths(reg, ME, [SEED_TEXT])
        second = ingest_paths(reg, ME, [SEED_TEXT])
        assert [o.status for o in first.outcomes] == ["added"]
        assert [o.status for o in second.outcomes] == ["duplicate"]
        assert "nothing changed" in second.outcomes[0].message
        docs = list_documents(reg, ME)
        assert len(docs) == 1
        raw = SEED_TEXT.read_bytes()
        doc = get_document(reg, ME, docs[0]["id"])
        assert doc["sha256"] == hashlib.sha256(raw).hexdigest()
        assert doc["text"].encode("utf-8") == raw
        assert doc["language"] == "ru"
        assert reg.files.read(doc["sha256"]) == raw
        assert get_document(reg, ME, doc["sha256"][:10])["id"] == doc["id"]
        # one ingest entry in the audit log, none for the duplicate
        entries = list_audit(reg, ME)
        assert [(e["action"], e["entity"]) for e in entries] == [("ingest", "document")]


def test_one_bad_file_is_reported_and_the_rest_are_stored(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text("Вчера в Алматы задержали троих журналистов.", encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_fake.docx").write_bytes(b"this is not a zip file at all")
    (folder / "d_good.txt").write_bytes("Свидетель рассказал о допросе.".encode("cp1251"))
    with Register.initialise(settings) as reg:
        report = ingest_paths(reg, ME, [folder, tmp_path / "missing.txt"])
        status = sorted((Path(o.path).name if o.path else "", o.status) for o in report.outcomes)
        assert report.failed == 3
        assert ("a_good.txt", "added") in status and ("d_good.txt", "added") in status
        for o in report.outcomes:
            if o.status == "failed":
                assert "\n" not in o.message and o.message
        with reg.reading() as s:
            assert s.scalar(select(func.count(DocumentRow.id))) == 2
            assert s.scalar(select(func.count(AuditRow.seq))) == 2
        # every stored document has its file, and there are no stray files
        stored = set(reg.files.iter_hashes())
        assert stored == {d["sha256"] for d in list_documents(reg, ME)}
        texts = {get_document(reg, ME, d["id"])["text"] for d in list_documents(reg, ME)}
        assert "Свидетель рассказал о допросе." in texts


def test_options_are_recorded(settings: Settings, tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("Меня задержали на площади 5 января, рассказал он.", encoding="utf-8")
    opts = IngestOptions(
        source="Witness A",
        kind=DocumentKind.TESTIMONY,
        confidentiality=Confidentiality.RESTRICTED,
        language="ru",
        url="https://example.org/t",
    )
    with Register.initialise(settings) as reg:
        (outcome,) = ingest_paths(reg, ME, [f], opts).outcomes
        doc = get_document(reg, ME, outcome.document_id or 0)
        assert (doc["kind"], doc["confidentiality"], doc["source"], doc["url"]) == (
            "testimony",
            "restricted",
            "Witness A",
            "https://example.org/t",
        )
        assert verify_audit(reg) == (1, [])
