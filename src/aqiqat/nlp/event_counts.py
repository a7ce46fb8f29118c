"""How many were killed, injured or detained in an event, read from the figures of its sentence.

«задержаны более 10 тысяч человек» gives a detention detained_min 10000 (more_than); «полиция задержала около
300 протестующих» gives detained 300 (about). A figure counts for an event when it counts that harm (the figure
extractor's ``counted``: detained, injured, killed) or, counting people in general (protesters, people), when it
sits in the clause of the event's trigger; of several, the one nearest the trigger («ранили 45 человек, в том
числе 12 журналистов» is 45). Unnamed victim groups inside the figure take its value as their count; those inside
a figure of another harm («задержаны 50 человек, ранены 10 человек») are dropped from the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aqiqat.domain.enums import EventType, Qualifier

HARM_KEY = {EventType.DETENTION: "detained", EventType.INJURY: "injured", EventType.KILLING: "killed"}
_PEOPLE = {"protesters", "people"}
_HARMS = set(HARM_KEY.values())


@dataclass(frozen=True)
class Count:
    min: int | None
    max: int | None
    qualifier: str
    start: int
    end: int


def _as_count(f: Any) -> Count | None:
    value = int(f.value) if f.value is not None else None
    low = int(f.min) if f.min is not None else None
    high = int(f.max) if f.max is not None else None
    q = f.qualifier
    if q in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        low, high = (low if low is not None else value), high
    elif q in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        low, high = low, (high if high is not None else value)
    elif low is None and high is None:
        low = high = value
    if low is None and high is None:
        return None
    return Count(low, high, str(q), f.start, f.end)


def _clause(event: Any) -> list[tuple[int, int]]:
    sent = event.sentence
    at = next((i for i, t in enumerate(sent.tokens) if t.start == event.trigger_start), None)
    if at is None:
        return []
    return [(sent.tokens[j].start, sent.tokens[j].stop) for j in sent.subtree(at)]


def fill_counts(events: list[Any], figures: list[Any]) -> None:
    """Set ``event.counts[key]`` (``Count``) for detention, injury and killing events from their sentence."""
    for event in events:
        key = HARM_KEY.get(event.type)
        if key is None:
            continue
        sent = event.sentence
        here = [f for f in figures if sent.start <= f.start < sent.stop and f.value is not None]
        # «Задержаны 50 человек, ранены 10»: a group counted as another harm is not this event's victims
        other = [(f.start, f.end) for f in here if f.counted in _HARMS and f.counted != key]
        event.victims = [v for v in event.victims if v.name is not None or
                         not any(s <= v.start < e for s, e in other)]
        clause = _clause(event)
        fitting = [f for f in here if f.counted == key] or \
            [f for f in here if f.counted in _PEOPLE and any(s <= f.start < e for s, e in clause)]
        if not fitting:
            continue
        nearest = min(fitting, key=lambda f: abs(f.start - event.trigger_start))
        count = _as_count(nearest)
        if count is None:
            continue
        event.counts[key] = count
        for v in event.victims:
            if v.name is None and count.start <= v.start < count.end and nearest.value is not None:
                v.count = int(nearest.value)
                if count.qualifier != str(Qualifier.EXACT):
                    v.attributes["qualifier"] = count.qualifier
