"""Read use cases the workbench needs beyond records.py: filtered, paged registers and grouped sources.

Confidentiality is applied here in SQL (so paging and counts never reveal a hidden record) and through
the same redaction functions records.py uses; the web layer only renders what these return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Date, Integer, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import defer

from aqiqat.api.access import Principal
from aqiqat.api.documents import source_name
from aqiqat.api.records import person_view, visible_levels
from aqiqat.api.register import Register, row_dict, row_value
from aqiqat.api.stats import adopted_view
from aqiqat.store.tables import (
    ActorRow,
    AdoptedFigureRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    InvolvementRow,
    PersonRow,
    PlaceRow,
    SourceRow,
)


def _like(text: str) -> str:
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class EventQuery:
    type: str | None = None
    grade: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    perpetrator: str | None = None
    text: str | None = None
    limit: int = 50
    offset: int = 0


_FILTERS = ("type", "grade", "date_from", "date_to", "text", "place", "perpetrator")


def _event_conditions(shape: frozenset[str]) -> list[ColumnElement[bool]]:
    """The list's conditions for the filters in `shape`, their values left as parameters (`_event_params`)."""
    levels: BindParameter[Any] = bindparam("levels", expanding=True)
    conds: list[ColumnElement[bool]] = [EventRow.confidentiality.in_(levels)]
    if "type" in shape:
        conds.append(EventRow.type == bindparam("type"))
    if "grade" in shape:
        conds.append(EventRow.grade == bindparam("grade"))
    if "date_from" in shape:
        conds.append(func.coalesce(EventRow.end_date, EventRow.start_date) >= bindparam("date_from", type_=Date))
    if "date_to" in shape:
        conds.append(EventRow.start_date <= bindparam("date_to", type_=Date))
    if "text" in shape:
        conds.append(EventRow.title.ilike(bindparam("text"), escape="\\"))
    if "place" in shape:
        places = select(PlaceRow.id).where(PlaceRow.name.ilike(bindparam("place"), escape="\\"))
        conds.append(EventRow.place_id.in_(places))
    if "perpetrator" in shape:
        pattern: BindParameter[str] = bindparam("perpetrator")
        by_actor = select(ActorRow.id).where(
            ActorRow.name.ilike(pattern, escape="\\"), ActorRow.confidentiality.in_(levels)
        )
        # a person is matched by name only when the reader may see that name
        by_person = select(PersonRow.id).where(
            PersonRow.display_name.ilike(pattern, escape="\\"), PersonRow.confidentiality.in_(levels)
        )
        conds.append(
            exists().where(
                InvolvementRow.event_id == EventRow.id,
                InvolvementRow.role == "perpetrator",
                InvolvementRow.confidentiality.in_(levels),
                or_(InvolvementRow.actor_id.in_(by_actor), InvolvementRow.person_id.in_(by_person)),
            )
        )
    return conds


def _event_params(principal: Principal, q: EventQuery) -> dict[str, Any]:
    """The values of `q`'s filters (the reader's levels among them), by the names `_event_conditions` gives."""
    params: dict[str, Any] = {"levels": visible_levels(principal)}
    for name in _FILTERS:
        value = getattr(q, name)
        if value:
            params[name] = _like(value) if name in ("text", "place", "perpetrator") else value
    return params


@cache
def _event_statements(shape: frozenset[str], dialect: str) -> tuple[Any, Any]:
    """The count and the page of the events list for one set of filters, built once: building and keying a
    statement costs SQLAlchemy more than SQLite takes to run this one."""
    conds = and_(*_event_conditions(shape))
    # newest first, undated last; SQLite already sorts NULL last in descending order, and this plain
    # form lets it walk the (start_date, id) index instead of sorting every row
    if dialect == "sqlite":
        order = (EventRow.start_date.desc(), EventRow.id.desc())
    else:
        order = (EventRow.start_date.desc().nulls_last(), EventRow.id.desc())
    page = (
        select(*LIST_COLUMNS, PlaceRow.name.label("place"), PlaceRow.sealed.is_not(None).label("place_sealed"))
        .outerjoin(PlaceRow, and_(EventRow.place_id == PlaceRow.id,
                                  PlaceRow.confidentiality.in_(bindparam("levels", expanding=True))))
        .where(conds)
        .order_by(*order)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )
    return select(func.count(EventRow.id)).where(conds), page


