"""Use case: review machine suggestions. Accepting one creates or links register records and keeps its
passages as their evidence; every decision is an attributed, audited record (nothing is overwritten)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select

from aqiqat.api.access import Principal
from aqiqat.api.documents import find_document_key
from aqiqat.api.errors import Conflict, Forbidden, Invalid, NotFound
from aqiqat.api.records import person_view, visible_levels
from aqiqat.api.register import Register, Unit, row_dict, utcnow
from aqiqat.api.review_events import attach
from aqiqat.api.review_records import RecordMaker
from aqiqat.api.sealing import sealed_name, suggestion_fields
from aqiqat.domain.enums import AuditAction, Confidentiality, SuggestionStatus
from aqiqat.domain.model import Span
from aqiqat.linkage.names import name_key
from aqiqat.store.tables import ActorRow, DocumentRow, EventRow, EvidenceRow, PersonRow, PlaceRow, SuggestionRow

ACTIONS = ("accept", "edit", "reject")


def suggestion_view(row: SuggestionRow) -> dict[str, Any]:
    """A suggestion as data; a sealed one (of a restricted document) opened: callers check clearance first."""
    data = row_dict(row)
    opened = suggestion_fields(row)
    data["payload"] = opened["payload"]
    data["spans"] = list(opened["spans"])
    return data


def list_suggestions(
    reg: Register,
    principal: Principal,
    document_ref: str | int,
    status: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    with reg.reading() as s:
        doc_id, level = find_document_key(s, document_ref)
        if not principal.may_see(level):
            raise NotFound(f"no document {document_ref!r}")
        query = select(SuggestionRow).where(SuggestionRow.document_id == doc_id)
        if status:
            query = query.where(SuggestionRow.status == status)
        if kind:
            query = query.where(SuggestionRow.kind == kind)
        rows = s.scalars(query.order_by(SuggestionRow.id)).all()
        return sorted(
            (suggestion_view(r) for r in rows),
            key=lambda d: (d["spans"][0]["start"] if d["spans"] else 0, d["id"]),
        )


def get_suggestion(reg: Register, principal: Principal, suggestion_id: int) -> dict[str, Any]:
    with reg.reading() as s:
        row = s.get(SuggestionRow, suggestion_id)
        doc = s.get(DocumentRow, row.document_id) if row else None
        if row is None or doc is None or not principal.may_see(doc.confidentiality):
            raise NotFound(f"no suggestion {suggestion_id}")
        return suggestion_view(row)


def candidates(reg: Register, principal: Principal, suggestion_id: int) -> list[dict[str, Any]]:
    """Records already in the register that this suggestion may be (offered as link targets)."""
    sug = get_suggestion(reg, principal, suggestion_id)
    payload = sug["payload"]
    name = str(payload.get("name") or "")
    seen = visible_levels(principal)
    with reg.reading() as s:
        if sug["kind"] == "person":
            key = RecordMaker.person_key(name)
            keys = [key, sealed_name(s, "person", key)] if principal.may_see("restricted") else [key]
            people = list(
                s.scalars(
                    select(PersonRow)
                    .where(
                        PersonRow.name_key.in_(keys),
                        PersonRow.merged_into_id.is_(None),
                        PersonRow.confidentiality.in_(seen),
                    )
                    .limit(20)
                ).all()
            )
            # the same surname in any script or spelling (Токаев, Тоқаев, Tokayev, Toqaev share a name key):
            # offered after the full-name matches, among the people the reader may see
            surname = name_key(name).surname_key
            if surname and len(people) < 20:
                people += s.scalars(
                    select(PersonRow).where(
                        or_(PersonRow.name_key == surname, PersonRow.name_key.like(f"{surname} %"),
                            PersonRow.name_key.like(f"% {surname}"), PersonRow.name_key.like(f"% {surname} %")),
                        PersonRow.merged_into_id.is_(None),
                        PersonRow.id.not_in([p.id for p in people]),
                        PersonRow.confidentiality.in_(seen),
                    ).limit(20 - len(people))
                ).all()
            return [{"entity": "person", **person_view(r, principal)} for r in people]
        if sug["kind"] == "place":
            gid = payload.get("gazetteer_id")
            query = select(PlaceRow).where(PlaceRow.gazetteer_id == gid) if gid else select(PlaceRow)
            query = query.where(PlaceRow.confidentiality.in_(seen))
            places = [
                r
                for r in s.scalars(query.limit(500))
                if gid or row_dict(r)["name"] == name or name in (row_dict(r)["variants"] or [])
            ]
            return [{"entity": "place", **row_dict(r)} for r in places[:20]]
        if sug["kind"] == "date":  # the events made from this document, which a date can date
            events = s.scalars(
                select(EventRow)
                .join(EvidenceRow, (EvidenceRow.entity == "event") & (EvidenceRow.entity_id == EventRow.id))
                .where(EvidenceRow.document_id == sug["document_id"], EventRow.confidentiality.in_(seen))
                .distinct()
                .limit(20)
            ).all()
            return [{"entity": "event", **row_dict(e), "name": row_dict(e)["title"]} for e in events]
        if sug["kind"] == "organization":
            actors = [
                r
                for r in s.scalars(select(ActorRow).where(ActorRow.confidentiality.in_(seen)).limit(2000))
                if row_dict(r)["name"] == name or name in (row_dict(r)["variants"] or [])
            ]
            return [{"entity": "actor", **row_dict(r)} for r in actors[:20]]
    return []


BRING_KINDS = ("place", "date", "figure", "person", "organization")


def related(reg: Register, principal: Principal, suggestion_id: int) -> list[dict[str, Any]]:
    """For an event suggestion: what the same report's other suggestions say (its place, date, figures,
    people, bodies), not rejected, each marked `near` when it stands in the event's paragraph."""
    sug = get_suggestion(reg, principal, suggestion_id)
    if sug["kind"] != "event":
        return []
    with reg.reading() as s:
        doc = s.get(DocumentRow, sug["document_id"])
        text = (row_dict(doc).get("text") or "") if doc is not None else ""
        rows = s.scalars(
            select(SuggestionRow).where(
                SuggestionRow.document_id == sug["document_id"],
                SuggestionRow.kind.in_(BRING_KINDS),
                SuggestionRow.status != "rejected",
            )
        ).all()
        others = [suggestion_view(r) for r in rows]
    start = sug["spans"][0]["start"] if sug["spans"] else 0
    lo, hi = text.rfind("\n\n", 0, start), text.find("\n\n", start)
    hi = len(text) if hi < 0 else hi
    place = (sug["payload"] or {}).get("place")
    out = []
    for o in others:
        at = o["spans"][0]["start"] if o["spans"] else -1
        p = o["payload"] or {}
        o["near"] = (lo <= at <= hi and p.get("anchor") != "narrative") or bool(  # «через два дня» is no event date
            place and (p.get("name") == place or place in (p.get("mentions") or []))
        )
        out.append(o)
    return sorted(out, key=lambda o: (BRING_KINDS.index(o["kind"]), not o["near"], o["id"]))


