"""Words as a register keeps them: a role or occupation in the nominative singular («правозащитника» →
«правозащитник», «главного врача больницы» → «главный врач больницы»), and the members a plural family
name stands for («супруги Нургалиевы» → Нургалиев and Нургалиева)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aqiqat.nlp.figures_lexicon import morph

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_NOUN_LIKE = ("NOUN",)
_ADJ_LIKE = ("ADJF", "PRTF")
# a plural surname in any case: Нургалиевы, Нургалиевых, Ахметовым, Бекмухамбетовыми, Вишневские, Вишневских
_PLURAL_SURNAME = re.compile(r"^([А-ЯЁ][а-яё]+?)(ов|ев|ёв|ин|ын)(ы|ых|ым|ыми)$|^([А-ЯЁ][а-яё]+?)(ск|цк)(ие|их|им|ими)$")
# what the words before a plural family name say of its members (at least these)
COUPLE = ("male", "female")
CUES: dict[str, tuple[str, ...]] = {
    "супруги": COUPLE, "супруг": COUPLE, "супругов": COUPLE, "супругам": COUPLE, "супругами": COUPLE,
    "чета": COUPLE, "четы": COUPLE, "пара": COUPLE, "родители": COUPLE, "родителей": COUPLE,
    "семья": COUPLE, "семьи": COUPLE, "семью": COUPLE,
    "братья": ("male", "male"), "братьев": ("male", "male"), "брат": ("male", "male"),
    "сёстры": ("female", "female"), "сестры": ("female", "female"), "сестёр": ("female", "female"),
    "сестер": ("female", "female"), "сестра": ("female", "female"),
}


@dataclass(frozen=True, slots=True)
class Member:
    """One person a plural family name stands for."""

    name: str
    sex: str


def role_nominative(text: str) -> str:
    """A role as written, with its head noun (and the adjectives before it) in the nominative singular; the
    words after the head (a genitive complement: «врача больницы») stay as written. Text that is not Russian,
    or whose head pymorphy does not know as a noun or an adjective, is returned as written."""
    text = " ".join(str(text or "").split())
    words = list(_WORD.finditer(text))
    if not words or not re.search("[а-яё]", text.lower()):
        return text
    readings = [_readings(m.group(0).lower()) for m in words]
    head = None
    for i, kinds in enumerate(readings):
        after = readings[i + 1] if i + 1 < len(words) else frozenset()
        person = "person" in kinds and "person" not in after  # «рабочего завода»: a person's noun, then a thing
        if kinds & {"ADJF", "PRTF"} and after & {"NOUN", "ADJF", "PRTF"} and not person:
            continue  # «главного врача», «военного врача»: an adjective before its noun
        if kinds & {"NOUN", "ADJF", "PRTF"}:  # the noun, or an adjective standing for one («военного»)
            head = i
        break
    if head is None:
        return text
    gender = _gender(words[head].group(0).lower())
    out, pos = [], 0
    for i, m in enumerate(words[: head + 1]):
        out += [text[pos:m.start()], _cased(m.group(0), _inflect(m.group(0).lower(), gender, i == head))]
        pos = m.end()
    return "".join(out) + text[pos:]


def family_members(written: str, cue: str = "") -> list[Member]:
    """The members a plural family name stands for («Нургалиевы», «супруги Нургалиевы», «братьев Ахметовых»),
    at least as many as its words say (a couple, brothers); [] when the name is no plural family name. `cue`:
    a word the extractor read before the name («супруг»), when it is not part of `written`."""
    words = str(written or "").split()
    if not words:
        return []
    found = _PLURAL_SURNAME.match(words[-1])
    if found is None:
        return []
    stem, suffix = (found.group(1), found.group(2)) if found.group(1) else (found.group(4), found.group(5))
    male, female = (stem + suffix, stem + suffix + "а") if suffix not in ("ск", "цк") else (
        stem + suffix + "ий", stem + suffix + "ая")
    said = [w.lower() for w in words[:-1]] + ([cue.lower()] if cue else [])
    sexes = next((CUES[w] for w in said if w in CUES), COUPLE)
    return [Member(male if sex == "male" else female, sex) for sex in sexes]


@lru_cache(maxsize=4096)
def _readings(word: str) -> frozenset[str]:
    """The parts of speech pymorphy knows `word` as (nouns and adjectives only), and "person" when it can be
    an animate noun."""
    parses = [p for p in morph().parse(word) if p.is_known and p.tag.POS in _NOUN_LIKE + _ADJ_LIKE]
    return frozenset({str(p.tag.POS) for p in parses}
                     | ({"person"} if any(p.tag.POS == "NOUN" and p.tag.animacy == "anim" for p in parses) else set()))


def _gender(word: str) -> str | None:
    """The gender of the likeliest noun reading of `word` (else of any reading)."""
    parses = [p for p in morph().parse(word) if p.is_known and p.tag.POS in _NOUN_LIKE + _ADJ_LIKE]
    parses.sort(key=lambda p: p.tag.POS not in _NOUN_LIKE)
    return next((str(p.tag.gender) for p in parses if p.tag.gender in ("masc", "femn", "neut")), None)


def _inflect(word: str, gender: str | None, head: bool) -> str:
    """`word` in the nominative singular (the head as a noun when it can be one; an adjective agreeing with
    `gender`), else as written."""
    parses = [p for p in morph().parse(word) if p.tag.POS in _NOUN_LIKE + _ADJ_LIKE]
    parses.sort(key=lambda p: (p.tag.POS in _NOUN_LIKE) != head)
    for p in parses:
        wanted = {"nomn", "sing"} | ({gender} if gender and p.tag.POS in _ADJ_LIKE else set())
        form = p.inflect(wanted)
        if form is not None:
            return str(form.word)
    return word


def _cased(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word
