"""A Cyrillic name and its Latin spelling compared by consonant skeleton («Николай Касьян» / "Nikolay Kasyan",
«Тоқаев» / "Tokayev"): enough to tell that a post signed in Latin letters is by a person the Russian text
names. (The linkage package has the full transliteration keys; nlp does not import it.)"""

from __future__ import annotations

import re

_CYR = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya a g k n o u u h i".split(),
    strict=True,
))
_DIGRAPHS = (("shch", "sh"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("ch", "c"), ("sh", "s"), ("q", "k"),
             ("x", "ks"), ("w", "v"), ("dj", "j"))


def skeleton(name: str) -> str:
    """Consonants of the name in Latin letters, lower case, digraphs folded, doubled letters single."""
    low = name.lower()
    latin = "".join(_CYR.get(ch, ch) for ch in low).replace("_", "")
    for a, b in _DIGRAPHS:
        latin = latin.replace(a, b)
    consonants = re.sub(r"[^a-z]|[aeiouy]", "", latin)
    return re.sub(r"(.)\1+", r"\1", consonants)


def same_name(a: str, b: str) -> bool:
    """Do two spellings (any script) read as the same name? Every word's skeleton must agree."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(skeleton(x) == skeleton(y) and skeleton(x) for x, y in zip(wa, wb, strict=True))
