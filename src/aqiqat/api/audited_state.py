"""Every record as the database holds it, compared with its last audited state.

Each change made through Aqiqat writes the record's full row into the audit log's `after`, in the same
transaction, and the audit log is a hash chain whose head is also kept outside the database. A change made in
the database directly (an SQL UPDATE of a count, a document's text replaced together with its text_sha256, a
row inserted or deleted) leaves the row and its last audited state apart: this names each such record.

Columns that Aqiqat itself changes without writing the record's state again are not compared: the row's
version and timestamps, a document's extraction stamp, a person's merge pointer (audited as the link
judgement) and name key (derived from the names). Suggestions and link judgements are not compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqiqat.api.register import row_dict
from aqiqat.api.sealing import KeyUnavailable, is_sealed_audit_value, open_audit_value
from aqiqat.security.audit_chain import canonical_json
from aqiqat.store.tables import (
    ActorRow,
    AdoptedFigureRow,
    AuditRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    InvolvementRow,
    PersonRow,
    PlaceRow,
    QuoteRow,
    UserRow,
)

# audit log entity name → row class, for every record whose audit entries carry its full row
AUDITED: dict[str, Any] = {
    "document": DocumentRow,
    "event": EventRow,
    "person": PersonRow,
    "claim": ClaimRow,
    "quote": QuoteRow,
    "place": PlaceRow,
    "actor": ActorRow,
    "involvement": InvolvementRow,
    "adopted_figure": AdoptedFigureRow,
    "user": UserRow,
}
NOT_COMPARED = frozenset({"version", "created_at", "updated_at", "decided_at"})
NOT_COMPARED_FOR: dict[str, frozenset[str]] = {
    "document": frozenset({"extracted_version", "retrieved_at", "ingested_at"}),
    "person": frozenset({"merged_into_id", "name_key"}),
}
UNREADABLE = object()  # an audited state this version cannot read (sealed, say): the record is not checked


@dataclass
class StateReport:
    records: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)


def audited_state(entry: AuditRow, session: Session | None = None) -> dict[str, Any] | object | None:
    """The record's full row as the entry recorded it (a restricted record's sealed value opened with the key);
    None when the entry holds no row (an extraction's tally, say), UNREADABLE when it holds something this
    version cannot read (or a sealed value whose key is not here)."""
    if entry.after is None:
        return None
    try:
        after = json.loads(entry.after)
        if session is not None and is_sealed_audit_value(entry.after):
            after = open_audit_value(session, entry.after)
    except (TypeError, ValueError, KeyUnavailable):
        return UNREADABLE
    if not isinstance(after, dict):
        return UNREADABLE
    if str(after.get("id")) != entry.entity_id:
        return None
    return after


def last_states(session: Session) -> dict[tuple[str, str], dict[str, Any] | object]:
    """(entity, id) → the last audited state of every audited record, in one pass over the log."""
    states: dict[tuple[str, str], dict[str, Any] | object] = {}
    query = (
        select(AuditRow)
        .where(AuditRow.entity.in_(list(AUDITED)))
        .order_by(AuditRow.seq)
        .execution_options(yield_per=2000)
    )
    for entry in session.scalars(query):
        if entry.action == "remove":  # a link removed through Aqiqat (an involvement) is expected to be gone
            states.pop((entry.entity, entry.entity_id), None)
            continue
        state = audited_state(entry, session)
        if state is not None:
            states[(entry.entity, entry.entity_id)] = state
    return states


def _rows(session: Session, table: Any) -> Iterator[Any]:
    yield from session.scalars(select(table).order_by(table.id).execution_options(yield_per=1000))


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Values as the audit log writes them (canonical JSON), so both sides compare alike."""
    loaded: dict[str, Any] = json.loads(canonical_json(values))
    return loaded


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


def compare_records(session: Session) -> StateReport:
    """Compare every audited record with its last audited state; name each difference."""
    report = StateReport()
    states = last_states(session)
    for entity, table in AUDITED.items():
        skip = NOT_COMPARED | NOT_COMPARED_FOR.get(entity, frozenset())
        for row in _rows(session, table):
            report.records += 1
            key = (entity, str(row.id))
            audited = states.pop(key, None)
            if audited is None:
                report.changed.append(f"{entity} {row.id}: in the database with no audit entry (added outside Aqiqat)")
                continue
            if audited is UNREADABLE or not isinstance(audited, dict):
                report.unchecked.append(f"{entity} {row.id}: its last audit entry cannot be read here")
                continue
            current = _plain(row_dict(row))
            for column, value in current.items():
                if column in skip or column not in audited or audited[column] == value:
                    continue
                report.changed.append(
                    f"{entity} {row.id}: {column} is {_shown(value)} in the database, {_shown(audited[column])} "
                    "in its last audit entry (changed outside Aqiqat)"
                )
    for entity, record_id in sorted(states):
        report.missing.append(f"{entity} {record_id}: in the audit log, not in the database (deleted outside Aqiqat)")
    return report
