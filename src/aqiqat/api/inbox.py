"""Use cases: the review inbox across documents. Pending suggestions counted per document and per kind,
documents assigned to reviewers, and one decision applied to every pending suggestion of a kind.

The counts come from one index, suggestions (status, document_id, kind): the documents with pending
suggestions are counted from it alone, then only one page of documents is loaded and counted per kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import load_only

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.records import visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.api.review import decide
from aqiqat.api.sealing import clear_values
from aqiqat.domain.enums import AuditAction, SuggestionKind, SuggestionStatus
from aqiqat.store.tables import DocumentRow, SuggestionRow, UserRow

KINDS = {None, *(k.value for k in SuggestionKind)}
STATUSES = [s.value for s in SuggestionStatus]  # every status named: the index is then searched, not scanned
PAGE = 50


@dataclass(frozen=True, slots=True)
class InboxPage:
    """One page of the inbox: documents most pending first, with how many documents match in all."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


def progress(reg: Register, principal: Principal, doc_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per document: suggestions in all, pending, and pending per kind (documents the reader may see)."""
    if not doc_ids:
        return {}
    with reg.reading() as s:
        return _progress(s, principal, doc_ids)


# Built once: building and keying a statement costs SQLAlchemy more than running this one (some 0.7 ms a page).
_PROGRESS = (
    select(SuggestionRow.document_id, SuggestionRow.kind, SuggestionRow.status, func.count())
    .where(
        SuggestionRow.status.in_(STATUSES),
        SuggestionRow.document_id.in_(
            select(DocumentRow.id).where(
                DocumentRow.id.in_(bindparam("ids", expanding=True)),
                DocumentRow.confidentiality.in_(bindparam("levels", expanding=True)),
            )
        ),
    )
    .group_by(SuggestionRow.document_id, SuggestionRow.kind, SuggestionRow.status)
)


_PAGE_DOCS = select(
    DocumentRow.id, DocumentRow.title, DocumentRow.original_name, DocumentRow.assigned_to,
    DocumentRow.confidentiality, DocumentRow.language, DocumentRow.text_sealed.is_not(None).label("sealed"),
).where(
    DocumentRow.id.in_(bindparam("ids", expanding=True)),
    DocumentRow.confidentiality.in_(bindparam("levels", expanding=True)),
)


def _progress(s: Any, principal: Principal, doc_ids: list[int]) -> dict[int, dict[str, Any]]:
    # plain rows: the ORM's per-query work costs more than this query
    rows = s.connection().execute(_PROGRESS, {"ids": list(doc_ids), "levels": visible_levels(principal)}).all()
    out: dict[int, dict[str, Any]] = {}
    for doc_id, kind, status, n in rows:
        item = out.setdefault(doc_id, {"total": 0, "pending": 0, "by_kind": {}})
        item["total"] += n
        if status == SuggestionStatus.PENDING:
            item["pending"] += n
            item["by_kind"][kind] = item["by_kind"].get(kind, 0) + n
    for item in out.values():
        item["by_kind"] = dict(sorted(item["by_kind"].items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def inbox(
    reg: Register,
    principal: Principal,
    kind: str | None = None,
    assignee: str | None = None,
    limit: int = PAGE,
    offset: int = 0,
) -> InboxPage:
    """Documents with suggestions still to decide (of `kind`), most pending first, one page of them with their
    counts per kind and their reviewer; `assignee` "-" means documents nobody has taken."""
    with reg.reading() as s:
        if (kind or None) in KINDS and assignee in (None, "", "-"):  # a bounded set of keys: typed filters are not kept
            ranked = reg.memo(  # counted once per change of the register, per clearance and filter
                s,
                f"inbox:{principal.clearance}:{kind or ''}:{assignee or ''}",
                lambda s: _ranked(s, principal, kind, assignee),
            )
        else:
            ranked = _ranked(s, principal, kind, assignee)
        ids = [doc_id for doc_id, _ in ranked[offset : offset + limit]]
        if not ids:
            return InboxPage([], len(ranked))
        levels = visible_levels(principal)
        docs = {d.id: d._asdict() for d in s.connection().execute(_PAGE_DOCS, {"ids": ids, "levels": levels})}
        sealed = [doc_id for doc_id, d in docs.items() if d["sealed"]]
        if sealed:  # a sealed title and file name, opened for the readers cleared for them
            for row in s.scalars(select(DocumentRow).options(load_only(DocumentRow.text_sealed))
                                 .where(DocumentRow.id.in_(sealed), DocumentRow.confidentiality.in_(levels))):
                docs[row.id].update(clear_values(row))
        counts = _progress(s, principal, ids)
        rows = [
            {
                "id": doc_id,
                "title": docs[doc_id]["title"] or docs[doc_id]["original_name"],
                "assigned_to": docs[doc_id]["assigned_to"] or "",
                "confidentiality": docs[doc_id]["confidentiality"],
                "language": docs[doc_id]["language"],
                **counts.get(doc_id, {"total": 0, "pending": 0, "by_kind": {}}),
            }
            for doc_id in ids
            if doc_id in docs
        ]
    return InboxPage(rows, len(ranked))


def _ranked(s: Any, principal: Principal, kind: str | None, assignee: str | None) -> list[tuple[int, int]]:
    """(document, pending suggestions) for every document the reader may see that has any, most first: one
    aggregate over the index on suggestions (status, document_id, kind)."""
    pending = select(SuggestionRow.document_id, func.count().label("n")).where(
        SuggestionRow.status == SuggestionStatus.PENDING
    )
    if kind:
        pending = pending.where(SuggestionRow.kind == kind)
    counted = pending.group_by(SuggestionRow.document_id).subquery()
    query = (
        select(counted.c.document_id, counted.c.n)
        .join(DocumentRow, DocumentRow.id == counted.c.document_id)
        .where(DocumentRow.confidentiality.in_(visible_levels(principal)))
    )
    if assignee:
        query = query.where(DocumentRow.assigned_to == ("" if assignee == "-" else assignee))
    found = s.execute(query.order_by(counted.c.n.desc(), counted.c.document_id)).all()
    return [(int(doc_id), int(n)) for doc_id, n in found]


def reviewers(reg: Register) -> list[str]:
    with reg.reading() as s:
        return list(s.connection().scalars(_REVIEWERS))


_REVIEWERS = select(UserRow.username).where(UserRow.role.in_(("admin", "editor", "analyst")))


def assign(reg: Register, principal: Principal, doc_id: int, username: str) -> None:
    """Give a document to a reviewer ("" takes it back); audited. The reviewer's name is the document's own
    column, in clear at every level (it says who reviews, nothing of what the document holds)."""
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not assign documents")
    if username and username not in reviewers(reg):
        raise Invalid(f"{username!r} is not a reviewer")
    with reg.unit(principal) as unit:
        doc = unit.session.get(DocumentRow, doc_id)
        if doc is None or not principal.may_see(doc.confidentiality):
            raise NotFound(f"no document {doc_id}")
        if (doc.assigned_to or "") == username:
            return
        before = row_dict(doc)
        doc.assigned_to = username
        unit.session.flush()
        unit.audit(AuditAction.UPDATE, "document", doc.id, before, row_dict(doc))


def decide_kind(reg: Register, principal: Principal, doc_id: int, kind: str, action: str) -> int:
    """Accept or reject every pending suggestion of one kind in one document; returns how many."""
    if action not in ("accept", "reject"):
        raise Invalid("a bulk decision is accept or reject")
    with reg.reading() as s:
        doc = s.get(DocumentRow, doc_id)
        if doc is None or not principal.may_see(doc.confidentiality):
            raise NotFound(f"no document {doc_id}")
        pending = s.execute(
            select(SuggestionRow.id, SuggestionRow.version).where(
                SuggestionRow.document_id == doc_id, SuggestionRow.kind == kind, SuggestionRow.status == "pending"
            )
        ).all()
    for sid, version in pending:
        decide(reg, principal, sid, version, action)
    return len(pending)
