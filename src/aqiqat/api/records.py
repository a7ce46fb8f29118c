"""Use cases: create, update, list and show register records (events, people, claims, places, actors).

Every change is one audited unit of work; an update names the version it was made against,
and a stale one is refused (no lost updates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session

from aqiqat.api import levels
from aqiqat.api.access import Principal
from aqiqat.api.errors import Conflict, Forbidden, Invalid, NotFound
from aqiqat.api.record_checks import check_references, check_value
from aqiqat.api.register import Register, Unit, row_dict, utcnow
from aqiqat.domain import enums as E
from aqiqat.domain.model import Span
from aqiqat.security.redaction import redact_person
from aqiqat.store.tables import (
    ActorRow,
    AuditRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    EvidenceRow,
    InvolvementRow,
    PersonRow,
    PlaceRow,
)

TABLES: dict[str, Any] = {
    "event": EventRow,
    "person": PersonRow,
    "claim": ClaimRow,
    "place": PlaceRow,
    "actor": ActorRow,
}
SYSTEM_FIELDS = {"id", "version", "created_at", "updated_at", "sealed", "merged_into_id", "name_key", "level_floor"}
ENUM_FIELDS: dict[str, dict[str, type]] = {
    "event": {
        "type": E.EventType,
        "grade": E.VerificationGrade,
        "confidentiality": E.Confidentiality,
        "date_precision": E.DatePrecision,
        "location_precision": E.LocationPrecision,
    },
    "person": {"sex": E.Sex, "affiliation": E.Affiliation, "confidentiality": E.Confidentiality},
    "claim": {"kind": E.ClaimKind, "qualifier": E.Qualifier, "confidentiality": E.Confidentiality},
    "place": {"kind": E.PlaceKind, "confidentiality": E.Confidentiality},
    "actor": {"kind": E.ActorKind, "confidentiality": E.Confidentiality},
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "event": {"confidentiality": "internal", "grade": "weak"},
    "person": {"confidentiality": "internal"},
}
DATE_FIELDS = {"start_date", "end_date", "claimed_on"}


def _table(entity: str) -> Any:
    try:
        return TABLES[entity]
    except KeyError:
        raise Invalid(f"unknown record type {entity!r}; one of {', '.join(TABLES)}") from None


def _required(table: Any) -> set[str]:
    """The fields a record cannot be without: NOT NULL columns that have no default."""
    return {
        a.key
        for a in table.__mapper__.column_attrs
        for c in a.columns
        if not c.nullable and c.default is None and c.server_default is None and not c.primary_key
    } - SYSTEM_FIELDS


def _clean(entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
    table = _table(entity)
    columns = {a.key for a in table.__mapper__.column_attrs} - SYSTEM_FIELDS
    required = _required(table)
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in columns:
            raise Invalid(f"{entity} has no field {key!r}")
        if value is None and key in required:
            raise Invalid(f"{entity}.{key} cannot be empty")
        enum = ENUM_FIELDS.get(entity, {}).get(key)
        if enum is not None and value is not None:
            try:
                value = str(enum(value))
            except ValueError:
                allowed = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
                raise Invalid(f"{entity}.{key}: {value!r} is not one of {allowed}") from None
        if key in DATE_FIELDS and isinstance(value, str) and value:
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise Invalid(f"{entity}.{key}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
        out[key] = check_value(entity, table, key, value)
    return out


def _require_editor(principal: Principal) -> None:
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not change the register")


def add_evidence(
    unit: Unit, entity: str, entity_id: int, spans: Iterable[Span], suggestion_id: int | None = None
) -> None:
    """Passages a record rests on; each takes its document's level, and the record's level follows."""
    for span in spans:
        doc = unit.session.get(DocumentRow, span.document_id) if span.document_id is not None else None
        if doc is not None and not unit.principal.may_see(doc.confidentiality):
            raise NotFound(f"no document {span.document_id}")
        unit.session.add(
            EvidenceRow(
                entity=entity,
                entity_id=entity_id,
                document_id=span.document_id,
                start=span.start,
                end=span.end,
                text=span.text,
                suggestion_id=suggestion_id,
                confidentiality=doc.confidentiality if doc is not None else "internal",
            )
        )


def create_in(
    unit: Unit,
    entity: str,
    values: Mapping[str, Any],
    evidence: Iterable[Span] = (),
    level: str | None = None,
) -> Any:
    """Create a record inside an open unit of work (the review use case composes several). `level` is the
    least level it may have (the level of the document it was made from); its evidence may raise it."""
    _require_editor(unit.principal)
    table = _table(entity)
    data = {**DEFAULTS.get(entity, {}), **_clean(entity, values)}
    missing = sorted(_required(table) - set(data))
    if missing:
        raise Invalid(f"{entity}: {', '.join(missing)} required")
    check_references(unit.session, entity, table, data, unit.principal.clearance)
    # the level it is made at (given, or "internal") is its floor: only a declassification lowers it
    floor = levels.top([data.get("confidentiality", "internal" if hasattr(table, "confidentiality") else None), level])
    if hasattr(table, "level_floor"):
        data["level_floor"] = floor
    if hasattr(table, "confidentiality"):
        data["confidentiality"] = floor
    now = utcnow()
    if hasattr(table, "created_at"):
        data.update(created_at=now, updated_at=now)
    row = table(**data)
    unit.session.add(row)
    unit.session.flush()
    add_evidence(unit, entity, row.id, evidence)
    unit.session.flush()  # its level derived from the evidence before the audit entry is written
    unit.audit(E.AuditAction.CREATE, entity, row.id, None, row_dict(row))
    return row


def create(
    reg: Register, principal: Principal, entity: str, values: Mapping[str, Any], evidence: Iterable[Span] = ()
) -> dict[str, Any]:
    with reg.unit(principal) as unit:
        row = create_in(unit, entity, values, evidence)
        return record_view(entity, row, principal)  # sealed names opened for the cleared


def update(
    reg: Register,
    principal: Principal,
    entity: str,
    record_id: int,
    expected_version: int,
    changes: Mapping[str, Any],
    reason: str = "",
) -> dict[str, Any]:
    """Change fields of a record made at `expected_version`; 409 Conflict when it has moved on. A `reason`
    (why a grade was set, say) is kept in the audit entry."""
    _require_editor(principal)
    table = _table(entity)
    clean = _clean(entity, changes)
    with reg.unit(principal) as unit:
        row = unit.session.get(table, record_id)
        if row is None or not _visible(row, principal, unit.session):  # no blind edits of hidden records
            raise NotFound(f"no {entity} {record_id}")
        if row.version != expected_version:
            raise Conflict(
                f"{entity} {record_id} is at version {row.version}, your edit was made on version "
                f"{expected_version}: reload it and apply your change again"
            )
        check_references(unit.session, entity, table, clean, principal.clearance)
        before = row_dict(row)
        wanted = clean.pop("confidentiality", None)
        for key, value in clean.items():
            setattr(row, key, value)
        if wanted is not None:  # a level set by hand is the floor; what the record rests on may hold it higher
            row.level_floor = wanted
        if hasattr(row, "updated_at"):
            row.updated_at = utcnow()
        unit.session.flush()
        if wanted is not None and levels.below(wanted, row.confidentiality):
            raise Invalid(
                f"{entity} {record_id} rests on {row.confidentiality} evidence and stays {row.confidentiality}; "
                f"lowering it takes a declassification with a reason (aqiqat declassify {entity} {record_id})"
            )
        after = row_dict(row)
        unit.audit(E.AuditAction.UPDATE, entity, record_id, before, {**after, "reason": reason} if reason else after)
        return record_view(entity, row, principal)


def add_involvement(reg: Register, principal: Principal, event_id: int, role: str, **details: Any) -> dict[str, Any]:
    """Add a person, an actor or a counted group to an event in one unit of work (details as `involve_in`)."""
    with reg.unit(principal) as unit:
        return row_dict(involve_in(unit, event_id, role, **details))


def involve_in(
    unit: Unit,
    event_id: int,
    role: str,
    *,
    person_id: int | None = None,
    actor_id: int | None = None,
    harm: str | None = None,
    mode: str | None = None,
    count: int = 1,
    attributes: Mapping[str, Any] | None = None,
    evidence: Iterable[Span] = (),
) -> InvolvementRow:
    _require_editor(unit.principal)
    event = unit.session.get(EventRow, event_id)
    if event is None or not _visible(event, unit.principal):
        raise NotFound(f"no event {event_id}")
    check_references(
        unit.session,
        "involvement",
        InvolvementRow,
        {"person_id": person_id, "actor_id": actor_id},
        unit.principal.clearance,
    )
    try:
        row = InvolvementRow(
            event_id=event_id,
            role=str(E.InvolvementRole(role)),
            person_id=person_id,
            actor_id=actor_id,
            harm=str(E.Harm(harm)) if harm else None,
            mode=str(E.PerpetratorMode(mode)) if mode else None,
            count=max(1, int(count)),
            attributes=dict(attributes or {}),
        )
    except ValueError as exc:
        raise Invalid(f"involvement: {exc}") from None
    unit.session.add(row)
    unit.session.flush()
    add_evidence(unit, "involvement", row.id, evidence)
    unit.session.flush()
    unit.audit(E.AuditAction.CREATE, "involvement", row.id, None, row_dict(row))
    return row


def person_view(row: PersonRow, principal: Principal) -> dict[str, Any]:
    """A person as the reader may see them: a restricted person is "Witness N" (never opened for them)."""
    if not principal.may_see(row.confidentiality):
        return redact_person(row_dict(row, opened=False))
    return row_dict(row)  # a sealed person's names opened for the cleared


def _visible(row: Any, principal: Principal, s: Session | None = None) -> bool:
    """Whether `principal` may see the record: its level, derived from everything it rests on."""
    return principal.may_see(getattr(row, "confidentiality", "public"))


def record_view(entity: str, row: Any, principal: Principal) -> dict[str, Any]:
    if entity == "person":
        return person_view(row, principal)
    return row_dict(row)


def list_records(
    reg: Register,
    principal: Principal,
    entity: str,
    filters: Mapping[str, Any] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    table = _table(entity)
    query = select(table)
    for key, value in _clean(entity, filters or {}).items():
        if value is not None and value != "":
            query = query.where(getattr(table, key) == value)
    if entity == "person":
        query = query.where(PersonRow.merged_into_id.is_(None))
    if entity == "event":
        query = query.order_by(EventRow.start_date.is_(None), EventRow.start_date, EventRow.id)
    else:
        query = query.order_by(table.id)
    if entity != "person":  # hidden records are left out before paging, so a page never reveals them
        query = query.where(table.confidentiality.in_(visible_levels(principal)))
    with reg.reading() as s:
        rows = s.scalars(query.limit(limit).offset(offset)).all()
        return [record_view(entity, r, principal) for r in rows]


def evidence_of(s: Session, entity: str, entity_id: int, principal: Principal | None = None) -> list[dict[str, Any]]:
    """The passages a record rests on; a passage of a restricted document is "" (sealed) unless `principal`
    is cleared for restricted documents, who gets it opened."""
    return evidence_for(s, {entity: [entity_id]}, principal).get((entity, entity_id), [])


def evidence_for(
    s: Session, records: Mapping[str, Iterable[int]], principal: Principal | None = None
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The passages of several records in one query ({entity: ids}), as evidence_of gives them, by
    (entity, id); a record without passages the reader may see is left out."""
    wanted = {entity: sorted(set(ids)) for entity, ids in ((e, list(i)) for e, i in records.items()) if ids}
    if not wanted:
        return {}
    levels_seen = visible_levels(principal) if principal is not None else ["public", "internal"]
    params: dict[str, Any] = {f"ids_{n}": ids for n, ids in enumerate(wanted.values())}
    params.update({f"entity_{n}": entity for n, entity in enumerate(wanted)}, levels=levels_seen)
    rows = s.scalars(_evidence_statement(len(wanted)), params).all()
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault((r.entity, r.entity_id), []).append({**row_dict(r), "sealed": r.sealed is not None})
    return out


