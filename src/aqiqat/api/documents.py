"""Use cases: list and show documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, bindparam, func, or_, select

from aqiqat.api.access import Principal
from aqiqat.api.capture_status import add_capture_status, check_outcome, status_among, status_condition
from aqiqat.api.errors import NotFound
from aqiqat.api.register import Register, row_dict, row_value
from aqiqat.api.sealing import document_fields
from aqiqat.security.redaction import redact_document
from aqiqat.store.tables import DocumentRow, SourceRow

SUMMARY_FIELDS = ("id", "sha256", "kind", "language", "title", "confidentiality", "media_type", "size")


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    source: str | None = None
    kind: str | None = None
    language: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    capture_status: str | None = None  # captured pages whose latest re-check found this, e.g. "lost"
    limit: int = 100
    offset: int = 0


def filtered(query: Any, f: DocumentFilter, principal: Principal | None = None) -> Any:
    if f.source:
        query = query.where(SourceRow.name == f.source)
    if f.kind:
        query = query.where(DocumentRow.kind == f.kind)
    if f.language:
        query = query.where(DocumentRow.language == f.language)
    if f.published_from:
        query = query.where(DocumentRow.published_at >= f.published_from)
    if f.published_to:
        query = query.where(DocumentRow.published_at <= f.published_to)
    if f.capture_status:
        query = query.where(status_condition(f.capture_status, principal))
    return query


_FILTER_KEYS = ("source", "kind", "language", "published_from", "published_to", "capture_status")


def filter_params(f: DocumentFilter) -> dict[str, Any]:
    """The filters `f` sets, by name: the parameters of `filter_conditions` (a bad capture status refused)."""
    params = {key: getattr(f, key) for key in _FILTER_KEYS if getattr(f, key)}
    if "capture_status" in params:
        check_outcome(params["capture_status"])
    return params


def filter_conditions(shape: frozenset[str]) -> list[Any]:
    """`filtered`'s conditions for the filters named in `shape`, their values left as bound parameters (those of
    `filter_params`; the reader's levels as "levels"), so that one statement serves every value."""
    conds: list[Any] = []
    if "source" in shape:
        conds.append(SourceRow.name == bindparam("source"))
    if "kind" in shape:
        conds.append(DocumentRow.kind == bindparam("kind"))
    if "language" in shape:
        conds.append(DocumentRow.language == bindparam("language"))
    if "published_from" in shape:
        conds.append(DocumentRow.published_at >= bindparam("published_from", type_=Date))
    if "published_to" in shape:
        conds.append(DocumentRow.published_at <= bindparam("published_to", type_=Date))
    if "capture_status" in shape:
        conds.append(status_among(bindparam("capture_status"), bindparam("levels", expanding=True)))
    return conds


def source_name(source: SourceRow | None, principal: Principal) -> str | None:
    """A source's name as the reader may see it (a restricted source, a witness say, is never named)."""
    if source is None:
        return None
    if not principal.may_see(source.confidentiality):
        return f"Restricted source {source.id}"
    return str(row_value(source, "name"))


def document_public(
    row: DocumentRow, source: SourceRow | None, principal: Principal, full: bool
) -> dict[str, Any]:
    hidden = {"text_sealed", "file_sealed"} if full else {"text", "meta", "text_sealed", "file_sealed"}
    if not principal.may_see(row.confidentiality):
        data = row_dict(row, frozenset(hidden), opened=False)
        data["source"] = source_name(source, principal) if source is not None and not source.sealed else None
        data["text_length"] = 0
        return redact_document(data)
    data = row_dict(row, frozenset(hidden))
    data["source"] = source_name(source, principal)
    opened = document_fields(row)  # a sealed document's text and descriptive fields, for the cleared
    data.update({k: v for k, v in opened.items() if k not in hidden})
    if not full:
        text = opened.get("text", row.text)
        data["text_length"] = len(text) if text else 0
    return data


def list_documents(reg: Register, principal: Principal, f: DocumentFilter = DocumentFilter()) -> list[dict[str, Any]]:
    query = filtered(select(DocumentRow, SourceRow).outerjoin(SourceRow, DocumentRow.source_id == SourceRow.id), f,
                     principal)
    query = query.order_by(DocumentRow.id).limit(f.limit).offset(f.offset)
    with reg.reading() as s:
        items = [document_public(row, src, principal, full=False) for row, src in s.execute(query)]
        return add_capture_status(s, principal, items)


def count_documents(reg: Register, f: DocumentFilter = DocumentFilter(), principal: Principal | None = None) -> int:
    """How many documents match `f` (with a capture status filter, only those `principal` may see)."""
    query = filtered(select(func.count(DocumentRow.id)).outerjoin(SourceRow, DocumentRow.source_id == SourceRow.id), f,
                     principal)
    with reg.reading() as s:
        return int(s.scalar(query) or 0)


def find_document_row(s: Any, ref: str | int) -> DocumentRow:
    """A document by id, full SHA-256 or a unique SHA-256 prefix of at least 6 characters."""
    text = str(ref).strip()
    row: DocumentRow | None = None
    if text.isdecimal() and len(text) < 12:
        row = s.get(DocumentRow, int(text))
    if row is None and len(text) >= 6 and all(c in "0123456789abcdef" for c in text.lower()):
        rows = s.scalars(
            select(DocumentRow)
            .where(or_(DocumentRow.sha256 == text.lower(), DocumentRow.sha256.startswith(text.lower())))
            .limit(2)
        ).all()
        if len(rows) > 1:
            raise NotFound(f"document {text!r} is ambiguous: give more of its SHA-256")
        row = rows[0] if rows else None
    if row is None:
        raise NotFound(f"no document {text!r}")
    return row


def find_document_key(s: Any, ref: str | int) -> tuple[int, str]:
    """(id, level) of the document `ref` names, as find_document_row finds it, without loading its text: for the
    panels of a document's page, which only check that the reader may see it."""
    text = str(ref).strip()
    if text.isdecimal() and len(text) < 12:
        found = s.connection().execute(
            select(DocumentRow.id, DocumentRow.confidentiality).where(DocumentRow.id == int(text))
        ).first()
        if found is not None:
            return int(found[0]), str(found[1])
    row = find_document_row(s, ref)
    return row.id, row.confidentiality


def get_document(reg: Register, principal: Principal, ref: str | int) -> dict[str, Any]:
    with reg.reading() as s:
        row = find_document_row(s, ref)
        source = s.get(SourceRow, row.source_id) if row.source_id else None
        return document_public(row, source, principal, full=True)
