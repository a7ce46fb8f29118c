"""Streamed reads for exports and reports: events with their place, actors, sources and fatalities; people
with their names and events; sources; actors. Filtered in SQL by what the principal may see, sealed values
opened only for rows they may see, restricted people shown as "Witness N" (records.person_view)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqiqat.api.access import Principal
from aqiqat.api.documents import source_name
from aqiqat.api.records import person_view, visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.store.tables import (
    ActorRow,
    AdoptedFigureRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    EvidenceRow,
    ExternalRefRow,
    InvolvementRow,
    PersonNameRow,
    PersonRow,
    PlaceRow,
    SourceRow,
)

BATCH = 2000
KILLED_SUBJECTS = ("killed", "fatalities", "dead", "погибшие", "погибших", "убитые")


@dataclass(frozen=True, slots=True)
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    place_id: int | None = None
    event_ids: tuple[int, ...] = ()


def places_of(s: Session, principal: Principal) -> dict[int, dict[str, Any]]:
    """Every place the reader may see, with the names of the areas above it (top first, countries left out)."""
    seen = visible_levels(principal)
    rows = {p.id: row_dict(p) for p in s.scalars(select(PlaceRow).where(PlaceRow.confidentiality.in_(seen)))}
    for place in rows.values():
        chain, parent, hops = [], place.get("parent_id"), 0
        while parent in rows and hops < 10:
            above = rows[parent]
            if above["kind"] != "country":
                chain.append(above["name"])
            place.setdefault("country_code", None)
            place["country_code"] = place["country_code"] or above.get("country_code")
            parent, hops = above.get("parent_id"), hops + 1
        # a region or district is its own lowest administrative area (ACLED's admin1/admin2)
        place["admin"] = list(reversed(chain)) + ([place["name"]] if place["kind"] in ("region", "district") else [])
    return rows


def _adopted_by_claim(s: Session, principal: Principal) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for row in s.scalars(select(AdoptedFigureRow)):
        if principal.may_see(row.confidentiality):
            for cid in row.claim_ids or []:
                out[cid] = row_dict(row)
    return out


def _descendants(s: Session, place_id: int) -> list[int]:
    ids, frontier = {place_id}, [place_id]
    while frontier:
        frontier = [i for i in s.scalars(select(PlaceRow.id).where(PlaceRow.parent_id.in_(frontier))) if i not in ids]
        ids.update(frontier)
    return sorted(ids)


def iter_events(reg: Register, principal: Principal, f: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
    """Every event the reader may see, in id order, read in batches (never all at once, never capped)."""
    seen = visible_levels(principal)
    with reg.reading() as s:
        places = places_of(s, principal)
        actors = {a.id: row_dict(a) for a in s.scalars(select(ActorRow).where(ActorRow.confidentiality.in_(seen)))}
        adopted = _adopted_by_claim(s, principal)
        query = select(EventRow).where(EventRow.confidentiality.in_(seen))
        if f.date_from:
            query = query.where(EventRow.start_date >= f.date_from)
        if f.date_to:
            query = query.where(EventRow.start_date <= f.date_to)
        if f.place_id is not None:
            query = query.where(EventRow.place_id.in_(_descendants(s, f.place_id)))
        if f.event_ids:
            query = query.where(EventRow.id.in_(list(f.event_ids)))
        last = 0
        while True:
            batch = list(s.scalars(query.where(EventRow.id > last).order_by(EventRow.id).limit(BATCH)))
            if not batch:
                return
            last = batch[-1].id
            yield from _assemble(s, principal, batch, places, actors, adopted)
            s.expunge_all()


def _assemble(
    s: Session,
    principal: Principal,
    batch: Sequence[EventRow],
    places: dict[int, dict[str, Any]],
    actors: dict[int, dict[str, Any]],
    adopted: dict[int, dict[str, Any]],
) -> Iterator[dict[str, Any]]:
    seen = visible_levels(principal)
    ids = [e.id for e in batch]
    perps: dict[int, list[dict[str, Any]]] = defaultdict(list)
    victims: dict[int, list[dict[str, Any]]] = defaultdict(list)
    civilians: set[int] = set()
    invs = s.execute(
        select(InvolvementRow, PersonRow.affiliation)
        .outerjoin(PersonRow, InvolvementRow.person_id == PersonRow.id)
        .where(InvolvementRow.event_id.in_(ids), InvolvementRow.confidentiality.in_(seen))
        .order_by(InvolvementRow.id)
    )
    for inv, affiliation in invs:
        actor = actors.get(inv.actor_id or -1)
        if inv.role == "perpetrator" and actor is not None:
            perps[inv.event_id].append({"name": actor["name"], "kind": actor["kind"]})
        elif inv.role == "victim" and actor is not None:
            victims[inv.event_id].append({"name": actor["name"], "kind": actor["kind"]})
        elif inv.role == "victim" and (affiliation == "civilian" or (inv.attributes or {}).get("civilian")):
            civilians.add(inv.event_id)
    sources: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    refs = {eid: (doc, sids) for eid, doc, sids in s.execute(  # imported rows: the sources the row named
        select(ExternalRefRow.entity_id, ExternalRefRow.document_id, ExternalRefRow.source_ids)
        .where(ExternalRefRow.entity == "event", ExternalRefRow.entity_id.in_(ids)))}
    for entity_id, src in s.execute(
        select(EvidenceRow.entity_id, SourceRow)
        .join(DocumentRow, EvidenceRow.document_id == DocumentRow.id)
        .join(SourceRow, DocumentRow.source_id == SourceRow.id)
        .where(EvidenceRow.entity == "event", EvidenceRow.entity_id.in_(ids), EvidenceRow.confidentiality.in_(seen),
               DocumentRow.confidentiality.in_(seen), SourceRow.confidentiality.in_(seen))
    ):
        if entity_id not in refs:  # an imported file is where the row came from, not who reported it
            sources[entity_id][str(src.id)] = {"name": source_name(src, principal), "kind": src.kind}
    if refs:
        wanted = {sid for _, sids in refs.values() for sid in sids or []}
        by_id = {r.id: r for r in s.scalars(select(SourceRow).where(SourceRow.id.in_(wanted),
                                                                   SourceRow.confidentiality.in_(seen)))}
        for entity_id, (_, sids) in refs.items():
            for sid in sids or []:
                if sid in by_id:
                    sources[entity_id][str(sid)] = {"name": source_name(by_id[sid], principal), "kind": by_id[sid].kind}
    killed_claims: dict[int, list[ClaimRow]] = defaultdict(list)
    for claim in s.scalars(
        select(ClaimRow).where(ClaimRow.event_id.in_(ids), ClaimRow.kind == "figure",
                               ClaimRow.subject.in_(KILLED_SUBJECTS), ClaimRow.confidentiality.in_(seen))
    ):
        killed_claims[claim.event_id or 0].append(claim)
    for ev in batch:
        data = row_dict(ev, frozenset({"level_floor", "version", "created_at"}))
        data["place"] = places.get(ev.place_id or -1)
        data["admin"] = data["place"]["admin"] if data["place"] else []
        data["perpetrators"] = perps.get(ev.id, [])
        data["victim_actors"] = victims.get(ev.id, [])
        data["victims_civilian"] = ev.id in civilians
        data["sources"] = list(sources.get(ev.id, {}).values())
        data["fatalities"], data["fatalities_rule"] = fatalities(ev, killed_claims.get(ev.id, []), adopted)
        yield data


def fatalities(ev: EventRow, claims: list[ClaimRow], adopted: dict[int, dict[str, Any]]) -> tuple[int | None, str]:
    """The adopted figure for the event's deaths or, if none, the most conservative one (claimed or recorded)."""
    for c in claims:
        if c.id in adopted and adopted[c.id].get("value_min") is not None:
            return int(adopted[c.id]["value_min"]), str(adopted[c.id]["rule"])
    lows = [v for c in claims for v in (c.value_min if c.value_min is not None else c.value,) if v is not None]
    if ev.killed_min is not None:
        lows.append(ev.killed_min)
    return (int(min(lows)), "most_conservative") if lows else (None, "")