def decide(
    reg: Register,
    principal: Principal,
    suggestion_id: int,
    expected_version: int,
    action: str,
    edits: Mapping[str, Any] | None = None,
    link_to: int | None = None,
    bring: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """Accept, edit (accept with changes) or reject one suggestion, made against `expected_version`. Accepting
    an event brings along the report's suggestions named in `bring` (id -> role for people: victim,
    perpetrator, witness; anything else for the rest): accepted now if pending, then joined to the event."""
    if action not in ACTIONS:
        raise Invalid(f"action {action!r} is not one of {', '.join(ACTIONS)}")
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not review suggestions")
    with reg.unit(principal) as unit:
        s = unit.session
        row = s.get(SuggestionRow, suggestion_id)
        doc = s.get(DocumentRow, row.document_id) if row else None
        if row is None or doc is None or not principal.may_see(doc.confidentiality):
            raise NotFound(f"no suggestion {suggestion_id}")
        if row.version != expected_version:
            raise Conflict(
                f"suggestion {suggestion_id} was decided or changed since you read it "
                f"(version {row.version}, yours {expected_version}): reload the document"
            )
        if row.status != SuggestionStatus.PENDING:
            raise Conflict(f"suggestion {suggestion_id} is already {row.status} by {row.decided_by}")
        if row.kind == "date" and action == "edit" and link_to is None:
            raise Invalid("a date on its own is no record: choose the event it dates, then save the edit")
        before = row_dict(row)  # sealed in the audit log when the document is restricted
        opened = suggestion_fields(row)
        payload = {**opened["payload"], **dict(edits or {})}
        created: list[dict[str, Any]] = []
        if action != "reject":
            spans = [Span(doc.id, sp["start"], sp["end"], sp["text"]) for sp in opened["spans"]]
            maker = RecordMaker(
                unit, Confidentiality(doc.confidentiality), doc.published_at, doc_id=doc.id, language=doc.language
            )
            created = maker.make(row.kind, payload, spans, link_to, suggestion_id)
            if row.kind == "event" and bring:
                created += _bring(unit, maker, doc, created[0]["id"], bring)
        row.status = {"accept": "accepted", "edit": "edited", "reject": "rejected"}[action]
        row.decided_by = principal.username
        row.decided_at = utcnow()
        row.decision = {"action": action, "edits": dict(edits or {}), "link_to": link_to, "records": created}
        row.updated_at = row.decided_at
        s.flush()
        restricted = doc.confidentiality == Confidentiality.RESTRICTED
        unit.audit(AuditAction.DECIDE, "suggestion", row.id, before, row_dict(row), restricted=restricted)
        return {**suggestion_view(row), "records": created}


def _bring(unit: Unit, maker: RecordMaker, doc: DocumentRow, event_id: int, bring: Mapping[int, str]) -> list[Any]:
    s = unit.session
    event = s.get(EventRow, event_id)
    assert event is not None
    before_event = row_dict(event)
    made: list[dict[str, Any]] = []
    for sid, role in bring.items():
        other = s.get(SuggestionRow, sid)
        if other is None or other.document_id != doc.id or other.status == "rejected":
            raise NotFound(f"no suggestion {sid} in this document")
        opened = suggestion_fields(other)
        spans = [Span(doc.id, sp["start"], sp["end"], sp["text"]) for sp in opened["spans"]]
        if other.status == SuggestionStatus.PENDING:
            records = maker.make(other.kind, opened["payload"], spans, None, sid)
            before = row_dict(other)
            other.status, other.decided_by, other.decided_at = "accepted", unit.principal.username, utcnow()
            other.decision = {"action": "accept", "edits": {}, "link_to": None, "records": records,
                              "with_event": event_id}
            s.flush()
            unit.audit(AuditAction.DECIDE, "suggestion", sid, before, row_dict(other),
                       restricted=doc.confidentiality == Confidentiality.RESTRICTED)
        else:
            records = list((other.decision or {}).get("records") or [])
        made += records + attach(maker, event, other.kind, records, role, opened["payload"], spans)
    s.flush()
    if row_dict(event) != before_event:
        unit.audit(AuditAction.UPDATE, "event", event.id, before_event, row_dict(event))
    return made
