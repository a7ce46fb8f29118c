"""Findings turned into SuggestionDrafts with the payloads of domain.suggestion_payloads."""

from __future__ import annotations

from datetime import date
from typing import Any

from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft
from aqiqat.domain.suggestion_payloads import (
    ClaimPayload,
    DatePayload,
    EventDatePayload,
    EventPayload,
    FigurePayload,
    OrganizationPayload,
    PersonPayload,
    PlacePayload,
    QuotePayload,
)
from aqiqat.nlp.ages import age_beside
from aqiqat.nlp.attribution import Reporter
from aqiqat.nlp.claims import ClaimFinding
from aqiqat.nlp.entities import OrgEntity, PersonEntity, PlaceEntity
from aqiqat.nlp.events import EventFinding
from aqiqat.nlp.speakers import Speaker

EXTRACTOR_NAME = "aqiqat-ru"
EXTRACTOR_VERSION = "0.2.0"


def span(text: str, start: int, end: int) -> Span:
    return Span(None, start, end, text[start:end])


def _spans(text: str, pairs: list[tuple[int, int] | None]) -> tuple[Span, ...]:
    seen: list[tuple[int, int]] = []
    for pair in pairs:
        if pair is not None and pair not in seen and pair[0] < pair[1]:
            seen.append(pair)
    return tuple(span(text, s, e) for s, e in seen)


def draft(kind: SuggestionKind, payload: Any, spans: tuple[Span, ...], confidence: float) -> SuggestionDraft:
    return SuggestionDraft(kind, dict(payload), spans, round(confidence, 3), EXTRACTOR_NAME, EXTRACTOR_VERSION)


def person_draft(text: str, p: PersonEntity) -> SuggestionDraft:
    mentions = list(dict.fromkeys(m.text for m in p.mentions))
    payload: PersonPayload = {"name": p.name.full, "surname": p.name.surname, "given": p.name.given,
                              "patronymic": p.name.patronymic, "sex": p.name.sex.value, "mentions": mentions,
                              "role": p.role}
    confidence = 0.6 + 0.15 * bool(p.name.given and p.name.surname) + 0.1 * p.name.certain_sex + \
        0.05 * min(len(p.mentions), 3)
    out = draft(SuggestionKind.PERSON, payload, _spans(text, [(m.start, m.end) for m in p.mentions]), confidence)
    ages = [a for a in (age_beside(text, m.start, m.end) for m in p.mentions) if a is not None]
    if ages:
        out.payload["age"] = ages[0]
    return out


def place_draft(text: str, p: PlaceEntity) -> SuggestionDraft:
    payload: PlacePayload = {"name": p.name, "kind": p.kind.value, "gazetteer_id": p.gazetteer_id, "lat": p.lat,
                             "lon": p.lon, "country_code": p.country_code,
                             "mentions": list(dict.fromkeys(m.text for m in p.mentions))}
    confidence = 0.9 if p.gazetteer_id else 0.6
    return draft(SuggestionKind.PLACE, payload, _spans(text, [(m.start, m.end) for m in p.mentions]), confidence)


def org_draft(text: str, o: OrgEntity) -> SuggestionDraft:
    payload: OrganizationPayload = {"name": o.name, "actor_kind": o.kind.value,
                                    "mentions": list(dict.fromkeys(m.text for m in o.mentions))}
    return draft(SuggestionKind.ORGANIZATION, payload, _spans(text, [(m.start, m.end) for m in o.mentions]),
                 0.8 if o.kind.value != "unknown" else 0.65)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def date_payload(d: Any) -> DatePayload:
    v = d.value
    return {"iso": v.iso(), "precision": v.precision.value, "start": _iso(v.value), "end": _iso(v.end),
            "text": d.text, "anchor": d.anchor}


def date_draft(text: str, d: Any) -> SuggestionDraft:
    confidence = 0.9 if d.anchor == "absolute" else 0.7 if not d.reference else 0.6
    out = draft(SuggestionKind.DATE, date_payload(d), _spans(text, [(d.start, d.end)]), confidence)
    if d.reference:
        out.payload["reference"] = d.reference
    return out


