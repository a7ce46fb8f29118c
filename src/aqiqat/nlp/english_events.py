"""Events in English text from its verbs: killed, shot, wounded, detained, tortured, sentenced, disappeared.

One event per sentence and type, at the first trigger that is not negated ("were not detained"); its date is
the sentence's date mention (else none), its place the sentence's place, its claimant the reporter in force,
its counts the figures of its sentence (nlp.event_counts).
"""

from __future__ import annotations

import re
from typing import Any

from aqiqat.domain.enums import EventType
from aqiqat.nlp.attribution import Reporters
from aqiqat.nlp.entities import Entities
from aqiqat.nlp.events import EventFinding
from aqiqat.nlp.figures_lexicon import sentence_spans
from aqiqat.nlp.syntax import Sentence

_TRIGGERS: tuple[tuple[EventType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"(?i)(?<![\w-])(?:{words})(?![\w-])"))
    for kind, words in (
        (EventType.SHOOTING, r"shot|shooting|opened\s+fire|fired\s+(?:on|at|into)|gunfire"),
        (EventType.KILLING, r"killed|killing|murdered|gunned\s+down|shot\s+dead|died|were\s+dead"),
        (EventType.INJURY, r"wounded|injured|hurt"),
        (EventType.DETENTION, r"detained|arrested|rounded\s+up|taken\s+into\s+custody|detentions|arrests"),
        (EventType.TORTURE, r"tortured|torture|beaten|beat\s+(?:him|her|them)"),
        (EventType.PROSECUTION, r"sentenced|convicted|charged\s+with|put\s+on\s+trial"),
        (EventType.ENFORCED_DISAPPEARANCE, r"disappeared|abducted|went\s+missing|forcibly\s+disappeared"),
        (EventType.PROTEST, r"protested|rallied|demonstrated|took\s+to\s+the\s+streets"),
    )
)
_NEGATED = re.compile(r"(?i)(?<![\w-])(?:not|never|no\s+one|nobody|denied|deny|denies)(?:\s+\w+){0,2}\s*$")


def english_events(text: str, entities: Entities, dates: list[Any], reporters: Reporters) -> list[EventFinding]:
    out: list[EventFinding] = []
    for a, b in sentence_spans(text):
        sentence: Sentence | None = None
        for kind, rx in _TRIGGERS:
            m = next((m for m in rx.finditer(text, a, b) if not _NEGATED.search(text, max(a, m.start() - 30),
                                                                                 m.start())), None)
            if m is None:
                continue
            if sentence is None:
                sentence = Sentence(a, b, text[a:b], [], [])
            day = next((d for d in dates if a <= d.start < b and d.value.value is not None), None)
            place = next(((p, mm) for p in entities.places for mm in p.mentions if a <= mm.start < b), None)
            reporter = reporters.at(a)
            out.append(EventFinding(
                type=kind, trigger_start=m.start(), trigger_end=m.end(), trigger=m.group(), sentence=sentence,
                date=day, place=place[0] if place else None,
                place_span=(place[1].start, place[1].end) if place else None,
                claimant=reporter.name if reporter is not None else None,
            ))
    return out
