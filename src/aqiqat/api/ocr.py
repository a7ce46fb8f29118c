"""Use case: read scans and photographed documents with OCR (`aqiqat ocr DOC…`, `aqiqat ingest --ocr`).

A PDF without a text layer or an image keeps its file untouched as the evidence; the OCR text becomes the
document's text once (a document that has a text is never re-read), with the engine, the language and how it
was chosen, and every low-confidence word's span in the metadata, for review. Audited like any change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from aqiqat.api.access import Principal
from aqiqat.api.documents import find_document_row
from aqiqat.api.errors import Invalid
from aqiqat.api.register import Register, row_dict, utcnow
from aqiqat.api.sealing import KeyUnavailable, document_fields
from aqiqat.api.search import index_row
from aqiqat.domain.enums import AuditAction
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.language import detect_language
from aqiqat.ingest.ocr import ocr_bytes
from aqiqat.ingest.scanned_list import COLUMNS
from aqiqat.store.tables import DocumentRow

OCR_TYPES = ("application/pdf", "image/")
NO_TEXT = frozenset({"text"})


@dataclass(slots=True)
class OcrReport:
    done: dict[int, int] = field(default_factory=dict)  # document id -> words read
    skipped: dict[int, str] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)


def readable(row: DocumentRow) -> str | None:
    """Why OCR does not apply to the document, or None when it does."""
    if not row.media_type.startswith(OCR_TYPES):
        return f"{row.media_type} is not a scan (OCR reads PDFs and images)"
    if row.text is not None or (row.text_sealed is not None and document_fields(row).get("text")):
        return "it has a text already (the text of a document never changes)"
    return None


def ocr_documents(reg: Register, principal: Principal, refs: Iterable[str | int], lang: str | None = None,
                  progress: Callable[[int, str], None] | None = None) -> OcrReport:
    report = OcrReport()
    for ref in refs:
        with reg.reading() as s:
            row = find_document_row(s, ref)
            doc_id, why = row.id, readable(row)
            sha, sealed, media_type = row.sha256, row.file_sealed, row.media_type
        if why:
            report.skipped[doc_id] = why
            continue
        try:
            data = reg.sealed_files.read(sha, reg.keys.require()) if sealed else reg.files.read(sha)
            result = ocr_bytes(data, media_type, f"document {doc_id}", lang)
        except (IngestError, KeyUnavailable) as exc:
            report.failed[doc_id] = str(exc)
            if progress:
                progress(doc_id, "failed")
            continue
        if not result.text.strip():
            report.failed[doc_id] = f"document {doc_id}: OCR found no text"
            continue
        with reg.unit(principal) as unit:
            doc = unit.session.get(DocumentRow, doc_id)
            assert doc is not None
            before = row_dict(doc, NO_TEXT)
            meta = dict(document_fields(doc).get("meta", {}) if doc.text_sealed is not None else doc.meta)
            meta["ocr"] = result.metadata()
            meta["text_from"] = "ocr"
            doc.text = result.text
            doc.meta = meta
            doc.language = doc.language or detect_language(result.text)
            doc.updated_at = utcnow()
            unit.session.flush()
            index_row(unit.session, doc)
            unit.audit(AuditAction.UPDATE, "document", doc_id, before, {**row_dict(doc, NO_TEXT), "ocr": {
                "language": result.language, "words": len(result.words), "pages": result.pages}})
        report.done[doc_id] = len(result.words)
        if progress:
            progress(doc_id, "read")
    return report


LIST_COLUMNS = COLUMNS


def scanned_list_rows(data: bytes, name: str, lang: str | None = None) -> tuple[list[dict[str, object]], list[str]]:
    """A scanned list (PDF or image) read row by row for correction before `aqiqat lists import`: its rows
    as the importer's columns (name, age, place, notes) with their confidence, and its heading lines.
    Invalid (one line) when it cannot be read."""
    from aqiqat.ingest.media_types import sniff
    from aqiqat.ingest.scanned_list import rows_of

    try:
        result = ocr_bytes(data, sniff(data, name).media_type, name, lang)
    except IngestError as exc:
        raise Invalid(str(exc)) from None
    rows, heading = rows_of(result)
    return [r.as_dict() for r in rows], heading
