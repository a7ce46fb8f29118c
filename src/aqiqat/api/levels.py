"""Derived confidentiality: a record is at least as confidential as everything it rests on.

A record's level is the highest of its floor (the level a person set by hand) and the levels of what it rests
on: its evidence passages (each at the level of its document or list; a person's
written names are sealed with the person and kept with a passage as evidence), the records it was made from (an
involvement rests on its event and its person; a claim on its event, its claimant and the claim it answers; an
adopted figure on its claims; a list entry on its list and the person it was merged into; a merge judgement on
both sides). It is derived after every flush, in the same transaction, for whatever the flush touched, and the
change is carried on to what rests on the changed record. Lowering a level is never a side effect: only
`declassify` (audited, with a reason) lowers evidence and floors.

A place found in the public gazetteer rests on the gazetteer: its name and coordinates are public knowledge,
so a restricted testimony that mentions it adds a restricted passage (hidden on its own) without raising it.
A source carries the level it was declared with. A victims list carries the level it was imported or
reclassified at, and never less than its file's: raising the document raises the list and its rows with it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import Session, sessionmaker

from aqiqat.store.tables import (
    ActorRow,
    AdoptedFigureRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    EvidenceRow,
    InvolvementRow,
    LinkJudgementRow,
    ListEntryRow,
    PersonRow,
    PlaceRow,
    QuoteRow,
    SourceRow,
    VictimListRow,
)

RANK = {"public": 0, "internal": 1, "restricted": 2}
ROWS: dict[str, Any] = {
    "event": EventRow,
    "person": PersonRow,
    "claim": ClaimRow,
    "place": PlaceRow,
    "actor": ActorRow,
    "involvement": InvolvementRow,
    "quote": QuoteRow,
    "adopted_figure": AdoptedFigureRow,
    "list_entry": ListEntryRow,
    "link_judgement": LinkJudgementRow,
    "evidence": EvidenceRow,
    "document": DocumentRow,
    "victim_list": VictimListRow,
    "source": SourceRow,
}
ENTITY_OF = {cls: name for name, cls in ROWS.items()}
Key = tuple[str, int]


def top(levels: Iterable[str | None]) -> str:
    """The highest of `levels` ("public" when there are none)."""
    best = "public"
    for level in levels:
        if level is not None and RANK.get(level, 1) > RANK[best]:
            best = level
    return best


def below(level: str, other: str) -> bool:
    return RANK.get(level, 1) < RANK.get(other, 1)


def install(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "after_flush", _collect)
    event.listen(sessions, "after_flush_postexec", _derive_after_flush)


def _collect(session: Session, _ctx: object) -> None:
    seeds: set[Key] = session.info.setdefault("level_seeds", set())
    for obj in session.new:  # a new passage takes its document's level; a changed one keeps the level given
        if isinstance(obj, EvidenceRow):
            seeds.add(("evidence", obj.id))
            seeds.add((obj.entity, obj.entity_id))  # the record it is evidence for
    for obj in list(session.dirty) + list(session.deleted):  # a new row got its level before it was written
        entity = ENTITY_OF.get(type(obj))
        if isinstance(obj, EvidenceRow):
            seeds.add((obj.entity, obj.entity_id))
        elif entity in {"document", "victim_list", "source"}:
            if _level_changed(obj):
                seeds.add((str(entity), obj.id))
        elif entity is not None and obj.id is not None:
            seeds.add((entity, obj.id))
            if isinstance(obj, ListEntryRow) and obj.person_id is not None:
                seeds.add(("person", obj.person_id))  # linked into a person: the person rests on it now


def prefetch(session: Session, rows: Iterable[Any]) -> None:
    """Load in two queries what many new merge-queue pairs rest on (a link run queues thousands at once), so
    that deriving their levels reads the identity map instead of one row at a time."""
    entries: set[int] = set()
    people: set[int] = set()
    for row in rows:
        if isinstance(row, LinkJudgementRow):
            for ref in (row.left_ref, row.right_ref):
                kind, _, num = (ref or "").partition(":")
                if num.isdigit():
                    (entries if kind == "e" else people).add(int(num))
    for cls, ids in ((ListEntryRow, entries), (PersonRow, people)):
        ordered = sorted(ids)
        for i in range(0, len(ordered), 500):
            list(session.scalars(select(cls).where(cls.id.in_(ordered[i : i + 500]))))


def _level_changed(obj: Any) -> bool:
    state = inspect(obj)
    return bool(state.attrs["confidentiality"].history.added) and not state.pending


def _derive_after_flush(session: Session, _ctx: object) -> None:
    seeds: set[Key] = session.info.pop("level_seeds", set())
    if seeds:
        with session.no_autoflush:
            derive(session, seeds)


def derive(session: Session, seeds: Iterable[Key]) -> None:
    """Recompute the level of each seed and carry every change on to what rests on it."""
    queue: deque[Key] = deque(sorted(k for k in seeds if k[1] is not None and k[0] in ROWS))
    seen: dict[Key, int] = {}
    while queue:
        key = queue.popleft()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 3:  # a cycle of references (a person merged both ways): settled enough
            continue
        entity, ident = key
        row = session.get(ROWS[entity], ident)
        if row is None:
            continue
        if entity in {"document", "source"}:
            queue.extend(dependents(session, entity, row))
            continue
        if entity == "victim_list":  # a root of its own, raised by its file: its rows follow either way
            level = level_of(session, entity, row)
            if level != row.confidentiality:
                session.info.setdefault("derived_levels", {})[(entity, ident)] = row
                row.confidentiality = level
            queue.extend(dependents(session, entity, row))
            continue
        level = level_of(session, entity, row)
        if level != row.confidentiality:
            if entity != "evidence":  # the unit of work audits every derived change of a record's level
                session.info.setdefault("derived_levels", {})[(entity, ident)] = row
            row.confidentiality = level
            queue.extend(dependents(session, entity, row))


def _level(session: Session, cls: Any, ident: int | None) -> str | None:
    if ident is None:
        return None
    row = session.get(cls, ident)
    return None if row is None else str(row.confidentiality)


def _evidence_levels(session: Session, entity: str, ident: int) -> list[str]:
    return list(
        session.scalars(
            select(EvidenceRow.confidentiality)
            .where(EvidenceRow.entity == entity, EvidenceRow.entity_id == ident)
            .distinct()
        )
    )


def ref_level(session: Session, ref: str) -> str | None:
    """The level of a linkage reference: "e:12" (a list entry) or "p:3" (a person)."""
    kind, _, num = ref.partition(":")
    if not num.isdigit():
        return None
    return _level(session, ListEntryRow if kind == "e" else PersonRow, int(num))


def level_of(session: Session, entity: str, row: Any) -> str:
    """The level `row` must have now: its floor and everything it rests on."""
    floor = getattr(row, "level_floor", "public")
    if entity == "victim_list":  # the level it was given, and at least its file's
        return top([row.confidentiality, _level(session, DocumentRow, row.document_id)])
    if entity == "evidence":
        source = (
            _level(session, DocumentRow, row.document_id)
            if row.document_id is not None
            else _list_entry_level(session, row.list_entry_id)
        )
        return top([row.confidentiality, source])
    if entity == "place" and row.gazetteer_id:
        return top([floor])
    levels: list[str | None] = [floor]
    if row.id is not None:  # a row not yet written has no evidence and nothing merged into it
        levels += _evidence_levels(session, entity, row.id)
    if entity == "person" and row.id is not None:
        levels += list(
            session.scalars(
                select(VictimListRow.confidentiality)
                .join(ListEntryRow, ListEntryRow.list_id == VictimListRow.id)
                .where(ListEntryRow.person_id == row.id)
                .distinct()
            )
        )
        levels += list(session.scalars(select(PersonRow.confidentiality).where(PersonRow.merged_into_id == row.id)))
    elif entity == "involvement":
        levels += [
            _level(session, EventRow, row.event_id),
            _level(session, PersonRow, row.person_id),
            _level(session, ActorRow, row.actor_id),
        ]
    elif entity == "claim":
        levels += [
            _level(session, EventRow, row.event_id),
            _level(session, PersonRow, row.claimant_person_id),
            _level(session, ActorRow, row.claimant_actor_id),
            _level(session, SourceRow, row.claimant_source_id),
            _level(session, PersonRow, row.person_id),
            _level(session, ClaimRow, row.about_claim_id),
        ]
    elif entity == "quote":
        levels += [
            _level(session, DocumentRow, row.document_id),
            _level(session, PersonRow, row.speaker_person_id),
            _level(session, ActorRow, row.speaker_actor_id),
        ]
    elif entity == "adopted_figure":
        ids = [int(i) for i in (row.claim_ids or []) if isinstance(i, int | str) and str(i).isdigit()]
        if ids:
            levels += list(session.scalars(select(ClaimRow.confidentiality).where(ClaimRow.id.in_(ids)).distinct()))
    elif entity == "list_entry":
        levels += [_level(session, VictimListRow, row.list_id), _level(session, PersonRow, row.person_id)]
    elif entity == "link_judgement":
        levels += [ref_level(session, row.left_ref), ref_level(session, row.right_ref)]
    return top(levels)


def _list_entry_level(session: Session, entry_id: int | None) -> str | None:
    entry = session.get(ListEntryRow, entry_id) if entry_id is not None else None
    return None if entry is None else _level(session, VictimListRow, entry.list_id)


def _ids(session: Session, entity: str, query: Any) -> list[Key]:
    return [(entity, int(i)) for i in session.scalars(query)]


def dependents(session: Session, entity: str, row: Any) -> list[Key]:
    """What rests on `row`: the records whose level must be derived again when its level changes."""
    s, rid = session, row.id
    out: list[Key] = []
    if entity == "document":
        out += _ids(s, "evidence", select(EvidenceRow.id).where(EvidenceRow.document_id == rid))
        out += _ids(s, "quote", select(QuoteRow.id).where(QuoteRow.document_id == rid))
        out += _ids(s, "victim_list", select(VictimListRow.id).where(VictimListRow.document_id == rid))
    elif entity == "evidence":
        out.append((row.entity, row.entity_id))
    elif entity == "victim_list":
        out += _ids(s, "list_entry", select(ListEntryRow.id).where(ListEntryRow.list_id == rid))
        out += _ids(s, "evidence", select(EvidenceRow.id).where(EvidenceRow.list_entry_id.in_(
            select(ListEntryRow.id).where(ListEntryRow.list_id == rid))))
        out += _ids(s, "person", select(ListEntryRow.person_id).where(
            ListEntryRow.list_id == rid, ListEntryRow.person_id.is_not(None)).distinct())
    elif entity == "source":
        out += _ids(s, "claim", select(ClaimRow.id).where(ClaimRow.claimant_source_id == rid))
    elif entity == "event":
        out += _ids(s, "involvement", select(InvolvementRow.id).where(InvolvementRow.event_id == rid))
        out += _ids(s, "claim", select(ClaimRow.id).where(ClaimRow.event_id == rid))
    elif entity == "person":
        out += _ids(s, "involvement", select(InvolvementRow.id).where(InvolvementRow.person_id == rid))
        out += _ids(s, "claim", select(ClaimRow.id).where(
            or_(ClaimRow.claimant_person_id == rid, ClaimRow.person_id == rid)))
        out += _ids(s, "quote", select(QuoteRow.id).where(QuoteRow.speaker_person_id == rid))
        out += _ids(s, "list_entry", select(ListEntryRow.id).where(ListEntryRow.person_id == rid))
        out += _judgements(s, f"p:{rid}")
        if row.merged_into_id is not None:
            out.append(("person", row.merged_into_id))
    elif entity == "actor":
        out += _ids(s, "involvement", select(InvolvementRow.id).where(InvolvementRow.actor_id == rid))
        out += _ids(s, "claim", select(ClaimRow.id).where(ClaimRow.claimant_actor_id == rid))
        out += _ids(s, "quote", select(QuoteRow.id).where(QuoteRow.speaker_actor_id == rid))
    elif entity == "claim":
        out += _ids(s, "claim", select(ClaimRow.id).where(ClaimRow.about_claim_id == rid))
        out += [
            ("adopted_figure", f.id)
            for f in s.scalars(select(AdoptedFigureRow))
            if rid in (f.claim_ids or [])
        ]
    elif entity == "list_entry":
        out += _judgements(s, f"e:{rid}")
        if row.person_id is not None:  # the person it was linked into rests on it
            out.append(("person", row.person_id))
    return out


def _judgements(session: Session, ref: str) -> list[Key]:
    return _ids(
        session,
        "link_judgement",
        select(LinkJudgementRow.id).where(or_(LinkJudgementRow.left_ref == ref, LinkJudgementRow.right_ref == ref)),
    )


def lists_below_their_files(session: Session) -> list[int]:
    """Victims lists kept at a lower level than their file's document: an older Aqiqat left a list where it
    was when its document was raised."""
    rows = session.execute(
        select(VictimListRow.id, VictimListRow.confidentiality, DocumentRow.confidentiality)
        .join(DocumentRow, DocumentRow.id == VictimListRow.document_id)
    )
    return [int(i) for i, own, file_level in rows if below(str(own), str(file_level))]


def rederive_all(session: Session) -> int:
    """Derive every record's level again (after an upgrade); returns how many records were looked at."""
    seeds: set[Key] = set()
    for entity in ("victim_list", "evidence", "event", "person", "place", "actor", "claim", "quote", "involvement",
                   "adopted_figure", "list_entry", "link_judgement"):
        cls = ROWS[entity]
        seeds |= {(entity, int(i)) for i in session.scalars(select(cls.id))}
    with session.no_autoflush:
        derive(session, seeds)
    return len(seeds)
