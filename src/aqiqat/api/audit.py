"""Use cases: read the audit log and verify its hash chain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.register import Register
from aqiqat.api.sealing import KeyUnavailable, is_sealed_audit_value, open_audit_value
from aqiqat.security.audit_chain import ChainLink, ChainProblem, canonical_json, verify_chain
from aqiqat.security.audit_head import HeadFileError, check_head, read_head
from aqiqat.store.tables import AuditRow


def _shown(s: Any, principal: Principal, stored: str | None) -> str | None:
    """An audit value as the reader may see it: a restricted record's value opened for full clearance,
    "(sealed)" for anyone else."""
    if not is_sealed_audit_value(stored):
        return stored
    if not principal.may_see("restricted"):
        return "(sealed)"
    try:
        return canonical_json(open_audit_value(s, stored))
    except KeyUnavailable:
        return "(sealed under a key no longer held)"


def list_audit(
    reg: Register,
    principal: Principal,
    limit: int = 100,
    entity: str | None = None,
    entity_id: str | None = None,
    after_seq: int | None = None,
    user: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Audit entries filtered by record, user, action and time: the latest `limit` (after `offset` of the
    newest), oldest first; with `after_seq`, the first `limit` entries after that one."""
    if after_seq is None:
        query = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit).offset(offset)
    else:
        query = select(AuditRow).where(AuditRow.seq > after_seq).order_by(AuditRow.seq).limit(limit)
    if entity:
        query = query.where(AuditRow.entity == entity)
    if entity_id:
        query = query.where(AuditRow.entity_id == str(entity_id))
    if user:
        query = query.where(AuditRow.user == user)
    if action:
        query = query.where(AuditRow.action == action)
    if since:
        query = query.where(AuditRow.at >= since)
    if until:
        query = query.where(AuditRow.at < until)
    with reg.reading() as s:
        rows = s.scalars(query).all()
        return [
            {
                "seq": r.seq,
                "at": r.at.isoformat(),
                "user": r.user,
                "action": r.action,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "before": _shown(s, principal, r.before),
                "after": _shown(s, principal, r.after),
                "hash": r.hash,
            }
            for r in (reversed(rows) if after_seq is None else rows)
        ]


def verify_audit(reg: Register, head: bool = True) -> tuple[int, list[ChainProblem]]:
    """(number of entries, problems): each problem names the entry that is edited, missing, inserted or moved.

    With `head`, the chain is also compared with the head recorded outside the database (audit-head.json),
    which shows a cut-off tail or entries appended by someone else."""
    with reg.reading() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.seq)).all()
        links = [
            ChainLink(r.seq, r.at, r.user, r.action, r.entity, r.entity_id, r.before, r.after, r.prev_hash, r.hash)
            for r in rows
        ]
    problems = verify_chain(links)
    if head:
        try:
            problems += check_head(links, read_head(reg.settings.data_dir))
        except HeadFileError as exc:
            problems.append(ChainProblem(0, "head_missing", str(exc)))
    return len(links), problems