@cache
def _evidence_statement(entities: int) -> Any:
    """The passages of records of `entities` kinds at once, built once per number of kinds: building and keying
    a statement costs SQLAlchemy more than the database takes to run it."""
    wanted = [
        and_(EvidenceRow.entity == bindparam(f"entity_{n}"), EvidenceRow.entity_id.in_(bindparam(f"ids_{n}",
                                                                                               expanding=True)))
        for n in range(entities)
    ]
    return (
        select(EvidenceRow)
        .where(or_(*wanted), EvidenceRow.confidentiality.in_(bindparam("levels", expanding=True)))
        .order_by(EvidenceRow.id)
    )


_HISTORY = (
    select(AuditRow.seq, AuditRow.at, AuditRow.user, AuditRow.action)
    .where(AuditRow.entity == bindparam("entity"), AuditRow.entity_id == bindparam("entity_id"))
    .order_by(AuditRow.seq)
)


def history_of(s: Session, entity: str, entity_id: int) -> list[dict[str, Any]]:
    rows = s.connection().execute(_HISTORY, {"entity": entity, "entity_id": str(entity_id)}).all()
    return [{"seq": seq, "at": at.isoformat(), "user": user, "action": action} for seq, at, user, action in rows]


def get_record(reg: Register, principal: Principal, entity: str, record_id: int) -> dict[str, Any]:
    table = _table(entity)
    with reg.reading() as s:
        row = s.get(table, record_id)
        if row is None or (entity != "person" and not _visible(row, principal, s)):
            raise NotFound(f"no {entity} {record_id}")
        data = record_view(entity, row, principal)
        details = _event_details(s, row, principal) if entity == "event" else {}  # its passages in one query
        if entity == "event":
            data["evidence"] = details.pop("evidence")
        else:
            data["evidence"] = evidence_of(s, entity, record_id, principal) if _visible(row, principal) else []
        data["history"] = history_of(s, entity, record_id)
        data.update(details)
        if entity == "person":
            invs = s.scalars(
                select(InvolvementRow).where(
                    InvolvementRow.person_id == record_id,
                    InvolvementRow.confidentiality.in_(visible_levels(principal)),
                )
            ).all()
            data["involvements"] = [row_dict(i) for i in invs] if _visible(row, principal) else []
        return data


