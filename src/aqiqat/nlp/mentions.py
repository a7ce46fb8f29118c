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
_TRIM = " \t\n.,;:!?\"'()—–-"
_PERSON_GRAMMEMES = ("Name", "Surn", "Patr")
_PROPER_GRAMMEMES = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad")
# Bodies Natasha tags LOC that are organisations (factRuEval's convention too): the EU, the Kremlin, NATO.
ORG_NOT_LOC = {"ес", "евросоюз", "европейский союз", "кремль", "евразийский союз", "нато", "оон", "одкб", "снг",
               "еаэс", "шос", "обсе", "скотланд-ярд", "ми-6", "белый дом", "уолл-стрит", "ватикан"}
# Words Natasha tags as organisations that name no organisation.
NOT_ORG = {"сми", "it", "ит", "usd", "eur", "руб"}
_LEGAL_PREFIX = re.compile(r"^(?:ОАО|ЗАО|ООО|ПАО|АО|НАО|ГУП|МУП|ФГУП|НАК|ТОО|ИП|НКО|ОО|ГМК|АНО)\s*«")
_ADMIN_WORDS = re.compile(r"^(?:област|кра[йяюе]|район|регион|округ)", re.IGNORECASE)


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

    def around(self, start: int, end: int, width: int = 40) -> list:
        """Tokens of a window around a span (a sentence's worth), for looking up syntactic heads."""
        i, j = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return self.tokens[max(0, i - width): j + width]

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
    """Strip punctuation around a span; quotes only when unbalanced (ГМК «Норильский никель» keeps its »)."""
    while True:
        old = (start, end)
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        chunk = text[start:end]
        if chunk[:1] in "«\"“„" and chunk.count("«") > chunk.count("»"):
            start += 1
        if chunk[-1:] in "»\"”" and chunk.count("»") > chunk.count("«"):
            end -= 1
        if (start, end) == old:
            return start, end


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """«Федеральной антимонопольной службы (ФАС» → the name and the abbreviation; «ОАО «НТВ-Плюс» → НТВ-Плюс."""
    chunk = text[start:end]
    legal = _LEGAL_PREFIX.match(chunk)
    if legal:
        return _split(text, start + legal.end(), end)
    at = chunk.find(" (")
    if at > 0:
        return [_trim(text, start, start + at), _trim(text, start + at + 2, end)]
    return [(start, end)]


_NOT_NOUN = {"VERB", "INFN", "GRND", "PRTF", "PRTS", "NPRO", "INTJ", "ADVB", "PRCL", "CONJ", "PRED", "PREP"}


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" «\"—–-")
    return not before or before[-1] in ".!?\n:"


def _common_word(text: str, start: int, end: int, kind: str, morph: Morph) -> bool:
    """A dictionary word capitalised only by its position, or no noun at all: «Власть» at the start of a
    sentence, «Опустили». Mid-sentence capitalised nouns (Ведомости, Дождь) stay names."""
    word = text[start:end]
    parses = morph.parse(word.lower())
    if not parses or any(g in p.tag for p in parses for g in _PROPER_GRAMMEMES):
        return False
    top = parses[0]
    if not top.is_known or top.score < 0.3:
        return False
    if kind == PER and top.tag.POS in _NOT_NOUN:
        return True
    return _sentence_initial(text, start)


def _looks_like_person_word(word: str, morph: Morph) -> bool:
    return any(g in p.tag for p in morph.parse(word.lower()) for g in _PERSON_GRAMMEMES if p.score > 0.01)


def find_mentions(doc: Doc, text: str, gazetteer: Gazetteer, morph: Morph) -> list[Mention]:
    """PER/LOC/ORG mentions of a Natasha-tagged document, gazetteer-corrected, sorted by start."""
    mentions: list[Mention] = []
    for span in doc.spans:
        trimmed = _trim(text, span.start, span.stop)
        for start, end in _split(text, *trimmed):
            mention = _mention(text, start, end, span.type, gazetteer, morph)
            if mention is not None:
                mentions.append(mention)
    taken = [(m.start, m.end) for m in mentions]
    for match in _REGION.finditer(text):
        place = gazetteer.region_by_adjective(match.group(1))
        if place is None:
            continue
        start, end = match.span(1)
        if any(s < match.end() and start < e for s, e in taken):
            continue
        mentions.append(Mention(start, end, match.group(1), LOC, place))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _mention(text: str, start: int, end: int, kind: str, gazetteer: Gazetteer, morph: Morph) -> Mention | None:
    if start >= end:
        return None
    surface = text[start:end]
    words = surface.split()
    if kind in (ORG, PER) and len(words) == 1 and "-" not in surface and _common_word(text, start, end, kind,
                                                                                       morph):
        return None
    if kind == ORG and surface.lower() in NOT_ORG:
        return None
    if kind == LOC and (surface.lower() in ORG_NOT_LOC or " ".join(morph.lemma(w) for w in words) in ORG_NOT_LOC):
        kind = ORG
    if kind == LOC and len(words) == 2 and _ADMIN_WORDS.match(words[1]) and words[0][:1].isupper():
        end = start + len(words[0])  # «Донецкой области»: the name is the adjective (factRuEval's loc_name)
        surface = words[0]
        place = gazetteer.region_by_adjective(surface)
        return Mention(start, end, surface, LOC, place)
    place = gazetteer.lookup(surface) if kind in (LOC, PER, ORG) else None
    if kind == PER and place is not None:
        if len(words) > 1 or _looks_like_person_word(surface, morph):
            place = None
        else:
            kind = LOC
    elif kind == ORG:
        if place is not None and place.kind.value == "country" and len(words) == 1 and \
                surface.lower() not in ORG_NOT_LOC:
            kind = LOC
        else:
            place = None
    return Mention(start, end, surface, kind, place)
