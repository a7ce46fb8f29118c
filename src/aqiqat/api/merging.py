"""Use cases: merge two people, places or actors into one, and split them again.

A merge moves every reference to the merged record (involvements, claims, quotes, list rows, names, evidence,
events' places) to the one kept, and writes in its audit entry exactly what it moved, so that a split puts
back exactly that. Nothing is deleted: the merged record stays, marked (a person) or named as a variant."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Conflict, Forbidden, Invalid, NotFound
from aqiqat.api.records import TABLES, record_view
from aqiqat.api.register import Register, Unit, row_dict
from aqiqat.api.sealing import is_sealed_audit_value, open_audit_value
from aqiqat.domain.enums import AuditAction
from aqiqat.store.tables import (
    AuditRow,
    ClaimRow,
    EventRow,
    EvidenceRow,
    InvolvementRow,
    ListEntryRow,
    PersonNameRow,
    PlaceRow,
    QuoteRow,
)

MERGEABLE = ("person", "place", "actor")
REFERENCES: dict[str, list[tuple[Any, str]]] = {
    "person": [
        (InvolvementRow, "person_id"),
        (ClaimRow, "claimant_person_id"),
        (ClaimRow, "person_id"),
        (QuoteRow, "speaker_person_id"),
        (ListEntryRow, "person_id"),
        (PersonNameRow, "person_id"),
    ],
    "place": [(EventRow, "place_id"), (PlaceRow, "parent_id")],
    "actor": [(InvolvementRow, "actor_id"), (ClaimRow, "claimant_actor_id"), (QuoteRow, "speaker_actor_id")],
}
BY_NAME = {table.__tablename__: table for refs in REFERENCES.values() for table, _ in refs}


def _readable(unit: Unit, entity: str, record_id: int) -> Any:
    row = unit.session.get(TABLES[entity], record_id)
    if row is None or not unit.principal.may_see(row.confidentiality):
        raise NotFound(f"no {entity} {record_id}")
    return row


def merge(
    reg: Register, principal: Principal, entity: str, keep_id: int, gone_id: int,
    versions: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """Make `gone_id` one with `keep_id` (both must be readable); returns the kept record. With `versions`
    (the kept record's and the merged one's, as the merger saw them), a record changed since is a Conflict."""
    if entity not in MERGEABLE:
        raise Invalid(f"only {', '.join(MERGEABLE)} can be merged")
    if keep_id == gone_id:
        raise Invalid("a record cannot be merged with itself")
    with reg.unit(principal) as unit:
        if not principal.may_edit:
            raise Forbidden(f"{principal.username} ({principal.role}) may not merge records")
        keep, gone = _readable(unit, entity, keep_id), _readable(unit, entity, gone_id)
        if versions is not None and (keep.version, gone.version) != tuple(versions):
            raise Conflict(f"{entity} {keep_id} or {gone_id} changed since they were compared: compare them again")
        if getattr(gone, "merged_into_id", None) is not None:
            raise Invalid(f"{entity} {gone_id} is already merged into {gone.merged_into_id}")
        s = unit.session
        before = row_dict(gone)
        moved: list[list[Any]] = []
        for table, column in REFERENCES[entity]:
            for row in s.scalars(select(table).where(getattr(table, column) == gone_id)).all():
                was = row_dict(row)
                setattr(row, column, keep_id)
                moved.append([table.__tablename__, column, row.id])
                _audit_moved(unit, table, row, was)
        for ev in s.scalars(select(EvidenceRow).where(EvidenceRow.entity == entity, EvidenceRow.entity_id == gone_id)):
            ev.entity_id = keep_id
            moved.append(["evidence", "entity_id", ev.id])
        variant_added = None
        if entity == "person":
            gone.merged_into_id = keep_id
        else:
            name = row_dict(gone)["name"]
            variants = list(row_dict(keep).get("variants") or [])
            if name not in variants and name != row_dict(keep)["name"]:
                keep.variants = [*variants, name]
                variant_added = name
        if variant_added:
            s.flush()
            unit.audit(AuditAction.UPDATE, entity, keep_id, None, row_dict(keep))
        s.flush()
        effect = {"merged_into": keep_id, "moved": moved, "variant_added": variant_added}
        unit.audit(AuditAction.MERGE, entity, gone_id, before, {**row_dict(gone), "_merge": effect})
        return record_view(entity, keep, principal)


def split(reg: Register, principal: Principal, entity: str, gone_id: int) -> dict[str, Any]:
    """Undo the last merge of `gone_id`: every reference it moved goes back to it."""
    if entity not in MERGEABLE:
        raise Invalid(f"only {', '.join(MERGEABLE)} can be split")
    with reg.unit(principal) as unit:
        s = unit.session
        gone = _readable(unit, entity, gone_id)
        entry = s.scalar(
            select(AuditRow)
            .where(AuditRow.entity == entity, AuditRow.entity_id == str(gone_id),
                   AuditRow.action.in_(("merge", "split")))
            .order_by(AuditRow.seq.desc())
            .limit(1)
        )
        if entry is not None and entry.action == "split":  # split already: nothing to undo
            entry = None
        after: dict[str, Any] = {}
        if entry is not None and entry.after:
            after = open_audit_value(s, entry.after) if is_sealed_audit_value(entry.after) else json.loads(entry.after)
        effect = after.get("_merge") or {}
        if not effect or (entity == "person" and gone.merged_into_id is None):
            raise Invalid(f"{entity} {gone_id} is not merged")
        keep = _readable(unit, entity, int(effect["merged_into"]))
        before = row_dict(gone)
        for table_name, column, row_id in effect["moved"]:
            table = EvidenceRow if table_name == "evidence" else BY_NAME[table_name]
            row = s.get(table, row_id)
            if row is not None and getattr(row, column) == keep.id:
                was = row_dict(row)
                setattr(row, column, gone_id)
                _audit_moved(unit, table, row, was)
        if entity == "person":
            gone.merged_into_id = None
        elif effect.get("variant_added"):
            keep.variants = [v for v in (row_dict(keep).get("variants") or []) if v != effect["variant_added"]]
            s.flush()
            unit.audit(AuditAction.UPDATE, entity, keep.id, None, row_dict(keep))
        s.flush()
        unit.audit(AuditAction.SPLIT, entity, gone_id, before, row_dict(gone))
        return record_view(entity, gone, principal)


AUDITED_TABLES = {"involvements": "involvement", "claims": "claim", "quotes": "quote", "events": "event",
                  "places": "place"}


def _audit_moved(unit: Unit, table: Any, row: Any, before: dict[str, Any]) -> None:
    """A record whose reference moved is audited with its new state (the log holds every record as it is)."""
    entity = AUDITED_TABLES.get(table.__tablename__)
    if entity is not None:
        unit.session.flush()
        unit.audit(AuditAction.UPDATE, entity, row.id, before, row_dict(row))