ROLE_PARTS = {"victim": "victims", "perpetrator": "perpetrators", "witness": "witnesses"}


# an event page's statements, built once (see _evidence_statement)
_EVENT_INVOLVEMENTS = select(InvolvementRow).where(
    InvolvementRow.event_id == bindparam("event"),
    InvolvementRow.confidentiality.in_(bindparam("levels", expanding=True)),
)
_EVENT_CLAIMS = select(ClaimRow).where(
    ClaimRow.event_id == bindparam("event"), ClaimRow.confidentiality.in_(bindparam("levels", expanding=True))
)
_PEOPLE = select(PersonRow).where(PersonRow.id.in_(bindparam("ids", expanding=True)))
_ACTORS = select(ActorRow).where(ActorRow.id.in_(bindparam("ids", expanding=True)))


def _event_details(s: Session, row: EventRow, principal: Principal) -> dict[str, Any]:
    """An event's passages, involvements (with who: people as the reader may see them, actors the reader may
    see), claims and place: a fixed number of queries, however many involvements and claims it has."""
    seen = {"event": row.id, "levels": visible_levels(principal)}
    invs = s.scalars(_EVENT_INVOLVEMENTS, seen).all()
    claims = s.scalars(_EVENT_CLAIMS, seen).all()
    evidence = evidence_for(
        s, {"event": [row.id], "involvement": [i.id for i in invs], "claim": [c.id for c in claims]}, principal
    )
    person_ids = sorted({i.person_id for i in invs if i.person_id})
    actor_ids = sorted({i.actor_id for i in invs if i.actor_id and not i.person_id})
    people = {p.id: p for p in s.scalars(_PEOPLE, {"ids": person_ids})} if person_ids else {}
    actors = {a.id: a for a in s.scalars(_ACTORS, {"ids": actor_ids})} if actor_ids else {}
    parts: dict[str, list[dict[str, Any]]] = {"victims": [], "perpetrators": [], "witnesses": []}
    for inv in invs:
        item = row_dict(inv)
        if inv.person_id:
            person = people.get(inv.person_id)
            item["name"] = person_view(person, principal)["display_name"] if person else None
        elif inv.actor_id:
            actor = actors.get(inv.actor_id)
            item["name"] = row_dict(actor)["name"] if actor and _visible(actor, principal) else None
        item["evidence"] = evidence.get(("involvement", inv.id), [])
        parts[ROLE_PARTS[inv.role]].append(item)
    place = s.get(PlaceRow, row.place_id) if row.place_id else None
    return {
        "evidence": evidence.get(("event", row.id), []),
        **parts,
        "claims": [{**row_dict(c), "evidence": evidence.get(("claim", c.id), [])} for c in claims],
        "place": row_dict(place) if place and _visible(place, principal) else None,
    }


