"""Use cases (read layer): places and actors as the reader may see them, with what refers to them, and which
were merged into which (for the merge page and splits).

A merge of places or actors leaves the merged record in place with nothing pointing at it; which record was
merged into which is read back from the audit (the last merge of a record not split since), the one place
that keeps it. Everything here filters by the reader's clearance in SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid, NotFound
from aqiqat.api.records import visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.api.sealing import is_sealed_audit_value, open_audit_value
from aqiqat.store.tables import ActorRow, AuditRow, ClaimRow, EventRow, InvolvementRow, PlaceRow, QuoteRow

TABLES: dict[str, Any] = {"place": PlaceRow, "actor": ActorRow}
COLUMNS = {"place": ("id", "name", "kind", "variants", "parent", "latitude", "longitude", "gazetteer_id", "uses",
                     "confidentiality"),
           "actor": ("id", "name", "kind", "variants", "uses", "confidentiality")}


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """The filters of the places and actors pages."""

    name: str | None = None
    kind: str | None = None
    merged: bool = False  # also the records merged into another
    limit: int = 50
    offset: int = 0


def _table(entity: str) -> Any:
    if entity not in TABLES:
        raise Invalid(f"only {', '.join(TABLES)} are listed here")
    return TABLES[entity]


def merges(s: Session, entity: str) -> dict[int, int]:
    """Each record of ``entity`` merged into another and not split since: {merged id: kept id}."""
    out: dict[int, int] = {}
    query = select(AuditRow).where(AuditRow.entity == entity, AuditRow.action.in_(("merge", "split")))
    for entry in s.scalars(query.order_by(AuditRow.seq)):
        gone = int(entry.entity_id)
        if entry.action == "split":
            out.pop(gone, None)
            continue
        after = entry.after or "{}"
        value = open_audit_value(s, after) if is_sealed_audit_value(after) else json.loads(after)
        kept = (value.get("_merge") or {}).get("merged_into") if isinstance(value, dict) else None
        if kept is not None:
            out[gone] = int(kept)
    return out


def _uses(s: Session, entity: str, ids: list[int], seen: list[str]) -> dict[int, int]:
    """How many records the reader may see refer to each of ``ids`` (events for a place; involvements,
    claims and quotes for an actor)."""
    if not ids:
        return {}
    refs: list[tuple[Any, Any]] = [(EventRow, EventRow.place_id)] if entity == "place" else [
        (InvolvementRow, InvolvementRow.actor_id), (ClaimRow, ClaimRow.claimant_actor_id),
        (QuoteRow, QuoteRow.speaker_actor_id)]
    out: dict[int, int] = {}
    for table, column in refs:
        counted = select(column, func.count()).where(column.in_(ids), table.confidentiality.in_(seen)).group_by(column)
        for key, n in s.execute(counted).all():
            out[int(key)] = out.get(int(key), 0) + int(n)
    return out


def list_named(reg: Register, principal: Principal, entity: str, q: NamedQuery) -> tuple[list[dict[str, Any]], int]:
    """One page of places or actors the reader may see, by name, with how many records use each; the total."""
    table = _table(entity)
    seen = visible_levels(principal)
    with reg.reading() as s:
        gone = merges(s, entity)
        query = select(table).where(table.confidentiality.in_(seen))
        if q.kind:
            query = query.where(table.kind == q.kind)
        if not q.merged and gone:
            query = query.where(table.id.not_in(list(gone)))
        rows = [row_dict(r) for r in s.scalars(query.order_by(table.id))]
        if q.name:  # names may be sealed: matched once opened
            needle = q.name.strip().lower()
            rows = [r for r in rows if needle in r["name"].lower() or any(needle in v.lower() for v in r["variants"])]
        rows.sort(key=lambda r: (r["name"].lower(), r["id"]))
        total = len(rows)
        page = rows[q.offset: q.offset + q.limit]
        uses = _uses(s, entity, [r["id"] for r in page], seen)
        parents = _parent_names(s, [r.get("parent_id") for r in page], seen) if entity == "place" else {}
    return [{**r, "uses": uses.get(r["id"], 0), "merged_into": gone.get(r["id"]),
             "parent": parents.get(r.get("parent_id") or -1)} for r in page], total


def _parent_names(s: Session, ids: list[int | None], seen: list[str]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    query = select(PlaceRow).where(PlaceRow.id.in_(wanted), PlaceRow.confidentiality.in_(seen))
    return {p.id: row_dict(p)["name"] for p in s.scalars(query)}


def named_record(reg: Register, principal: Principal, entity: str, record_id: int) -> dict[str, Any]:
    """A place or an actor with the events that refer to it (those the reader may see), the records merged
    into it, and the record it was merged into, if any."""
    table = _table(entity)
    seen = visible_levels(principal)
    with reg.reading() as s:
        row = s.get(table, record_id)
        if row is None or row.confidentiality not in seen:
            raise NotFound(f"no {entity} {record_id}")
        data = row_dict(row)
        gone = merges(s, entity)
        if entity == "place":
            events = select(EventRow).where(EventRow.place_id == record_id)
            data["parent"] = _parent_names(s, [row.parent_id], seen).get(row.parent_id or -1)
        else:
            involved = select(InvolvementRow.event_id).where(InvolvementRow.actor_id == record_id,
                                                             InvolvementRow.confidentiality.in_(seen))
            claimed = select(ClaimRow.event_id).where(ClaimRow.claimant_actor_id == record_id,
                                                      ClaimRow.confidentiality.in_(seen))
            events = select(EventRow).where(or_(EventRow.id.in_(involved), EventRow.id.in_(claimed)))
        events = events.where(EventRow.confidentiality.in_(seen)).order_by(EventRow.start_date, EventRow.id)
        data["events"] = [{"id": e.id, "title": row_dict(e)["title"], "type": e.type, "start_date": e.start_date}
                          for e in s.scalars(events.limit(500))]
        data["uses"] = _uses(s, entity, [record_id], seen).get(record_id, 0)
        merged_ids = [g for g, kept in gone.items() if kept == record_id]
        merged = select(table).where(table.id.in_(merged_ids), table.confidentiality.in_(seen)) if merged_ids else None
        data["merged"] = [row_dict(m) for m in s.scalars(merged)] if merged is not None else []
        into = gone.get(record_id)
        kept_row = s.get(table, into) if into is not None else None
        data["merged_into"] = ({"id": kept_row.id, "name": row_dict(kept_row)["name"]}
                               if kept_row is not None and kept_row.confidentiality in seen else None)
    return data


def merge_choices(reg: Register, principal: Principal, entity: str, limit: int = 2000) -> list[dict[str, Any]]:
    """The records that may take part in a merge (not merged away), by name: for the merge page's pickers."""
    rows, _ = list_named(reg, principal, entity, NamedQuery(limit=limit))
    return [{"id": r["id"], "name": r["name"], "kind": r["kind"]} for r in rows]
