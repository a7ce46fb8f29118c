"""Quote speakers resolved to the person or organisation of the document they name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aqiqat.nlp.entities import Entities
from aqiqat.nlp.layouts import initials_of
from aqiqat.nlp.models import Morph
from aqiqat.nlp.romanise import same_name

_INDEFINITE = re.compile(
    r"(?i)(?:a|an|another|one|один|одна|одного|одной|некий|некая|какой-то|какая-то|ещ[её])(?:\s|$)"
)


@dataclass(frozen=True)
class Speaker:
    name: str | None
    kind: str  # "person", "organization", "unknown"


def _words(text: str, morph: Morph) -> set[str]:
    return {morph.lemma(w.strip(".,:;«»\"")) for w in text.split() if w.strip(".,:;«»\"")}


def resolve_speaker(quote: Any, entities: Entities, morph: Morph) -> Speaker:
    start, end = quote.speaker_start, quote.speaker_end
    initials = initials_of(quote.speaker_text or "")
    if initials is not None:  # an interview's «Е.К.:» is the person named with those initials
        for candidate in entities.persons:
            name = candidate.name
            if len(initials) >= 2 and name.given[:1] + name.surname[:1] == initials[0] + initials[-1]:
                return Speaker(name.full, "person")
        return Speaker(quote.speaker_text, "unknown")
    written = quote.speaker_text or ""
    if re.fullmatch(r"[A-Za-z' -]+", written):  # a post signed "Nikolay Kasyan" by the text's «Николай Касьян»
        for candidate in entities.persons:
            if not re.search(r"[A-Za-z]", candidate.name.full) and same_name(written, candidate.name.full):
                return Speaker(candidate.name.full, "person")
    if start is not None and end is not None:
        person = entities.person_at(start, end)
        if person is not None:
            return Speaker(person.name.full, "person")
        org = entities.org_at(start, end)
        if org is not None:
            return Speaker(org.name, "organization")
    text = quote.speaker_text or ""
    if not text:
        return Speaker(None, "unknown")
    if _INDEFINITE.match(text):  # "a resident in Osh": an unnamed speaker, said as written
        role = getattr(quote, "speaker_role", None)
        return Speaker(f"{text} {role}" if role and role.lower().startswith(("of", "из")) else text, "unknown")
    low = {w.lower().strip(".,:;") for w in text.split()}
    lemmas = _words(text, morph)
    for person in entities.persons:
        parts = {p.lower() for p in (person.name.surname, person.name.given) if p}
        forms = {w.lower() for m in person.mentions for w in m.text.split()}
        if parts & (low | lemmas) or forms & low:
            return Speaker(person.name.full, "person")
    for org in entities.orgs:
        if {w.lower() for m in org.mentions for w in m.text.split()} & low:
            return Speaker(org.name, "organization")
    return Speaker(text, "unknown")


class SpeakerMap:
    """Who speaks at a character position (inside a quote), for events and claims read inside quotes."""

    def __init__(self, quotes: list[Any], speakers: list[Speaker]) -> None:
        self._items = [(q.start, q.end, s.name) for q, s in zip(quotes, speakers, strict=True) if s.name]

    def __call__(self, pos: int) -> str | None:
        for start, end, name in self._items:
            if start <= pos < end:
                return name
        return None

    @property
    def quotes(self) -> list[tuple[int, int, str]]:
        """(start, end, speaker) of every quote whose speaker is known, in document order."""
        return sorted(self._items)

    def last_before(self, pos: int, within: int = 600) -> str | None:
        """The speaker of the last quote that ends before ``pos``, at most ``within`` characters before it."""
        ended = [(end, name) for start, end, name in self._items if end <= pos and pos - end <= within]
        return max(ended)[1] if ended else None