LIST_COLUMNS = (
    EventRow.id,
    EventRow.type,
    EventRow.title,
    EventRow.start_date,
    EventRow.end_date,
    EventRow.date_precision,
    EventRow.location_precision,
    EventRow.killed_min,
    EventRow.killed_max,
    EventRow.grade,
    EventRow.confidentiality,
    EventRow.version,
    EventRow.sealed.is_not(None).label("is_sealed"),
)


def list_events(reg: Register, principal: Principal, q: EventQuery = EventQuery()) -> tuple[list[dict[str, Any]], int]:
    """One page of events the reader may see (date order), with place and perpetrators; and the total."""
    params = _event_params(principal, q)
    with reg.reading() as s:
        count, query = _event_statements(frozenset(params) - {"levels"}, s.get_bind().dialect.name)
        conn = s.connection()  # plain rows through the session's connection: no ORM step per query
        total = int(conn.scalar(count, params) or 0)
        # plain rows, not ORM objects: a page of fifty needs no identity map, and building one costs more
        # than the query itself
        rows = conn.execute(query, {**params, "limit": max(1, min(q.limit, 500)),
                                    "offset": max(0, q.offset)}).mappings().all()
        ids = [r["id"] for r in rows]
        perps = _perpetrators(s, principal, ids)
        victims = _victim_counts(s, principal, ids)
        out = []
        for r in rows:
            item = dict(r)
            if item.pop("is_sealed"):  # a restricted event, shown to the cleared: its title opened
                item["title"] = row_dict(s.get(EventRow, r["id"]))["title"]
            if item.pop("place_sealed"):
                place = s.scalar(select(PlaceRow).join(EventRow, EventRow.place_id == PlaceRow.id).where(
                    EventRow.id == r["id"]))
                item["place"] = row_dict(place)["name"] if place is not None else None
            for key in ("start_date", "end_date"):
                item[key] = item[key].isoformat() if item[key] else None
            item["perpetrators"] = perps.get(r["id"], [])
            item["victims"] = victims.get(r["id"], 0)
            out.append(item)
        return out, total


# The list's per-page statements, built once with their event ids and the reader's levels as parameters:
# building and keying a statement anew costs SQLAlchemy more than SQLite takes to run it.
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_LEVELS: BindParameter[Any] = bindparam("levels", expanding=True)
_PERPETRATORS = (
    select(InvolvementRow.event_id, ActorRow.id, ActorRow.name, ActorRow.sealed.is_not(None), InvolvementRow.person_id)
    .outerjoin(ActorRow, and_(InvolvementRow.actor_id == ActorRow.id, ActorRow.confidentiality.in_(_LEVELS)))
    .where(
        InvolvementRow.event_id.in_(_IDS),
        InvolvementRow.role == "perpetrator",
        InvolvementRow.confidentiality.in_(_LEVELS),
    )
    .order_by(InvolvementRow.id)
)
_VICTIM_COUNTS = (
    select(InvolvementRow.event_id, func.sum(InvolvementRow.count))
    .where(
        InvolvementRow.event_id.in_(_IDS),
        InvolvementRow.role == "victim",
        InvolvementRow.confidentiality.in_(_LEVELS),
    )
    .group_by(InvolvementRow.event_id)
)


