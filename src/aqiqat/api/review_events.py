"""What an accepted event suggestion becomes: the event, dated and placed, with the victims, perpetrators,
place, date and figures that the same report's other suggestions say of it (the reviewer picks which)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from aqiqat.api.errors import Invalid
from aqiqat.api.records import add_evidence, create_in, involve_in
from aqiqat.api.register import row_dict
from aqiqat.domain.enums import AuditAction, EventType, Harm
from aqiqat.domain.model import Span
from aqiqat.nlp.nominative import role_nominative
from aqiqat.store.tables import ClaimRow, EventRow, InvolvementRow

if TYPE_CHECKING:
    from aqiqat.api.review_records import RecordMaker

EVENT_LABELS = {
    "ru": {
        "shooting": "Стрельба",
        "killing": "Убийство",
        "detention": "Задержание",
        "torture": "Пытки",
        "arson": "Поджог",
        "protest": "Протест",
        "riot": "Беспорядки",
        "injury": "Ранение",
        "order_to_shoot": "Приказ стрелять",
        "planted_evidence": "Подброшенные улики",
        "internet_shutdown": "Отключение интернета",
        "enforced_disappearance": "Насильственное исчезновение",
        "prosecution": "Уголовное преследование",
        "threat": "Угрозы",
        "statement": "Заявление",
        "other": "Событие",
    },
}
HARM_OF_TYPE = {"killing": "killed", "shooting": "killed", "injury": "injured", "detention": "detained",
                "torture": "tortured", "enforced_disappearance": "disappeared", "threat": "threatened",
                "property_destruction": "property", "arson": "property"}
COUNTED = {"killed", "injured", "detained"}


KINSHIP = ("брат", "сестр", "мать", "матер", "отец", "отц", "сын", "доч", "муж", "жен", "супруг", "вдов", "дяд",
           "тёт", "тет", "племянни", "внук", "дед", "бабушк", "родител", "ребён", "ребен", "дет")


def occupation_of(role: Any) -> str:
    """A role as written is an occupation, in the nominative («правозащитника» → «правозащитник»), unless it
    names kin («брата» in «моего брата Армана»)."""
    text = str(role or "").strip()
    return "" if text.lower().startswith(KINSHIP) else role_nominative(text)


def iso(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def number(value: Any) -> int | None:
    try:
        return None if value is None or value == "" else int(float(value))
    except (TypeError, ValueError):
        raise Invalid(f"{value!r} is not a number") from None


def when(value: Any) -> dict[str, Any]:
    """An event's date as the extractor gives it (a dict) or as a reviewer types it: 2022-01-07, 2022-01, 2022."""
    if isinstance(value, dict):
        return value
    text = str(value or "").strip()
    if not text:
        return {}
    parts = text.split("-")
    try:
        if len(parts) == 3:
            day = date.fromisoformat(text)
            return {"iso": text, "start": day.isoformat(), "precision": "day", "text": text}
        if len(parts) == 2:
            first = date(int(parts[0]), int(parts[1]), 1)
            return {"iso": text, "start": first.isoformat(), "precision": "month", "text": text}
        if len(parts) == 1 and len(text) == 4:
            return {"iso": text, "start": date(int(text), 1, 1).isoformat(), "precision": "year", "text": text}
    except ValueError:
        pass
    raise Invalid(f"date: {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def event_title(etype: str, place: str, day: str, language: str | None) -> str:
    """A title in the document's language (never Russian words in an English report's title)."""
    labels = EVENT_LABELS.get((language or "")[:2], {})
    label = labels.get(etype) or etype.replace("_", " ").capitalize()
    return " · ".join(x for x in (label, place, day) if x)


def make_event(maker: RecordMaker, p: dict[str, Any], spans: list[Span]) -> list[dict[str, Any]]:
    etype = p.get("type") if p.get("type") in {t.value for t in EventType} else "other"
    day = when(p.get("date"))
    place_id = None
    if p.get("place"):
        place_id = maker.place(maker.place_payload(str(p["place"])), []).id
    values = {
        "type": etype,
        "title": p.get("title") or event_title(str(etype), str(p.get("place") or ""), str(day.get("iso") or ""),
                                               maker.language),
        "description": p.get("sentence") or "",
        "start_date": iso(day.get("start")),
        "end_date": iso(day.get("end")),
        "date_precision": day.get("precision") or "unknown",
        "date_text": day.get("text") or "",
        "place_id": place_id,
        "location_precision": "town" if place_id else "unknown",
        "confidentiality": str(maker.doc_conf),
        "grade": "weak",
    }
    for key in ("killed_min", "killed_max", "injured_min", "injured_max", "detained_min", "detained_max"):
        values[key] = number(p.get(key))
    event = create_in(maker.unit, "event", values, spans, level=str(maker.doc_conf))
    made: list[dict[str, Any]] = [{"entity": "event", "id": event.id}]
    victims: set[int] = set()
    for v in p.get("victims") or []:
        harm = v.get("harm") if v.get("harm") in {h.value for h in Harm} else None
        named: list[int | None] = [i for i in maker.people_named(v.get("name"), spans) if i not in victims]
        if v.get("name") and not named:
            continue  # a family's members, named again: each is a victim once
        victims.update(i for i in named if i is not None)
        for person_id in named or [None]:
            inv = involve_in(maker.unit, event.id, "victim", person_id=person_id, harm=harm,
                             count=int(v.get("count") or 1) if person_id is None else 1,
                             attributes=v.get("attributes") or {}, evidence=spans)
            made.append({"entity": "involvement", "id": inv.id})
    for perp in p.get("perpetrators") or []:
        if perp.get("kind") == "person":
            pid: int | None = maker.person(perp["name"], {}, spans, None).id
            aid: int | None = None
        else:
            pid, aid = None, maker.actor(perp["name"], perp.get("kind"), []).id
        inv = involve_in(maker.unit, event.id, "perpetrator", mode="alleged", evidence=spans, person_id=pid,
                         actor_id=aid)
        made.append({"entity": "involvement", "id": inv.id})
    return made


def attach(maker: RecordMaker, event: EventRow, kind: str, records: list[dict[str, Any]], role: str,
           payload: dict[str, Any], spans: list[Span]) -> list[dict[str, Any]]:
    """Join the records one of the report's suggestions made (or makes now) to the event it speaks of."""
    made: list[dict[str, Any]] = []
    involved = {(pid, r) for pid, r in maker.s.execute(select(InvolvementRow.person_id, InvolvementRow.role)
                                                       .where(InvolvementRow.event_id == event.id))}
    for rec in records:
        if rec["entity"] == "person" and (rec["id"], role) in involved:
            continue  # already in the event in that role (named in the event's own sentence)
        if rec["entity"] == "person" and role in ("victim", "perpetrator", "witness"):
            harm = HARM_OF_TYPE.get(event.type) if role == "victim" else None
            inv = involve_in(maker.unit, event.id, role, person_id=rec["id"], harm=harm,
                             mode="alleged" if role == "perpetrator" else None, evidence=spans)
            involved.add((rec["id"], role))
            made.append({"entity": "involvement", "id": inv.id})
        elif rec["entity"] == "actor" and role in ("victim", "perpetrator", "witness"):
            inv = involve_in(maker.unit, event.id, role, actor_id=rec["id"],
                             mode="alleged" if role == "perpetrator" else None, evidence=spans)
            made.append({"entity": "involvement", "id": inv.id})
        elif rec["entity"] == "place":
            event.place_id = rec["id"]
            event.location_precision = "town" if payload.get("kind") in (None, "city") else "exact"
        elif rec["entity"] == "claim":
            claim = maker.s.get(ClaimRow, rec["id"])
            if claim is not None:
                before = row_dict(claim)
                claim.event_id = event.id
                _count_from(event, claim)
                maker.s.flush()
                maker.unit.audit(AuditAction.UPDATE, "claim", claim.id, before, row_dict(claim))
    if kind == "date" and payload:
        day = when(payload)
        event.start_date, event.end_date = iso(day.get("start")), iso(day.get("end"))
        event.date_precision, event.date_text = day.get("precision") or "unknown", day.get("text") or ""
    maker.s.flush()
    return made


def _count_from(event: EventRow, claim: ClaimRow) -> None:
    """A claimed figure of the killed, injured or detained gives the event its range when it has none yet."""
    if claim.subject not in COUNTED or claim.kind != "figure":
        return
    low = claim.value_min if claim.value_min is not None else claim.value
    high = claim.value_max if claim.value_max is not None else (claim.value if claim.qualifier == "exact" else None)
    if getattr(event, f"{claim.subject}_min") is None and getattr(event, f"{claim.subject}_max") is None:
        setattr(event, f"{claim.subject}_min", None if low is None else int(low))
        setattr(event, f"{claim.subject}_max", None if high is None else int(high))


def date_event(maker: RecordMaker, p: dict[str, Any], spans: list[Span], link_to: int | None) -> list[dict[str, Any]]:
    """A date suggestion dates the event it is linked to (a date on its own is no record)."""
    if link_to is None:
        return []
    event = maker._linked(EventRow, link_to, "event")
    before = row_dict(event)
    day = when(p)
    event.start_date, event.end_date = iso(day.get("start")), iso(day.get("end"))
    event.date_precision, event.date_text = day.get("precision") or "unknown", day.get("text") or ""
    maker.s.flush()
    maker.unit.audit(AuditAction.UPDATE, "event", event.id, before, row_dict(event))
    add_evidence(maker.unit, "event", event.id, spans)
    return [{"entity": "event", "id": event.id}]
