"""A document reclassified after it was stored takes everything resting on it along, and leaves nothing in clear."""

from __future__ import annotations

from pathlib import Path

import pytest

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.documents import get_document
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.integrity import verify_register
from aqiqat.api.reclassify import reclassify_document
from aqiqat.api.records import create, get_record
from aqiqat.api.register import Register
from aqiqat.api.search import search_documents
from aqiqat.config import Settings
from aqiqat.domain.enums import DocumentKind, UserRole
from aqiqat.domain.model import Span

ME = local_admin("editor")
VIEWER = Principal("partner", UserRole.VIEWER)
TEXT = "Свидетель Досым Абдрахманов видел, как задержанных били в изоляторе."


def test_a_testimony_ingested_as_internal_is_restricted_later(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        doc = ingest_bytes(reg, ME, TEXT.encode(), "t.txt", IngestOptions(kind=DocumentKind.TESTIMONY, language="ru"))
        assert doc.document_id and doc.sha256
        start = TEXT.index("Досым")
        span = Span(doc.document_id, start, start + 16, TEXT[start : start + 16])
        event = create(reg, ME, "event", {"type": "torture", "title": "Избиения в изоляторе"}, evidence=[span])
        assert get_record(reg, VIEWER, "event", event["id"])["confidentiality"] == "internal"
        assert search_documents(reg, VIEWER, "Абдрахманов")
        with pytest.raises(Forbidden):
            reclassify_document(reg, VIEWER, doc.document_id, "restricted", "by mistake")
        with pytest.raises(Invalid, match="reason"):
            reclassify_document(reg, ME, doc.document_id, "restricted", "")

        shown = reclassify_document(reg, ME, doc.document_id, "restricted", "a testimony: ingested open by mistake")
        assert shown["confidentiality"] == "restricted"
        with pytest.raises(NotFound):  # the event rests on its passage: restricted with it
            get_record(reg, VIEWER, "event", event["id"])
        assert get_record(reg, ME, "event", event["id"])["confidentiality"] == "restricted"
        assert search_documents(reg, VIEWER, "Абдрахманов") == []
        assert get_document(reg, VIEWER, doc.document_id)["text"] is None
        assert get_document(reg, ME, doc.document_id)["text"] == TEXT
        assert not reg.files.has(doc.sha256) and reg.sealed_files.has(doc.sha256)
        report = verify_register(reg)
        assert not report.changed and not report.missing, (report.changed, report.missing)

        opened = reclassify_document(reg, ME, doc.document_id, "internal", "the witness agreed to be named")
        assert opened["confidentiality"] == "internal"
        assert search_documents(reg, VIEWER, "Абдрахманов")
        with pytest.raises(NotFound):  # records made from it stay restricted until each is declassified
            get_record(reg, VIEWER, "event", event["id"])
    if settings.is_sqlite:
        raw = b"".join(p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file())
        assert "Абдрахманов".encode() in raw  # open again: in clear, as it should be