def _perpetrators(s: Any, principal: Principal, ids: Sequence[int]) -> dict[int, list[str]]:
    """Perpetrators' names per event: actors by name; people as the reader may see them (a restricted
    person as a pseudonym), loaded only when a page has any."""
    if not ids:
        return {}
    # plain columns (an actor's name and whether it is sealed), the few sealed actors then loaded to open theirs
    found = s.connection().execute(_PERPETRATORS, {"ids": list(ids), "levels": visible_levels(principal)}).all()
    sealed_ids = sorted({actor_id for _, actor_id, _, sealed, _ in found if actor_id is not None and sealed})
    opened = (
        {a.id: row_value(a, "name") for a in s.scalars(select(ActorRow).where(ActorRow.id.in_(sealed_ids)))}
        if sealed_ids
        else {}
    )
    rows = [
        (event_id, (opened.get(actor_id) if sealed else name) if actor_id is not None else None, person_id)
        for event_id, actor_id, name, sealed, person_id in found
    ]
    person_ids = {p for _, actor, p in rows if not actor and p}
    people = (
        {
            p.id: person_view(p, principal)["display_name"]
            for p in s.scalars(select(PersonRow).where(PersonRow.id.in_(person_ids)))
        }
        if person_ids
        else {}
    )
    out: dict[int, list[str]] = {}
    for event_id, actor, person_id in rows:
        name = actor if actor else people.get(person_id)
        if name:
            out.setdefault(event_id, []).append(name)
    return out


