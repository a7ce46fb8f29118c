"""Use cases of the workbench beyond create and update: remove a link, record a fact with no document behind it
(a phone call, a field note, a meeting), and the list rows a person stands for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.records import create_in, record_view, visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.domain.enums import AuditAction
from aqiqat.domain.model import Span
from aqiqat.linkage.names import name_key
from aqiqat.store.tables import EventRow, InvolvementRow, ListEntryRow, PersonNameRow, PersonRow, VictimListRow

HOW = ("phone_call", "field_note", "meeting", "message", "other")
BY_HAND = "no document"  # the mark a hand-made record's evidence carries


def remove_involvement(reg: Register, principal: Principal, involvement_id: int) -> dict[str, Any]:
    """Take a person or an actor off an event (audited with what was removed)."""
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not change the register")
    with reg.unit(principal) as unit:
        row = unit.session.get(InvolvementRow, involvement_id)
        event = unit.session.get(EventRow, row.event_id) if row is not None else None
        if row is None or event is None or not principal.may_see(row.confidentiality):
            raise NotFound(f"no involvement {involvement_id}")
        if not principal.may_see(event.confidentiality):
            raise NotFound(f"no involvement {involvement_id}")
        before = row_dict(row)
        unit.session.delete(row)
        unit.session.flush()
        unit.audit(AuditAction.REMOVE, "involvement", involvement_id, before, None)
        return before


def hand_note(how: str, who: str, when: str, note: str) -> str:
    """The evidence text of a fact told rather than written: who told it, when, how, and what they said."""
    if how not in HOW:
        raise Invalid(f"how: {how!r} is not one of {', '.join(HOW)}")
    if not who.strip() or not note.strip():
        raise Invalid("say who told you and what (a source with no document still needs both)")
    return f"[{BY_HAND}] {how} · {who.strip()} · {when.strip() or '—'}: {note.strip()}"


def create_by_hand(
    reg: Register,
    principal: Principal,
    entity: str,
    values: Mapping[str, Any],
    how: str,
    who: str,
    when: str,
    note: str,
) -> dict[str, Any]:
    """An event, a person or a claim with no document behind it: its evidence is the note of who told it."""
    if entity not in ("event", "person", "claim"):
        raise Invalid("only an event, a person or a claim is added by hand")
    text = hand_note(how, who, when, note)
    with reg.unit(principal) as unit:
        row = create_in(unit, entity, values, [Span(None, 0, len(text), text)])
        return record_view(entity, row, principal)


def is_attachment(evidence: dict[str, Any]) -> bool:
    """A whole file attached to a record (no passage of it): shown among the record's files, not as a source."""
    return bool(evidence.get("document_id")) and evidence.get("start") is None


def undocumented(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The evidence of a record that rests on no document and no list row (notes of calls and meetings)."""
    return [e for e in evidence if not e.get("document_id") and not e.get("list_entry_id")]


def list_rows_of(reg: Register, principal: Principal, person_id: int) -> list[dict[str, Any]]:
    """The rows of victim lists that name this person (or a person merged into them), as the reader may see."""
    with reg.reading() as s:
        ids = [person_id, *s.scalars(select(PersonRow.id).where(PersonRow.merged_into_id == person_id))]
        rows = s.execute(
            select(ListEntryRow, VictimListRow)
            .join(VictimListRow, VictimListRow.id == ListEntryRow.list_id)
            .where(ListEntryRow.person_id.in_(ids), ListEntryRow.confidentiality.in_(visible_levels(principal)))
            .order_by(ListEntryRow.list_id, ListEntryRow.row_number)
        ).all()
        # a restricted list's name is sealed with it; a reader who sees its rows is cleared for it
        return [{**row_dict(entry), "list_name": row_dict(vlist)["name"]} for entry, vlist in rows]


def add_name(reg: Register, principal: Principal, person_id: int, name: str) -> None:
    """A name or spelling a person is also known by (no document: typed by an editor)."""
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not change the register")
    with reg.unit(principal) as unit:
        person = unit.session.get(PersonRow, person_id)
        if person is None or not principal.may_see(person.confidentiality):
            raise NotFound(f"no person {person_id}")
        unit.session.add(PersonNameRow(person_id=person_id, text=name.strip()))
        unit.session.flush()
        unit.audit(AuditAction.UPDATE, "person", person_id, None, {**row_dict(person), "name_added": name.strip()})


def names_of(reg: Register, principal: Principal, person_id: int) -> list[str]:
    """The names a person is known by (as written in documents, and typed variants), each once."""
    with reg.reading() as s:
        person = s.get(PersonRow, person_id)
        if person is None or not principal.may_see(person.confidentiality):
            return []
        ids = [person_id, *s.scalars(select(PersonRow.id).where(PersonRow.merged_into_id == person_id))]
        rows = s.scalars(select(PersonNameRow).where(PersonNameRow.person_id.in_(ids))).all()
        return sorted({row_dict(r)["text"] for r in rows})


def merged_into(reg: Register, principal: Principal, person_id: int) -> list[dict[str, Any]]:
    """The people merged into this one (each can be split off again)."""
    with reg.reading() as s:
        rows = s.scalars(
            select(PersonRow).where(
                PersonRow.merged_into_id == person_id, PersonRow.confidentiality.in_(visible_levels(principal))
            )
        ).all()
        return [record_view("person", r, principal) for r in rows]


def _key(name: str) -> str:
    return name_key(name).full_key or name.strip().lower()


def merge_candidates(reg: Register, principal: Principal, person_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """People who may be the same as this one: a word of their name keys in common (Арман / Армана)."""
    with reg.reading() as s:
        person = s.get(PersonRow, person_id)
        if person is None or not principal.may_see(person.confidentiality):
            return []
        words = {w for w in (person.name_key or _key(row_dict(person)["display_name"])).split() if len(w) > 2}
        query = select(PersonRow).where(
            PersonRow.id != person_id,
            PersonRow.merged_into_id.is_(None),
            PersonRow.confidentiality.in_(visible_levels(principal)),
        )
        found = []
        for row in s.scalars(query.order_by(PersonRow.id).limit(5000)):
            if words & set((row.name_key or _key(row_dict(row)["display_name"])).split()):
                found.append(record_view("person", row, principal))
                if len(found) >= limit:
                    break
        return found