def visible_levels(principal: Principal) -> list[str]:
    """The levels `principal` may read, for SQL filters."""
    return [c.value for c in E.Confidentiality if principal.may_see(c)]


def declassify(
    reg: Register, principal: Principal, entity: str, record_id: int, level: str, reason: str
) -> dict[str, Any]:
    """Lower a record to `level` on purpose, with a reason (e.g. "the witness agreed to be named"): its floor
    and its own passages go down; what else it rests on (a restricted event, a restricted person) still holds
    it up, and then nothing is changed and the error says so. Audited with the reason."""
    if principal.clearance is not E.Confidentiality.RESTRICTED or not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not declassify records")
    if not reason.strip():
        raise Invalid("a declassification needs a reason (e.g. 'the witness agreed to be named')")
    try:
        target = str(E.Confidentiality(level))
    except ValueError:
        raise Invalid(f"{level!r} is not a level: public, internal or restricted") from None
    table = _table(entity)
    with reg.unit(principal) as unit:
        row = unit.session.get(table, record_id)
        if row is None:
            raise NotFound(f"no {entity} {record_id}")
        before = row_dict(row)
        row.level_floor = target
        for ev in unit.session.scalars(
            select(EvidenceRow).where(EvidenceRow.entity == entity, EvidenceRow.entity_id == record_id)
        ):
            if levels.below(target, ev.confidentiality):
                ev.confidentiality = target
        if hasattr(row, "updated_at"):
            row.updated_at = utcnow()
        unit.session.flush()
        if levels.below(target, row.confidentiality):
            raise Invalid(
                f"{entity} {record_id} stays {row.confidentiality}: it also rests on other records at that level "
                "(its event, a person or a claim); declassify those first"
            )
        after = row_dict(row)
        unit.audit(E.AuditAction.DECLASSIFY, entity, record_id, before, {**after, "reason": reason.strip()},
                   restricted=True)
        return record_view(entity, row, principal)