def iter_people(reg: Register, principal: Principal) -> Iterator[dict[str, Any]]:
    """Every person (not merged away) as the reader may see them, with their names and their events by role."""
    seen = visible_levels(principal)
    with reg.reading() as s:
        last = 0
        base = select(PersonRow).where(PersonRow.merged_into_id.is_(None))
        while True:
            batch = list(s.scalars(base.where(PersonRow.id > last).order_by(PersonRow.id).limit(BATCH)))
            if not batch:
                return
            last = batch[-1].id
            ids = [p.id for p in batch if principal.may_see(p.confidentiality)]
            names: dict[int, list[str]] = defaultdict(list)
            for n in s.scalars(select(PersonNameRow).where(PersonNameRow.person_id.in_(ids))):
                names[n.person_id].append(row_dict(n)["text"])
            roles: dict[int, list[tuple[str, int, str | None]]] = defaultdict(list)
            member_of: dict[int, set[int]] = defaultdict(set)
            for inv in s.scalars(select(InvolvementRow).where(InvolvementRow.person_id.in_(ids),
                                                              InvolvementRow.confidentiality.in_(seen))):
                roles[inv.person_id or 0].append((inv.role, inv.event_id, inv.harm))
                if isinstance((inv.attributes or {}).get("member_of"), int):  # the actor the person served in
                    member_of[inv.person_id or 0].add(inv.attributes["member_of"])
            for p in batch:
                view = person_view(p, principal)
                view["names"] = sorted(set(names.get(p.id, [])))
                view["involvements"] = roles.get(p.id, [])
                view["member_of"] = sorted(member_of.get(p.id, ()))
                yield view
            s.expunge_all()


