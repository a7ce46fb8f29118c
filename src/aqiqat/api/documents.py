"""Use cases: list and show documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Date, Integer, bindparam, func, or_, select

from aqiqat.api.access import Principal
from aqiqat.api.capture_status import add_capture_status, check_outcome, status_among, status_condition
from aqiqat.api.errors import NotFound
from aqiqat.api.register import Register, columns_of, plain_dict, row_dict, row_value
from aqiqat.api.sealing import document_fields
from aqiqat.domain.enums import Confidentiality
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


LISTED_HIDDEN = frozenset({"text", "meta", "text_sealed", "file_sealed"})  # what document_public(full=False) leaves out
_SOURCES = select(SourceRow).where(SourceRow.id.in_(bindparam("ids", expanding=True)))
_DOCUMENTS = select(DocumentRow).where(DocumentRow.id.in_(bindparam("ids", expanding=True)))


def listed_columns() -> tuple[Any, ...]:
    """What a list reads of each document as plain columns, for `listed`."""
    return (*columns_of(DocumentRow, LISTED_HIDDEN), func.length(DocumentRow.text).label("text_length"),
            DocumentRow.text_sealed.is_not(None).label("is_sealed"))


def listed(s: Any, principal: Principal, rows: Sequence[Any]) -> list[tuple[dict[str, Any], DocumentRow | None]]:
    """Documents read as `listed_columns` (mappings), each as `document_public(full=False)` gives it, with the ORM
    row when one was needed: a sealed document, or one the reader may not see, goes the ORM way (document_public
    opens what the reader is cleared for and redacts the rest); the others are built from their columns, which
    costs a list of fifty far less than loading fifty ORM rows."""
    source_ids = sorted({r["source_id"] for r in rows if r["source_id"] is not None})
    sources = {src.id: src for src in s.scalars(_SOURCES, {"ids": source_ids})} if source_ids else {}
    special = [r["id"] for r in rows if r["is_sealed"] or not principal.may_see(r["confidentiality"])]
    loaded = {d.id: d for d in s.scalars(_DOCUMENTS, {"ids": special})} if special else {}
    out: list[tuple[dict[str, Any], DocumentRow | None]] = []
    for r in rows:
        row = loaded.get(r["id"])
        if row is not None:
            out.append((document_public(row, sources.get(row.source_id or -1), principal, full=False), row))
            continue
        item = plain_dict(r, DocumentRow, LISTED_HIDDEN)
        item["source"] = source_name(sources.get(r["source_id"]), principal)
        item["text_length"] = int(r["text_length"] or 0)  # texts hold no NUL (extracted.py), where SQLite stops
        out.append((item, None))
    return out


@cache
def _list_statements(shape: frozenset[str]) -> tuple[Any, Any]:
    """The documents list's count and page for the filters named in `shape`, built once (`filter_conditions`)."""
    conds = filter_conditions(shape)
    joined = select(DocumentRow.id).outerjoin(SourceRow, DocumentRow.source_id == SourceRow.id).where(*conds)
    page = (
        select(*listed_columns())
        .outerjoin(SourceRow, DocumentRow.source_id == SourceRow.id)
        .where(*conds)
        .order_by(DocumentRow.id)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )
    return select(func.count()).select_from(joined.subquery()), page


def _list_params(f: DocumentFilter, principal: Principal | None) -> dict[str, Any]:
    params = filter_params(f)
    # a capture status is matched only on documents the reader may see (with no reader, the public ones)
    params["levels"] = [c.value for c in Confidentiality if principal is not None and principal.may_see(c)] or [
        Confidentiality.PUBLIC.value
    ]
    return params


def list_documents(reg: Register, principal: Principal, f: DocumentFilter = DocumentFilter()) -> list[dict[str, Any]]:
    params = _list_params(f, principal)
    _, page = _list_statements(frozenset(params) - {"levels"})
    with reg.reading() as s:
        rows = s.connection().execute(page, {**params, "limit": f.limit, "offset": f.offset}).mappings().all()
        return add_capture_status(s, principal, [item for item, _ in listed(s, principal, rows)])


def count_documents(reg: Register, f: DocumentFilter = DocumentFilter(), principal: Principal | None = None) -> int:
    """How many documents match `f` (with a capture status filter, only those `principal` may see)."""
    params = _list_params(f, principal)
    count, _ = _list_statements(frozenset(params) - {"levels"})
    with reg.reading() as s:
        return int(s.connection().scalar(count, params) or 0)


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
