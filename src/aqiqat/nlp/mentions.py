"""Named-entity mentions: Natasha's NER spans, corrected by the gazetteer and by rules.

Corrections: a span the gazetteer knows as a place and pymorphy3 does not know as a name is a place
(«Талдыкоргане» is tagged PER by Natasha); trailing punctuation and quotes are trimmed; «<adjective>
области» is a region; a country name tagged ORG is a place (as factRuEval's LocOrg).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from natasha import Doc

from aqiqat.nlp.gazetteer import Gazetteer, GazetteerPlace
from aqiqat.nlp.models import Morph

PER, LOC, ORG = "PER", "LOC", "ORG"
_REGION = re.compile(r"\b([А-ЯЁа-яё-]+(?:ой|ая|ую|ской))\s+(област(?:ь|и|ью|ям|ях|ей))\b")
_TRIM = " \t\n.,;:!?\"'«»“”„()—–-"
_PERSON_GRAMMEMES = ("Name", "Surn", "Patr")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str
    place: GazetteerPlace | None = None


@dataclass(frozen=True)
class TokenIndex:
    """Find the Natasha tokens of a character span."""

    starts: list[int]
    tokens: list

    @classmethod
    def of(cls, doc: Doc) -> TokenIndex:
        return cls([t.start for t in doc.tokens], list(doc.tokens))

    def covering(self, start: int, end: int) -> list:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            out.append(self.tokens[i])
            i += 1
        return out

    def before(self, start: int, n: int = 1) -> list:
        i = bisect_left(self.starts, start)
        return self.tokens[max(0, i - n): i]

    def after(self, end: int, n: int = 1) -> list:
        i = bisect_left(self.starts, end)
        return self.tokens[i: i + n]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _looks_like_person_word(word: str, morph: Morph) -> bool:
    return any(g in p.tag for p in morph.parse(word.lower()) for g in _PERSON_GRAMMEMES if p.score > 0.01)


def find_mentions(doc: Doc, text: str, gazetteer: Gazetteer, morph: Morph) -> list[Mention]:
    """PER/LOC/ORG mentions of a Natasha-tagged document, gazetteer-corrected, sorted by start."""
    mentions: list[Mention] = []
    for span in doc.spans:
        start, end = _trim(text, span.start, span.stop)
        if start >= end:
            continue
        surface = text[start:end]
        kind = span.type
        place = gazetteer.lookup(surface) if kind in (LOC, PER, ORG) else None
        if kind == PER and place is not None:
            words = surface.split()
            if len(words) > 1 or _looks_like_person_word(surface, morph):
                place = None
            else:
                kind = LOC
        elif kind == ORG:
            if place is not None and place.kind.value == "country" and len(surface.split()) == 1:
                kind = LOC
            else:
                place = None
        mentions.append(Mention(start, end, surface, kind, place))
    taken = [(m.start, m.end) for m in mentions]
    for match in _REGION.finditer(text):
        place = gazetteer.region_by_adjective(match.group(1))
        if place is None:
            continue
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        mentions.append(Mention(start, end, match.group(0), LOC, place))
    mentions.sort(key=lambda m: m.start)
    return mentions
