"""Keys for person names in Cyrillic (Russian, Kazakh) and Latin, for record linkage.

``name_key("Нургалиев Ерлан Касымович")`` and ``name_key("Yerlan Nurgaliyev")`` give the same
surname, given-name and order-free keys. The rules, in order:

1. split off a patronymic: ``Касымович``, ``Касымовна``, ``Касымулы``, ``Касым улы``, ``Qasymqyzy``,
   ``-ovich`` / ``-ovna`` (its key is the father's name: ``kasim``);
2. decide which token is the surname (suffixes -ов/-ев/-ин/-ский/-енко/-ova/-ev..., pymorphy's
   ``Surn`` and ``Name`` readings, then position: surname first in Cyrillic, last in Latin);
3. read case and sex from all tokens together (pymorphy for given names; suffix tables for
   surnames and patronymics) and lemmatise: ``Нургалиевой`` → ``Нургалиева``, ``Нургалиева`` in the
   genitive of a man → ``Нургалиев``, ``Ерланом`` → ``Ерлан``;
4. fold script, Kazakh letters and transliteration schemes to one skeleton (``translit.skeleton``),
   fold sex out of the surname key (``nurgaleva`` → ``nurgalev``) and map spellings no letter rule
   reaches to the Cyrillic one (``variants``: Choi → Цой, Alexander → Александр).

A Kazakh patronymic written as one word (``Нұрланұлы``, ``Serikuly``, ``Islamkyzy``) is a patronymic
wherever it stands; when it is the only word besides a given name, it is the person's surname and
the name has no surname key (``Дәурен Нұрланұлы``: given ``dauren``, father ``nurlan``), so that it
meets ``Ибраев Даурен Нурланович`` on the given name and the father's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from aqiqat.domain.enums import Sex
from aqiqat.linkage.translit import (
    fold_kazakh,
    fold_surname_sex,
    is_cyrillic,
    letter_skeleton,
    merge_doubles,
    skeleton,
    typo_skeleton,
)
from aqiqat.linkage.variants import given_variant, is_korean_surname, surname_variant

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
Reading = tuple[str, str]  # (sex "m"/"f", case)
ALL_READINGS: dict[Reading, float] = {(s, c): 1.0 for s, c in product("mf", CASES)}

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’ʼ`][^\W\d_]+)*")

# Possessive surnames -ов/-ев/-ин/-ын and their case endings (Russian declension).
_POSSESSIVE = re.compile(r"^(.{2,}(?:ов|ев|ин|ын))(а|у|ым|е|ой|ою|ы|ых|ыми)?$")
_POSSESSIVE_READINGS: dict[str, dict[Reading, float]] = {
    "": {("m", "nomn"): 1.0},
    "а": {("m", "gent"): 1.0, ("m", "accs"): 1.0, ("f", "nomn"): 1.0},
    "у": {("m", "datv"): 1.0, ("f", "accs"): 1.0},
    "ым": {("m", "ablt"): 1.0},
    "е": {("m", "loct"): 1.0},
    "ой": {("f", c): 1.0 for c in ("gent", "datv", "ablt", "loct")},
    "ою": {("f", "ablt"): 1.0},
}
_ADJECTIVAL = re.compile(r"^(.{2,}(?:ск|цк))(ий|ого|ому|им|ом|ая|ой|ую)$")
_ADJECTIVAL_READINGS: dict[str, dict[Reading, float]] = {
    "ий": {("m", "nomn"): 1.0}, "ого": {("m", "gent"): 1.0, ("m", "accs"): 1.0},
    "ому": {("m", "datv"): 1.0}, "им": {("m", "ablt"): 1.0}, "ом": {("m", "loct"): 1.0},
    "ая": {("f", "nomn"): 1.0}, "ую": {("f", "accs"): 1.0},
    "ой": {("f", c): 1.0 for c in ("gent", "datv", "ablt", "loct")},
}
_OTHER_SURNAME_CYR = re.compile(r"(енко|ко|ук|юк|дзе|швили|ян|янц)$")
_SURNAME_LATIN = re.compile(r"(ov|ev|ova|eva|ski|cki|skaia|ckaia|enko)$")
_SURNAME_LATIN_WEAK = re.compile(r"(in|ina)$")
_FEMININE_LATIN = re.compile(r"(ova|eva|ina|skaia|ckaia)$")
_MASCULINE_LATIN = re.compile(r"(ov|ev|in|ski|cki)$")

# Patronymics on the skeleton (script-neutral): group 1 is the father's name.
_PATR_MASC = re.compile(r"^(.{2,}?)(?:ovich|evich|ich)(?:a|u|em|e)?$")
_PATR_FEM = re.compile(r"^(.{2,}?)(?:ovn|evn|ichn|inichn)(?:a|i|e|u|oi)$")
_PATR_KAZ_MASC = re.compile(r"^(.{3,}?)(?:uli|ulu)$")
_PATR_KAZ_FEM = re.compile(r"^(.{3,}?)kizi$")
_PARTICLE_SEX = {"uli": "m", "ulu": "m", "kizi": "f"}
_PATR_CASE = {"a": ("gent", "accs"), "u": ("datv", "accs"), "em": ("ablt",), "e": ("datv", "loct"),
              "i": ("gent",), "oi": ("ablt",), "": ("nomn",)}


@dataclass(frozen=True, slots=True)
class NameKey:
    """Comparison keys of one written name, and its parts in dictionary form for display."""

    surname_key: str
    given_key: str
    patronymic_key: str
    full_key: str
    sex_hint: Sex
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class _Token:
    """One word of a name. Compared and hashed by identity (``_token`` makes one per text), which
    the caches keyed by a token read much faster than a hash of its four strings."""

    text: str  # as written
    low: str  # lowercase, Kazakh letters folded
    cyrillic: bool
    skel: str


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def _parses(word: str) -> tuple[tuple[str, str, str, frozenset[str], float], ...]:
    """pymorphy readings of a lowercase Cyrillic word: (normal form, gender, case, grammemes, score)."""
    out = []
    for p in _morph().parse(word):
        tag = p.tag
        out.append((p.normal_form, str(tag.gender or ""), str(tag.case or ""), frozenset(tag.grammemes),
                    float(p.score)))
    return tuple(out)


@lru_cache(maxsize=200_000)
def _name_readings(tok: _Token) -> dict[Reading, float]:
    if not tok.cyrillic:
        return {}
    out: dict[Reading, float] = {}
    alike: dict[Reading, float] = {}  # readings as the word itself: a name the same in every case
    for lemma, gender, case, grammemes, score in _parses(tok.low):
        if "Name" not in grammemes or "plur" in grammemes or case not in CASES:
            continue
        sexes = "mf" if gender == "ms-f" else ("m" if gender == "masc" else "f")
        for s in sexes:
            out[(s, case)] = out.get((s, case), 0.0) + score
            if lemma == tok.low:
                alike[(s, case)] = alike.get((s, case), 0.0) + score
    if not out:
        return out
    if sum(1 for s, _ in alike if s == "m") >= 4:
        # a man's name the same in every case: a Russian man's name declines, so this is the
        # dictionary's guess at a foreign one (Назерке, Зауре, Акку are Kazakh women's names); it
        # tells neither case nor sex. (Women's names alike in every case, Айгерим, Асель, keep theirs.)
        for (s, c), v in alike.items():
            if s == "m":
                out[("f", c)] = max(out.get(("f", c), 0.0), v)
    elif tok.low.endswith(("а", "я")) and ("f", "nomn") not in out and not _morph().word_is_known(tok.low):
        # a word the dictionary does not know, in -а or -я, read as a man's genitive (Жадыра as
        # Жадыр's, Хадиша as Хадиш's): as likely a woman's name as written
        out[("f", "nomn")] = max(out.values())
    return out
    cases = {c for _, c in out}
    if len(cases) >= 4 and len({s for s, _ in out}) == 1:
        # the dictionary's guess at a name it reads alike in every case (Назерке, Зауре, Акку: Kazakh
        # women's names it has as men's): the same in every case, it tells neither case nor sex
        for (s, c), v in list(out.items()):
            other = ("f" if s == "m" else "m", c)
            out[other] = max(out.get(other, 0.0), v)
    elif tok.low.endswith(("а", "я")) and ("f", "nomn") not in out and not _morph().word_is_known(tok.low):
        # a word the dictionary does not know, in -а or -я, read as a man's genitive (Жадыра as
        # Жадыр's, Хадиша as Хадиш's): as likely a woman's name as written
        out[("f", "nomn")] = max(out.values())
    return out


@lru_cache(maxsize=200_000)
def _surname_analysis(tok: _Token) -> tuple[str, dict[Reading, float], int]:
    """(masculine lemma, readings, surname-likeness score) of a token taken as a surname."""
    if is_korean_surname(tok.skel):  # Цой, Пак, Огай, Choi: indeclinable, and a surname wherever it stands
        return tok.low, {}, 3
    if tok.cyrillic:
        m = _POSSESSIVE.match(tok.low)
        if m and (m.group(2) or "") in _POSSESSIVE_READINGS:
            strong = m.group(1).endswith(("ов", "ев"))
            return m.group(1), _POSSESSIVE_READINGS[m.group(2) or ""], 3 if strong else 2
        m = _ADJECTIVAL.match(tok.low)
        if m:
            return m.group(1) + "ий", _ADJECTIVAL_READINGS[m.group(2)], 3
        surn = [p for p in _parses(tok.low) if "Surn" in p[3] and "plur" not in p[3]]
        if surn:
            best = max(surn, key=lambda p: p[4])
            readings: dict[Reading, float] = {}
            for _, gender, case, _, score in surn:
                for s in ("mf" if gender == "ms-f" else gender[:1]):
                    readings[(s, case)] = readings.get((s, case), 0.0) + score
            return best[0], readings, 1 + (1 if _OTHER_SURNAME_CYR.search(tok.low) else 0)
        return tok.low, {}, 2 if _OTHER_SURNAME_CYR.search(tok.low) else 0
    if _FEMININE_LATIN.search(tok.skel):
        readings = {("f", "nomn"): 1.0}
    elif _MASCULINE_LATIN.search(tok.skel):
        readings = {("m", "nomn"): 1.0}
    else:
        readings = {}
    score = 3 if _SURNAME_LATIN.search(tok.skel) else 2 if _SURNAME_LATIN_WEAK.search(tok.skel) else 0
    return tok.low, readings, score


_KAZ_PARTICLE_SEX = {"uli": "m", "ulu": "m", "kizi": "f", "gizi": "f"}
# one letter dropped or two swapped (not replaced: -ili, -izi end other names)
_KAZ_PARTICLE_SLIPS = {"ui": "m", "lui": "m", "uil": "m", "kzi": "f", "kii": "f", "ikzi": "f", "kzii": "f"}


def _slip_as_written(tail: str) -> bool:
    """Whether a particle's tail that a slip explains (``_KAZ_PARTICLE_SLIPS``) is written with ы where
    the skeleton has i: in Cyrillic, a й or и there is a replaced letter, not a dropped or swapped one,
    and ends given names (Евгенуй, Андруй: Евгений and Андрей with a typo; Мукагауи)."""
    return not (is_cyrillic(tail) and any(c in "йи" for c in tail.lower()))


@lru_cache(maxsize=200_000)
def kazakh_patronymic(text: str) -> tuple[str, str] | None:
    """(father's-name key, sex) of a Kazakh patronymic written as one word, in any script:
    ``Нұрланұлы``, ``Нурланулы``, ``Nurlanuly``, ``Nurlanūly``, ``Serikuly`` (m);
    ``Жақсылыққызы``, ``Zhaksylykkyzy``, ``Qasymqyzy`` (f). The particle is cut from the word as
    written, so a doubled letter at the seam (Жақсылық + қызы) stays in the father's name.

    A word ending in сұлу ("beautiful": Айсұлу, Нұрсұлу, Күнсұлу, Aisulu) is a woman's given name,
    not a son's patronymic in -улу; the Kyrgyz уулу keeps its two letters (Айдосуулу)."""
    if skeleton(text).endswith("sulu") and not text.lower().endswith(("уулу", "uulu")):
        return None
    for cut in (3, 4, 2):
        if len(text) - cut >= 3:
            tail = skeleton(text[-cut:])
            sex = _KAZ_PARTICLE_SEX.get(tail) or (_KAZ_PARTICLE_SLIPS.get(tail) if _slip_as_written(text[-cut:])
                                                  else None)
            if sex:
                father = skeleton(text[:-cut])
                return (father, sex) if len(father) >= 3 else None
    return None


_KAZ_PARTICLES = (("ұлы", "m"), ("қызы", "f"))
_SLIP_LETTERS = {particle: "".join(sorted(set(particle))) for particle, _ in _KAZ_PARTICLES}


@lru_cache(maxsize=100_000)
def particle_slips(word: str) -> tuple[tuple[str, str], ...]:
    """Readings of one word as a Kazakh patronymic with one slip at its particle: (the word repaired,
    the father's-name key). «Оралхаұнлы» (two letters swapped at the seam) reads as «Оралханұлы»,
    «Думанұоы» (a letter changed) as «Думанұлы», «Жанарқыызы» (one added) as «Жанарқызы».

    Only a word that keeps a Kazakh letter of the particle (ұ or қ) near its end and is no patronymic
    as written, nor a woman's name in -сұлу (Айсұлу); several readings may come back, and the caller
    keeps one whose father's name its lists know (``records.with_particle_slips_read``): a slip is one
    edit, and so is many a name."""
    low = word.lower()
    if len(low) < 6 or not any(c in "ұқ" for c in low[-5:]) or low.endswith("сұлу") or kazakh_patronymic(word):
        return ()
    found: dict[str, str] = {}
    for particle, _sex in _KAZ_PARTICLES:
        start = max(0, len(low) - len(particle) - 2)
        variants = {low[:i] + low[i + 1:] for i in range(start, len(low))}
        variants |= {low[:i] + low[i + 1] + low[i] + low[i + 2:] for i in range(start, len(low) - 1)}
        for i in range(start, len(low) + 1):
            for ch in _SLIP_LETTERS[particle]:
                variants.add(low[:i] + ch + low[i:])
                if i < len(low):
                    variants.add(low[:i] + ch + low[i + 1:])
        for variant in variants:
            if variant != low and variant.endswith(particle) and len(variant) - len(particle) >= 3:
                repaired = word[0] + variant[1:] if variant[0] == low[0] else variant
                found.setdefault(repaired, skeleton(variant[: -len(particle)]))
    return tuple(sorted(found.items()))


@lru_cache(maxsize=200_000)
def _patronymic(tok: _Token) -> tuple[str, dict[Reading, float]] | None:
    """(father's-name key, readings) when the token is a patronymic."""
    kazakh = kazakh_patronymic(tok.text)
    if kazakh:
        return kazakh[0], {(kazakh[1], c): 1.0 for c in CASES}
    for pattern, sex in ((_PATR_MASC, "m"), (_PATR_FEM, "f")):
        m = pattern.match(tok.skel)
        if m:
            cases = _PATR_CASE.get(_ending(tok.skel), ("nomn",))
            return m.group(1), {(sex, c): 1.0 for c in cases}
    return None


def _ending(skel: str) -> str:
    for end in ("em", "oi", "a", "u", "e", "i"):
        if skel.endswith(end) and not skel.endswith(("ovna", "evna", "ichna")):
            return end
    return ""


def _tokens(name: str) -> list[_Token]:
    return [_token(m.group(0)) for m in _TOKEN.finditer(name)]


@lru_cache(maxsize=200_000)
def _token(text: str) -> _Token:
    return _Token(text, re.sub(r"['’ʼ`]", "", fold_kazakh(text)), is_cyrillic(text), skeleton(text))


@lru_cache(maxsize=200_000)
def _particle_sex(tok: _Token) -> str | None:
    """The sex of the Kazakh particle «ұлы» or «қызы» written as a word after the father's name, also
    with one letter dropped, added, changed or two swapped in Cyrillic («қзыы», «қкзы», «ұы»): no
    given name or surname is a word of two to five letters one edit from either (Ли, Ан and Ким are
    two or more)."""
    if tok.skel in _PARTICLE_SEX:
        return _PARTICLE_SEX[tok.skel]
    if not tok.cyrillic or not 2 <= len(tok.low) <= 5:
        return None
    if _one_edit(tok.low, "улы"):
        return "m"
    if len(tok.low) >= 3 and _one_edit(tok.low, "кызы"):
        return "f"
    return None


def _split_patronymic(toks: list[_Token]) -> tuple[list[_Token], list[tuple[str, dict[Reading, float]]]]:
    """Remove patronymics (and Kazakh 'улы'/'кызы' particles with the name before them)."""
    rest: list[_Token] = []
    patr: list[tuple[str, dict[Reading, float]]] = []
    for i, tok in enumerate(toks):
        particle = _particle_sex(tok) if rest else None
        if particle and tok.skel not in _PARTICLE_SEX and _suffix_score(rest[-1]) >= 2:
            # a word one edit from the particle after a surname («Есенов Улн»): a father's name has no
            # surname suffix, so it is a given name with a typo (Улан)
            particle = None
        if particle:
            father = rest.pop()
            patr.append((father.skel, {(particle, c): 1.0 for c in CASES}))
            continue
        kazakh = kazakh_patronymic(tok.text) is not None
        found = _patronymic(tok) if i > 0 or kazakh else None
        if found and len(toks) == 2 and not kazakh:
            # "Ерлан Касымович" is a given name and a patronymic; "Петр Шушкевич" is not.
            first = toks[0]
            if _surname_analysis(first)[2] >= 2 or not (_name_readings(first) or not first.cyrillic):
                found = None
        if found:
            patr.append(found)
        else:
            rest.append(tok)
    if not patr and len(rest) >= 3:  # «Молдаев Тимур Маратовчи»: the third word, a patronymic with a typo
        loose = _loose_patronymic(rest[-1])
        if loose:
            patr.append((loose[0], {(loose[1], c): 1.0 for c in CASES}))
            rest = rest[:-1]
    return rest, patr


_PATRONYMIC_ENDINGS = (("ович", "m"), ("евич", "m"), ("овна", "f"), ("евна", "f"),
                       ("ovich", "m"), ("evich", "m"), ("ovna", "f"), ("evna", "f"))


def _loose_patronymic(tok: _Token) -> tuple[str, str] | None:
    """(father's name, sex) of a word ending one edit away from -ович/-евич/-овна/-евна (in its
    own script, so that a letter swap is one edit)."""
    word = tok.low
    for ending, sex in _PATRONYMIC_ENDINGS:
        if is_cyrillic(ending) != tok.cyrillic:
            continue
        for width in (len(ending), len(ending) - 1, len(ending) + 1):
            if len(word) - width >= 3 and _one_edit(word[-width:], ending):
                return skeleton(word[:-width]), sex
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one insertion, deletion, substitution or transposition."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


@lru_cache(maxsize=200_000)
def _suffix_score(tok: _Token) -> int:
    """The surname-likeness score of ``_surname_analysis`` where suffixes alone decide it, else -1
    (a Cyrillic token without a surname suffix scores 0 or 1, by the dictionary)."""
    if not tok.cyrillic:
        return _surname_analysis(tok)[2]
    m = _POSSESSIVE.match(tok.low)
    if m and (m.group(2) or "") in _POSSESSIVE_READINGS:
        return 3 if m.group(1).endswith(("ов", "ев")) else 2
    if _ADJECTIVAL.match(tok.low):
        return 3
    return 2 if _OTHER_SURNAME_CYR.search(tok.low) else -1


_SUFFIX_LETTERS = "овеаухымйюи"  # the letters of -ов/-ев and their case endings
REPAIR_ZONE = 4  # a typo within this many letters of a word's end can hide its surname suffix


def _ov_stem(word: str) -> str | None:
    """The nominative of a word that reads as a surname in -ов/-ев with a case ending («Есенбакова»:
    «есенбаков»), unless its root ends in -ов/-ев itself (Калитаевову); else None."""
    m = _POSSESSIVE.match(word)
    if not m or not m.group(1).endswith(("ов", "ев")) or (m.group(2) or "") not in _POSSESSIVE_READINGS:
        return None
    return None if m.group(1)[:-2].endswith(("ов", "ев")) else m.group(1)


@lru_cache(maxsize=200_000)
def _repaired(tok: _Token) -> _Token | None:
    """The word read as a surname in -ов/-ев (with a case ending) after one slip in its last
    ``REPAIR_ZONE`` letters, when it has no surname suffix as written: «Калитаевву» (Калитаеву: a
    letter too many), «Нурпейисоывм» (Нурпейисовым: two swapped), «Мураттаеа» (Мураттаева: one
    dropped), «Ахметв» (Ахметов).

    Of the readings, the one kept leaves the word as written up to the suffix (its root is how the
    word begins), has the longest root, and takes -ов or -ев as Russian spelling does after that
    root; a root that itself ends in -ов/-ев (Калитаевову) is none. Not tried: a replaced letter or
    one added after the last (they make surnames of given names: Сапарбек, Сапарбев; Назерке,
    Назеркев), and a word the dictionary knows (Станислав). The dictionary's readings cannot
    decide the rest: it reads any word it does not know as a possible given name."""
    if not tok.cyrillic or len(tok.low) < 6 or _suffix_score(tok) >= 0:
        return None
    word, start = tok.low, max(1, len(tok.low) - REPAIR_ZONE)
    kinds = ({word[:i] + word[i + 1:] for i in range(start, len(word))},
             {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(start, len(word) - 1)},
             # a letter of the suffix or the ending (a word that reads as a surname with another letter
             # added would read as one without it); not after the last letter: a given name in -е or
             # -о would end in -ев or -ов (Назерке)
             {word[:i] + c + word[i:] for i in range(start, len(word)) for c in _SUFFIX_LETTERS})
    best: tuple[int, bool, int, str] | None = None
    for kind, candidates in enumerate(kinds):
        for cand in candidates:
            stem = _ov_stem(cand)
            root = stem[:-2] if stem else ""
            if not stem or not word.startswith(root):
                continue
            # -ев after a vowel or a soft or hushing consonant (Токаев), -ов after the others (Ахметов)
            soft = root.endswith(tuple("аеёиоуыэюяжшчщцйь"))
            rank = (-len(root), stem.endswith("ев") != soft, kind, cand)
            if best is None or rank < best:
                best = rank
    if best is None or _morph().word_is_known(word):
        return None
    fixed = best[3]
    text = fixed.capitalize() if tok.text[:1].isupper() else fixed
    return _Token(text, fixed, True, skeleton(fixed))


@lru_cache(maxsize=200_000)
def suffix_slips(word: str) -> tuple[tuple[str, str], ...]:
    """Readings of one Cyrillic word as a surname in -ов/-ев (with a case ending) whose suffix or
    ending has one letter replaced: «Есенбакота» as «Есенбакова», «Саталиела» as «Саталиева»,
    «Естаера» as «Естаева». Only a word of six letters or more without a surname suffix as written;
    several readings may come back, each (the word repaired, its surname key), and the caller keeps
    one the lists confirm (``records.with_suffix_slips_read``): a replaced letter also makes surnames
    of given names («Сапарбек», «Сапарбев»; «Зарема», «Зарева»), which ``_repaired`` never tries."""
    tok = _token(word)
    if not tok.cyrillic or len(tok.low) < 6 or _suffix_score(tok) >= 0:
        return ()
    low, start = tok.low, max(1, len(tok.low) - REPAIR_ZONE)
    found: dict[str, str] = {}
    for i in range(start, len(low)):
        for ch in _SUFFIX_LETTERS:
            cand = low[:i] + ch + low[i + 1:]
            if cand != low and (stem := _ov_stem(cand)):
                found.setdefault(word[0] + cand[1:] if cand[0] == low[0] else cand, skeleton(stem))
    return tuple(found.items())


def _with_repairs(toks: list[_Token], rest: list[_Token]) -> tuple[list[_Token], list[_Token]]:
    """``toks`` and ``rest`` with a word repaired into a surname (``_repaired``) when no word of
    ``rest`` has a suffix in -ов/-ев or -ский as written (one in -ин or -ина is as often a given
    name: «Мадина Бердикуловва»); the same object in both, so that identity holds."""
    if len(rest) < 2 or any(_suffix_score(t) >= 3 for t in rest):
        return toks, rest
    fixed = {id(t): r for t in rest if (r := _repaired(t)) is not None}
    if len(fixed) != 1:  # two words that could be a surname: leave the choice to position
        return toks, rest
    return [fixed.get(id(t), t) for t in toks], [fixed.get(id(t), t) for t in rest]


def _pick_surname(toks: list[_Token]) -> int:
    if len(toks) == 1:
        return 0 if _surname_analysis(toks[0])[2] >= 1 or not _name_readings(toks[0]) else -1
    cheap = [_suffix_score(tok) for tok in toks]
    top = max(cheap)
    if top == 3 and cheap.count(3) == 1 and all(c <= 1 for c in cheap if c != 3):
        return cheap.index(3)  # one clear surname suffix, the others at most 1: no dictionary needed
    scores = [_surname_analysis(tok)[2] for tok in toks]
    ranked = sorted(scores, reverse=True)
    if ranked[0] >= 2 and ranked[0] - ranked[1] >= 2:
        return scores.index(ranked[0])  # one clear surname suffix: no need to ask the dictionary
    for i, tok in enumerate(toks):
        if tok.cyrillic and max(_name_readings(tok).values(), default=0.0) >= 0.1:
            scores[i] -= 1
    best = max(scores)
    tied = [i for i, s in enumerate(scores) if s == best]
    return tied[0] if any(t.cyrillic for t in toks) else tied[-1]


def _choose(readings: list[dict[Reading, float]]) -> tuple[Reading, Sex]:
    """The (sex, case) reading most tokens agree on, and the sex when the evidence favours one."""
    scores: dict[Reading, float] = {}
    for hyp in ALL_READINGS:
        value = 1.0
        for r in readings:
            if r:
                value *= r.get(hyp, 0.0) + 1e-3
        scores[hyp] = value
    order = {c: i for i, c in enumerate(CASES)}
    best = max(scores, key=lambda h: (scores[h], -order[h[1]], h[0] == "m"))
    # Sex: the best reading must beat every reading of the other sex, and the tokens that tell
    # the sexes apart in its case must agree («Нургалиева» alone is a man's genitive or a woman).
    other = max(v for h, v in scores.items() if h[0] != best[0])
    votes = set()
    for r in readings:
        male, female = r.get(("m", best[1]), 0.0), r.get(("f", best[1]), 0.0)
        if male > 3 * female:
            votes.add("m")
        elif female > 3 * male:
            votes.add("f")
    sex = Sex.UNKNOWN
    if scores[best] > 1.5 * other and votes == {best[0]}:
        sex = Sex.MALE if best[0] == "m" else Sex.FEMALE
    return best, sex


def _given_lemma(tok: _Token, hyp: Reading) -> str:
    if not tok.cyrillic or hyp[1] == "nomn":
        return tok.text
    candidates = [p for p in _parses(tok.low) if "Name" in p[3] and p[2] == hyp[1]
                  and (p[1] == "ms-f" or p[1][:1] == hyp[0])]
    if not candidates or any(p[2] == "nomn" and "Name" in p[3] for p in _parses(tok.low)
                             if p[1][:1] == hyp[0]):
        return tok.text
    return max(candidates, key=lambda p: p[4])[0].capitalize()


def _surname_display(tok: _Token, lemma: str, hyp: Reading, sex: Sex) -> str:
    if not tok.cyrillic:
        return tok.text
    female = sex is Sex.FEMALE or (sex is Sex.UNKNOWN and hyp[0] == "f")
    if lemma.endswith(("ов", "ев", "ин", "ын")):
        return (lemma + ("а" if female else "")).capitalize()
    if lemma.endswith(("ский", "цкий")):
        return (lemma[:-2] + "ая" if female else lemma).capitalize()
    return tok.text if hyp[1] == "nomn" else lemma.capitalize()


@lru_cache(maxsize=500_000)
def name_key(name: str) -> NameKey:
    """Comparison keys of a person's name as written in a document or a list."""
    toks = [t for t in _tokens(name) if t.skel]
    rest, patr = _split_patronymic(toks)
    toks, rest = _with_repairs(toks, rest)
    if not rest:
        return NameKey("", "", patr[0][0] if patr else "", "", Sex.UNKNOWN)
    # «Дәурен Нұрланұлы», «Gulnar Islamkyzy»: a given name and a patronymic that is the surname
    si = -1 if patr and len(rest) == 1 and _suffix_score(rest[0]) < 3 else _given_before_patronymic(toks, rest)
    if si is None:
        si = _pick_surname(rest)
    surname_tok = rest[si] if si >= 0 else None
    given = [t for i, t in enumerate(rest) if i != si]
    readings: list[dict[Reading, float]] = [r for _, r in patr]
    lemma = ""
    if surname_tok is not None:
        lemma, surname_readings, _ = _surname_analysis(surname_tok)
        readings.append(surname_readings)
        if len(surname_readings) == 1 and next(iter(surname_readings))[1] == "nomn":
            # «Нургалиев», «Тлеубаевская»: one nominative reading decides case and sex; the given
            # names are then as written (and the dictionary, the slow part, is not asked).
            only = next(iter(surname_readings))
            hyp_sex = Sex.MALE if only[0] == "m" else Sex.FEMALE
            return _key(surname_tok, lemma, given, [t.text for t in given], patr, toks, rest, only, hyp_sex)
    readings.extend(_name_readings(t) for t in given)
    hyp, sex = _choose(readings)
    given_lemmas = [_given_lemma(t, hyp) for t in given]
    return _key(surname_tok, lemma, given, given_lemmas, patr, toks, rest, hyp, sex)


def _given_before_patronymic(toks: list[_Token], rest: list[_Token]) -> int | None:
    """The surname's index in ``rest`` (two words) when a Russian patronymic (-ович, -овна, in any case;
    not a Kazakh one, which may stand for a surname) follows one of them: that word is the given name
    («ЛАЗАОЛВА ГАЛИНА ДЕНИСОВНА», «Галина Денисовна Лазарева»), whatever the other looks like. None
    otherwise."""
    if len(rest) != 2:
        return None
    for i, tok in enumerate(toks[1:], start=1):
        if kazakh_patronymic(tok.text) is None and _patronymic(tok) is not None:
            before = toks[i - 1]
            for j, word in enumerate(rest):
                if word is before:
                    return 1 - j
            return None
    last = toks[-1]
    if len(toks) == 3 and toks[1] is rest[1] and kazakh_patronymic(last.text) is None \
            and _loose_patronymic(last) is not None:  # «Молдаев Тимур Маратовчи»: a typo in the patronymic
        return 0
    return None


def _key(surname_tok: _Token | None, lemma: str, given: list[_Token], given_lemmas: list[str],
         patr: list[tuple[str, dict[Reading, float]]], toks: list[_Token], rest: list[_Token], hyp: Reading,
         sex: Sex) -> NameKey:
    surname_key = surname_variant(fold_surname_sex(skeleton(lemma))) if surname_tok is not None else ""
    given_keys = [given_variant(skeleton(g)) for g in given_lemmas]
    full = sorted(k for k in [surname_key, *given_keys] if k)
    given_key = "".join(given_keys)
    if not surname_key and patr:  # a patronymic surname: it tells namesakes apart like a surname
        full.append("+" + patr[0][0])
    return NameKey(
        surname_key=surname_key,
        given_key=given_key,
        patronymic_key=patr[0][0] if patr else "",
        full_key=" ".join(full),
        sex_hint=sex,
        surname=_surname_display(surname_tok, lemma, hyp, sex) if surname_tok is not None else "",
        given_name=" ".join(given_lemmas),
        patronymic=" ".join(t.text for t in toks if t not in rest),
    )


def letters_key(written: str, surname: bool = False) -> str | None:
    """A Cyrillic name letter by letter (``translit.letter_skeleton``; a surname in its masculine
    form), for the one-typo levels: a typo that makes two letters the key reads as one («Токханов»
    for «Тоқтанов»: ``tohanov`` and ``toktanov`` in the keys, ``tokhanov`` and ``toktanov`` here) is
    one edit here. None for a name in Latin letters (its key is already letter by letter).
    ``written``: the surname or given name of the ``NameKey``."""
    letters = letter_skeleton(written) if written else None  # None in Latin letters
    if not letters:
        return None
    return fold_surname_sex(letters) if surname else letters


def typo_key(written: str, key: str, surname: bool = False) -> str:
    """``key`` with doubled a, e, o, u kept as ``written`` has them (``translit.typo_skeleton``:
    ``saargalev`` for «Сааргалиева», whose key is ``sargalev``), for the one-typo levels; the key
    itself where the two differ by more than doubled letters (a variant table's key). ``written``:
    the surname or given name of the ``NameKey`` (its dictionary form)."""
    typo = typo_skeleton(written)
    if typo == key or merge_doubles(typo) == typo:  # no doubled vowel: nearly every name
        return key
    if surname:
        typo = fold_surname_sex(typo)
    return typo if merge_doubles(typo) == key else key
