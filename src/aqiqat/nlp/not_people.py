"""Person entities that name nobody: initials alone, a one-word common noun («Мажилис», «Викиновости»), a
city («Шымкента»), or a name written only inside the name of a place or body («памятника Окуджавы»,
«штаба Навального», «улица Абая»)."""

from __future__ import annotations

import re

from aqiqat.nlp.entities import PersonEntity
from aqiqat.nlp.gazetteer import Gazetteer
from aqiqat.nlp.models import Morph

_SURNAME_END = re.compile(r"(?i)(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|ко|ук|юк|ич|улы|уулу|кызы|бек|ян|дзе|швили|ий|ая)$")
_HOLDERS = frozenset(
    "памятник штаб улица проспект площадь имя музей фонд премия бульвар переулок сквер парк театр институт "
    "университет школа стипендия орден медаль".split()
)
_NAME_GRAMMEMES = ("Name", "Surn", "Patr")


def is_named_person(p: PersonEntity, text: str, morph: Morph, gazetteer: Gazetteer) -> bool:
    words = p.name.full.split()
    if not any(len(re.sub(r"\W", "", w)) >= 2 for w in words):
        return False  # «Е.К.»: initials are a label, not a name
    if all(_inside_a_name(text, m.start, morph) for m in p.mentions):
        return False
    if len(words) > 1 or any(len(m.text.split()) > 1 for m in p.mentions):
        return True
    word = p.mentions[0].text if p.mentions else words[0]
    place = gazetteer.lookup(word)
    if place is not None and place.population >= 50_000:
        return False
    parses = morph.parse(word.lower())
    if not parses or _SURNAME_END.search(word):
        return True
    top = parses[0].tag
    return not ("NOUN" in top and "inan" in top and not any(g in top for g in _NAME_GRAMMEMES))


def _inside_a_name(text: str, start: int, morph: Morph) -> bool:
    prev = re.search(r"([А-Яа-яЁё]+)\s+$", text[max(0, start - 30) : start])
    return bool(prev) and morph.lemma(prev.group(1)) in _HOLDERS if prev else False