def list_sources(reg: Register, principal: Principal) -> list[dict[str, Any]]:
    seen = visible_levels(principal)
    with reg.reading() as s:
        return [{**row_dict(r), "name": source_name(r, principal)}
                for r in s.scalars(select(SourceRow).where(SourceRow.confidentiality.in_(seen)).order_by(SourceRow.id))]


def source_files(reg: Register, principal: Principal) -> dict[int, list[tuple[str, str]]]:
    """Per source, the (file name, SHA-256) of its documents the reader may see whose bytes are not sealed."""
    seen = visible_levels(principal)
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    with reg.reading() as s:
        for d in s.scalars(select(DocumentRow).where(DocumentRow.confidentiality.in_(seen),
                                                     DocumentRow.source_id.is_not(None),
                                                     DocumentRow.file_sealed.is_(False)).order_by(DocumentRow.id)):
            out[d.source_id or 0].append((f"{d.sha256[:12]}-{d.original_name or 'file'}", d.sha256))
    return out


def list_actors(reg: Register, principal: Principal) -> list[dict[str, Any]]:
    seen = visible_levels(principal)
    with reg.reading() as s:
        return [row_dict(a) for a in s.scalars(select(ActorRow).where(ActorRow.confidentiality.in_(seen))
                                               .order_by(ActorRow.id))]


def iter_rows(reg: Register, principal: Principal, table: Any) -> Iterator[dict[str, Any]]:
    """Every row of a table with a confidentiality column that the reader may see, in id order, in batches."""
    seen = visible_levels(principal)
    with reg.reading() as s:
        last = 0
        while True:
            batch = list(s.scalars(select(table).where(table.confidentiality.in_(seen), table.id > last)
                                   .order_by(table.id).limit(BATCH)))
            if not batch:
                return
            last = batch[-1].id
            yield from (row_dict(r, frozenset({"sealed", "level_floor"})) for r in batch)
            s.expunge_all()
