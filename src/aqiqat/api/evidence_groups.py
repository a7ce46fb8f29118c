"""Use cases: documents carrying the same picture or video ("also seen in") grouped as one piece of evidence.

An editor (or admin) groups a document with some of its matches; the group is shown on each member's page,
with the members the reader is cleared for. Grouping with a document already in a group adds to that group.
Ungrouping ends the group, dated and audited; nothing is deleted. A restricted member is never named to a
reader who is not cleared for it, and a reader not cleared for the document sees no group at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.documents import find_document_key, find_document_row
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.perceptual import also_seen_in
from aqiqat.api.register import Register, row_dict, utcnow
from aqiqat.api.sealing import document_fields
from aqiqat.domain.enums import AuditAction, UserRole
from aqiqat.store.tables import DocumentRow, EvidenceGroupMemberRow, EvidenceGroupRow

CURATORS = (UserRole.EDITOR, UserRole.ADMIN)


def _active_group(s: Any, doc_id: int) -> EvidenceGroupRow | None:
    return s.scalar(select(EvidenceGroupRow).join(EvidenceGroupMemberRow)
                    .where(EvidenceGroupMemberRow.document_id == doc_id, EvidenceGroupRow.ended_at.is_(None)))


def _members(s: Any, group_id: int) -> list[int]:
    return list(s.scalars(select(EvidenceGroupMemberRow.document_id)
                          .where(EvidenceGroupMemberRow.group_id == group_id).order_by(EvidenceGroupMemberRow.id)))


def _visible(s: Any, principal: Principal, ref: str | int) -> DocumentRow:
    row = find_document_row(s, ref)
    if not principal.may_see(row.confidentiality):
        raise NotFound(f"no document {str(ref)!r}")
    return row


def group_matches(reg: Register, principal: Principal, ref: str | int, others: Iterable[str | int]) -> int:
    """Group document `ref` with `others` (each among its matches); the group's id."""
    if principal.role not in CURATORS:
        raise Forbidden(f"{principal.username} ({principal.role}) may not group evidence")
    with reg.reading() as s:
        doc_id = _visible(s, principal, ref).id
    matches = {m["document_id"] for m in also_seen_in(reg, principal, doc_id)}
    wanted: list[int] = []
    for other in others:
        text = str(other).strip()
        if not text.isdecimal() or int(text) not in matches:
            raise Invalid(f"document {text!r} is not among the matches of document {doc_id}")
        wanted.append(int(text))
    if not wanted:
        raise Invalid("choose at least one matching document to group with")
    with reg.unit(principal) as unit:
        s = unit.session
        group = _active_group(s, doc_id)
        for other in wanted:
            theirs = _active_group(s, other)
            if theirs is not None and (group is None or theirs.id != group.id):
                raise Invalid(f"document {other} is already in evidence group {theirs.id}: ungroup it first")
        if group is None:
            group = EvidenceGroupRow(created_at=utcnow())
            s.add(group)
            s.flush()
            unit.audit(AuditAction.CREATE, "evidence_group", group.id, None, row_dict(group))
        have = set(_members(s, group.id))
        for member in [doc_id, *wanted]:
            if member not in have:
                row = EvidenceGroupMemberRow(group_id=group.id, document_id=member)
                s.add(row)
                s.flush()
                have.add(member)
                unit.audit(AuditAction.CREATE, "evidence_group_member", row.id, None, row_dict(row))
        return int(group.id)


def ungroup(reg: Register, principal: Principal, ref: str | int) -> int:
    """End the evidence group document `ref` is in; the group's id."""
    if principal.role not in CURATORS:
        raise Forbidden(f"{principal.username} ({principal.role}) may not group evidence")
    with reg.unit(principal) as unit:
        doc = _visible(unit.session, principal, ref)
        group = _active_group(unit.session, doc.id)
        if group is None:
            raise Invalid(f"document {doc.id} is in no evidence group")
        before = row_dict(group)
        group.ended_at = utcnow()
        unit.session.flush()
        unit.audit(AuditAction.UPDATE, "evidence_group", group.id, before, row_dict(group))
        return int(group.id)


def evidence_group(reg: Register, principal: Principal, ref: str | int) -> dict[str, Any] | None:
    """The evidence group document `ref` is in (its id and the other members the reader may see), or None."""
    with reg.reading() as s:
        doc_id, level = find_document_key(s, ref)
        if not principal.may_see(level):
            raise NotFound(f"no document {str(ref)!r}")
        group = _active_group(s, doc_id)
        if group is None:
            return None
        members = []
        for member_id in _members(s, group.id):
            row = s.get(DocumentRow, member_id)
            if member_id == doc_id or row is None or not principal.may_see(row.confidentiality):
                continue
            title = document_fields(row).get("title", row.title) if row.text_sealed is not None else row.title
            members.append({"document_id": member_id, "kind": row.kind, "title": title})
        return {"id": group.id, "created_at": group.created_at, "members": members}
