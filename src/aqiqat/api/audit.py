"""Use cases: read the audit log and verify its hash chain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from aqiqat.api.register import Register
from aqiqat.security.audit_chain import ChainLink, ChainProblem, verify_chain
from aqiqat.security.audit_head import HeadFileError, check_head, read_head
from aqiqat.store.tables import AuditRow


def list_audit(
    reg: Register,
    limit: int = 100,
    entity: str | None = None,
    entity_id: str | None = None,
    after_seq: int | None = None,
) -> list[dict[str, Any]]:
    """The latest `limit` entries, oldest first; with `after_seq`, the first `limit` entries after that one."""
    if after_seq is None:
        query = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
    else:
        query = select(AuditRow).where(AuditRow.seq > after_seq).order_by(AuditRow.seq).limit(limit)
    if entity:
        query = query.where(AuditRow.entity == entity)
    if entity_id:
        query = query.where(AuditRow.entity_id == str(entity_id))
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
                "before": r.before,
                "after": r.after,
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