def _victim_counts(s: Any, principal: Principal, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = s.connection().execute(_VICTIM_COUNTS, {"ids": list(ids), "levels": visible_levels(principal)}).all()
    return {e: int(n or 0) for e, n in rows}


def sources_of(reg: Register, principal: Principal, evidence: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence passages grouped by document, with title and source; a passage of a document the reader
    may not see is counted but its text and title are withheld."""
    doc_ids = sorted({e["document_id"] for e in evidence if e.get("document_id")})
    if not doc_ids:
        return []
    with reg.reading() as s:
        docs = {
            d.id: (d, source_name(src, principal) if principal.may_see(d.confidentiality) else None)
            for d, src in s.execute(
                select(DocumentRow, SourceRow)
                .outerjoin(SourceRow, DocumentRow.source_id == SourceRow.id)
                .where(DocumentRow.id.in_(doc_ids))
                .options(defer(DocumentRow.text), defer(DocumentRow.meta))  # a title and a hash: not the text
            )
        }
        titles = {i: row_value(d, "title") for i, (d, _) in docs.items() if d.text_sealed is not None
                  and principal.may_see(d.confidentiality)}
    out = []
    for doc_id in doc_ids:
        if doc_id not in docs:
            continue
        doc, source = docs[doc_id]
        seen = principal.may_see(doc.confidentiality)
        passages: dict[tuple[Any, Any], dict[str, Any]] = {}  # one passage once, saying all it supports
        for e in evidence:
            if e.get("document_id") != doc_id:
                continue
            item = passages.setdefault(
                (e.get("start"), e.get("end")),
                {"start": e.get("start"), "end": e.get("end"), "text": e.get("text") if seen else None,
                 "for": e.get("for"), "fors": []},
            )
            if e.get("for") not in item["fors"]:
                item["fors"].append(e.get("for"))
        out.append(
            {
                "document_id": doc_id,
                "title": titles.get(doc_id, doc.title) if seen else f"Restricted document {doc_id}",
                "source": source,
                "kind": doc.kind,
                "sha256": doc.sha256 if seen else None,
                "published_at": doc.published_at.isoformat() if doc.published_at else None,
                "confidentiality": doc.confidentiality,
                "redacted": not seen,
                "passages": sorted(passages.values(), key=lambda p: p["start"] or 0),
            }
        )
    return out


@dataclass(frozen=True, slots=True)
class PeopleQuery:
    name: str | None = None
    affiliation: str | None = None
    role: str | None = None
    limit: int = 50
    offset: int = 0


def list_people(
    reg: Register, principal: Principal, q: PeopleQuery = PeopleQuery()
) -> tuple[list[dict[str, Any]], int]:
    """People (not merged away) with their involvements by role; restricted ones as pseudonyms."""
    conds: list[ColumnElement[bool]] = [PersonRow.merged_into_id.is_(None)]
    if q.name:
        conds.append(
            and_(
                PersonRow.display_name.ilike(_like(q.name), escape="\\"),
                PersonRow.confidentiality.in_(visible_levels(principal)),
            )
        )
    if q.affiliation:
        conds.append(PersonRow.affiliation == q.affiliation)
    if q.role:
        conds.append(exists().where(InvolvementRow.person_id == PersonRow.id, InvolvementRow.role == q.role))
    with reg.reading() as s:
        total = int(s.scalar(select(func.count(PersonRow.id)).where(and_(*conds))) or 0)
        rows = s.scalars(
            select(PersonRow).where(and_(*conds)).order_by(PersonRow.id).limit(min(q.limit, 500)).offset(q.offset)
        ).all()
        ids = [r.id for r in rows]
        roles: dict[int, dict[str, int]] = {}
        if ids:
            for pid, role, n in s.execute(
                select(InvolvementRow.person_id, InvolvementRow.role, func.count(InvolvementRow.id))
                .where(InvolvementRow.person_id.in_(ids), InvolvementRow.confidentiality.in_(visible_levels(principal)))
                .group_by(InvolvementRow.person_id, InvolvementRow.role)
            ):
                if pid is not None:
                    roles.setdefault(pid, {})[role] = int(n)
        return [{**person_view(r, principal), "roles": roles.get(r.id, {})} for r in rows], total


def involvement_events(
    reg: Register, principal: Principal, involvements: Sequence[dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """The events a person's involvements point to, those the reader may see: id -> {title, date, type}."""
    ids = sorted({i["event_id"] for i in involvements})
    if not ids:
        return {}
    with reg.reading() as s:
        rows = s.scalars(
            select(EventRow).where(EventRow.id.in_(ids), EventRow.confidentiality.in_(visible_levels(principal)))
        ).all()
        return {
            r.id: {
                "title": row_dict(r)["title"],
                "type": r.type,
                "start_date": r.start_date.isoformat() if r.start_date else None,
            }
            for r in rows
        }


def claim_subjects(reg: Register, principal: Principal, limit: int = 200) -> list[tuple[str, int]]:
    """Subjects that claims are about, with how many claims (only claims on visible events or none)."""
    visible_event = ClaimRow.confidentiality.in_(visible_levels(principal))
    with reg.reading() as s:
        rows = s.execute(
            select(ClaimRow.subject, func.count(ClaimRow.id))
            .where(ClaimRow.subject != "", visible_event)
            .group_by(ClaimRow.subject)
            .order_by(func.count(ClaimRow.id).desc(), ClaimRow.subject)
            .limit(limit)
        ).all()
        return [(subject, int(n)) for subject, n in rows]


def document_facets(reg: Register, principal: Principal) -> dict[str, list[str]]:
    """The values the documents list can be filtered by, as the reader may see them (kept until the register
    changes, per clearance)."""
    seen = visible_levels(principal)

    def compute(s: Any) -> dict[str, list[str]]:
        return {
            "sources": sorted(
                str(row_dict(r)["name"])
                for r in s.scalars(select(SourceRow).where(SourceRow.confidentiality.in_(seen)).limit(500))
            ),
            "kinds": [r for (r,) in s.execute(select(DocumentRow.kind).distinct().order_by(DocumentRow.kind))],
            "languages": [
                r for (r,) in s.execute(select(DocumentRow.language).distinct().order_by(DocumentRow.language)) if r
            ],
        }

    with reg.reading() as s:
        return reg.memo(s, f"document_facets:{principal.clearance}", compute)


def adopted_figures(reg: Register, principal: Principal, subjects: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The register's adopted value for each subject that has one, with the rule that chose it (withheld when
    it was adopted from claims above the reader's clearance)."""
    wanted = sorted({s for s in subjects if s})
    if not wanted:
        return {}
    with reg.reading() as s:
        rows = s.scalars(select(AdoptedFigureRow).where(AdoptedFigureRow.subject.in_(wanted))).all()
        return {r.subject: view for r in rows if (view := adopted_view(r, principal)) is not None}