def figure_draft(text: str, f: Any, published: date | None, claimant: Reporter | None = None) -> SuggestionDraft:
    """``claimant``: the reporter found over the document (nlp.attribution), overriding the phrase as written."""
    payload: FigurePayload = {"value": f.value, "min": f.min, "max": f.max, "qualifier": str(f.qualifier),
                              "counted": f.counted, "claimant": f.claimant_text, "date_iso": _iso(published)}
    who = (f.claimant_start, f.claimant_end) if f.claimant_start is not None else None
    extra: dict[str, Any] = {}
    if claimant is not None:
        payload["claimant"] = claimant.name
        who = (claimant.start, claimant.end)
        extra = {"claimant_as_written": text[claimant.start:claimant.end], "claimant_kind": claimant.kind,
                 "claimant_confidence": claimant.confidence, "claimant_found": claimant.how,
                 "claimant_role": claimant.role}
    out = draft(SuggestionKind.FIGURE, payload, _spans(text, [(f.start, f.end), who]), 0.8 if f.counted else 0.6)
    out.payload.update(extra)
    return out


def quote_draft(text: str, q: Any, speaker: Speaker) -> SuggestionDraft:
    payload: QuotePayload = {"text": q.text, "speaker": speaker.name, "speaker_kind": speaker.kind,
                             "speaker_role": q.speaker_role}
    who = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
    confidence = 0.85 if speaker.kind != "unknown" else 0.5
    return draft(SuggestionKind.QUOTE, payload, _spans(text, [(q.start, q.end), who]), confidence)


def event_draft(text: str, e: EventFinding) -> SuggestionDraft:
    date_part: EventDatePayload | None = None
    if e.date is not None:
        dp = date_payload(e.date)
        date_part = {"iso": dp["iso"], "precision": dp["precision"], "start": dp["start"], "end": dp["end"],
                     "text": dp["text"]}
    victims = [{"name": v.name, "count": v.count, "harm": v.harm.value if v.harm else None,
                "attributes": dict(v.attributes)} for v in e.victims]
    killed = e.killed
    # counts read from figures (nlp.event_counts); the killed count of the outcome or victims comes first
    counts = {k: c for k, c in e.counts.items() if not (k == "killed" and killed is not None)}
    low = {k: c.min for k, c in counts.items()}
    high = {k: c.max for k, c in counts.items()}
    payload: EventPayload = {
        "type": e.type.value, "trigger": e.trigger, "date": date_part,
        "place": e.place.name if e.place else None, "victims": victims,  # type: ignore[typeddict-item]
        "perpetrators": [{"name": p.name, "kind": p.kind} for p in e.perpetrators],
        "outcome": e.outcome.value if e.outcome else None, "claimant": e.claimant,
        "killed_min": killed if killed is not None else low.get("killed"),
        "killed_max": killed if killed is not None else high.get("killed"),
        "injured_min": low.get("injured"), "injured_max": high.get("injured"),
        "detained_min": low.get("detained"), "detained_max": high.get("detained"),
        "sentence": e.sentence.text.strip(),
        "subtype": e.subtype,
        "count_qualifiers": {k: c.qualifier for k, c in counts.items()},
    }
    s0 = e.sentence.start + (len(e.sentence.text) - len(e.sentence.text.lstrip()))
    s1 = e.sentence.start + len(e.sentence.text.rstrip())
    pairs: list[tuple[int, int] | None] = [(s0, s1), (e.trigger_start, e.trigger_end)]
    pairs.append((e.date.start, e.date.end) if e.date is not None else None)
    pairs.append(e.place_span)
    pairs += [(v.start, v.end) for v in e.victims] + [(p.start, p.end) for p in e.perpetrators]
    pairs.append(e.outcome_span)
    pairs += [(c.start, c.end) for c in counts.values()]
    confidence = 0.5 + 0.1 * (e.date is not None) + 0.1 * (e.place is not None) + 0.1 * bool(e.victims or
                                                                                          e.perpetrators)
    return draft(SuggestionKind.EVENT, payload, _spans(text, pairs), confidence)


def claim_draft(text: str, c: ClaimFinding) -> SuggestionDraft:
    payload: ClaimPayload = {"text": c.text, "kind": c.kind.value, "claimant": c.claimant,
                             "disputed_by": list(c.disputed_by), "subject": c.subject,
                             "stance": "disputes" if c.disputes is not None else None}
    return draft(SuggestionKind.CLAIM, payload, _spans(text, [(c.start, c.end), c.claimant_span]),
                 0.6 if c.claimant else 0.45)
