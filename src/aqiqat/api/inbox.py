"""Use cases: the review inbox across documents. Pending suggestions counted per document and per kind,
documents assigned to reviewers, and one decision applied to every pending suggestion of a kind."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.records import visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.api.review import decide
from aqiqat.domain.enums import AuditAction
from aqiqat.store.tables import DocumentRow, SuggestionRow, UserRow


def progress(reg: Register, principal: Principal, doc_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per document: suggestions in all, pending, and pending per kind (documents the reader may see)."""
    out: dict[int, dict[str, Any]] = {}
    if not doc_ids:
        return out
    with reg.reading() as s:
        rows = s.execute(
            select(SuggestionRow.document_id, SuggestionRow.kind, SuggestionRow.status, func.count())
            .join(DocumentRow, DocumentRow.id == SuggestionRow.document_id)
            .where(SuggestionRow.document_id.in_(doc_ids), DocumentRow.confidentiality.in_(visible_levels(principal)))
            .group_by(SuggestionRow.document_id, SuggestionRow.kind, SuggestionRow.status)
        ).all()
    for doc_id, kind, status, n in rows:
        item = out.setdefault(doc_id, {"total": 0, "pending": 0, "by_kind": defaultdict(int)})
        item["total"] += n
        if status == "pending":
            item["pending"] += n
            item["by_kind"][kind] += n
    return out


def inbox(
    reg: Register, principal: Principal, kind: str | None = None, assignee: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Documents with suggestions still to decide, most pending first, with counts per kind and assignee."""
    with reg.reading() as s:
        query = (
            select(DocumentRow, func.count())
            .join(SuggestionRow, SuggestionRow.document_id == DocumentRow.id)
            .where(SuggestionRow.status == "pending", DocumentRow.confidentiality.in_(visible_levels(principal)))
            .group_by(DocumentRow.id)
            .order_by(func.count().desc(), DocumentRow.id)
        )
        if kind:
            query = query.where(SuggestionRow.kind == kind)
        docs: list[dict[str, Any]] = []
        for doc, _ in s.execute(query.limit(limit * 4 if assignee else limit)):
            who = (doc.meta or {}).get("assigned_to") or ""
            if assignee and who != assignee and not (assignee == "-" and not who):
                continue
            shown = row_dict(doc)
            docs.append({"id": doc.id, "title": shown.get("title") or doc.original_name, "assigned_to": who,
                         "confidentiality": doc.confidentiality, "language": doc.language})
            if len(docs) >= limit:
                break
    counts = progress(reg, principal, [int(d["id"]) for d in docs])
    return [{**d, **counts.get(d["id"], {"total": 0, "pending": 0, "by_kind": {}})} for d in docs]


def reviewers(reg: Register) -> list[str]:
    with reg.reading() as s:
        return list(s.scalars(select(UserRow.username).where(UserRow.role.in_(("admin", "editor", "analyst")))))


def assign(reg: Register, principal: Principal, doc_id: int, username: str) -> None:
    """Give a document to a reviewer ("" takes it back); audited."""
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not assign documents")
    if username and username not in reviewers(reg):
        raise Invalid(f"{username!r} is not a reviewer")
    with reg.unit(principal) as unit:
        doc = unit.session.get(DocumentRow, doc_id)
        if doc is None or not principal.may_see(doc.confidentiality):
            raise NotFound(f"no document {doc_id}")
        before = row_dict(doc)
        doc.meta = {**(doc.meta or {}), "assigned_to": username}
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
