"""Tokens and number phrases: digits with separators, number words in every case, vague plurals, ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from aqiqat.nlp.figures_lexicon import ABBREV_MULT, EN_MULT, EN_NUMBERS, EN_VAGUE, morph, parse_tag, ru_number_forms

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+(?![\d.,]\d)|\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:[-‐][^\W\d_]+)*)|(?P<p>\S)"
)


class Token(NamedTuple):
    kind: str  # num | word | p
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class NumberSpan:
    """tokens[first_index:next_index] read as a number (value) or a range / vague quantity (min, max)."""

    first_index: int
    next_index: int
    value: float | None
    min_value: float | None = None
    max_value: float | None = None
    vague: bool = False
    small_word: bool = False
    range_prefix_start: int | None = None
    one: bool = False


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "p"
        out.append(Token(kind, m.group(), m.start(), m.end()))
    return out


# Plural (or genitive plural) group words that make a vague quantity: "десятки", "сотни тысяч", "thousands".
_VAGUE_RU: dict[str, int] = {
    "десятки": 10, "десятков": 10, "десятками": 10, "десятках": 10, "десяткам": 10,
    "сотни": 100, "сотен": 100, "сотнями": 100, "сотнях": 100, "сотням": 100,
    "тысячи": 1000, "тысяч": 1000, "тысячами": 1000, "тысячах": 1000, "тысячам": 1000,
    "миллионы": 1_000_000, "миллионов": 1_000_000, "миллионами": 1_000_000,
}  # fmt: skip
# After these words "тысячи" and "сотни" are genitive singular: "около тысячи" is about 1000.
_GEN_GOVERNORS = frozenset("около более менее свыше до от порядка больше меньше из для у без почти".split())
_SEVERAL = frozenset(["несколько", "нескольких", "several"])
_DASHES = "-–—"


@lru_cache(maxsize=1)
def number_vocabulary() -> frozenset[str]:
    """Every lower-case word (ё written е) that can start a number phrase; the scan skips all others."""
    numbers, mults, groups = ru_number_forms()
    words = set(numbers) | set(mults) | set(groups) | set(_VAGUE_RU) | _SEVERAL | {"a", "an"}
    words |= set(EN_NUMBERS) | set(EN_MULT) | set(EN_VAGUE)
    return frozenset(words)


def parse_number(tokens: list[Token], i: int) -> NumberSpan | None:
    first = _parse_single(tokens, i)
    if first is None:
        return None
    if first.vague:
        return first
    j = first.next_index
    prefix = tokens[i - 1].text.lower() if i > 0 and tokens[i - 1].kind == "word" else ""
    link = tokens[j].text.lower() if j < len(tokens) else ""
    is_link = (link in _DASHES and j < len(tokens) and tokens[j].kind == "p") or (
        (link in ("до", "to") and prefix in ("от", "from")) or (link in ("и", "and") and prefix in ("между", "between"))
    )
    if not is_link or j + 1 >= len(tokens):
        return first
    second = _parse_single(tokens, j + 1)
    if second is None or second.vague or second.value is None or first.value is None:
        return first
    lo, hi = first.value, second.value
    mult = trailing_mult(tokens, second)
    if trailing_mult(tokens, first) == 1 and mult > 1 and lo < hi / mult:
        lo = lo * mult
    if hi <= lo:
        return first
    prefix_start = tokens[i - 1].start if prefix in ("от", "from", "между", "between") else None
    return NumberSpan(i, second.next_index, None, lo, hi, False, False, prefix_start)


def trailing_mult(tokens: list[Token], n: NumberSpan) -> int:
    k = n.next_index - 1
    if k > n.first_index and tokens[k].text == ".":
        k -= 1
    if k <= n.first_index and tokens[k].kind == "num":
        return 1
    return _mult_of(tokens[k].text.lower()) or 1


def _mult_of(low: str) -> int | None:
    _, mults, _ = ru_number_forms()
    return mults.get(low) or ABBREV_MULT.get(low) or EN_MULT.get(low)


def _parse_single(tokens: list[Token], i: int) -> NumberSpan | None:
    tok = tokens[i]
    if tok.kind == "num":
        value = _digits_value(tok.text)
        j = i + 1
        if j < len(tokens) and tokens[j].kind == "word" and tokens[j].start - tok.end <= 2:
            mult = _mult_of(tokens[j].text.lower())
            if mult:
                value *= mult
                j += 1
                if j < len(tokens) and tokens[j].text == "." and tokens[j - 1].text.lower() in ABBREV_MULT:
                    j += 1
        return NumberSpan(i, j, value)
    if tok.kind != "word":
        return None
    low = tok.text.lower().replace("ё", "е")
    numbers, mults, groups = ru_number_forms()
    prev = tokens[i - 1].text.lower() if i > 0 and tokens[i - 1].kind == "word" else ""
    if low in _SEVERAL and i + 1 < len(tokens):
        nxt = tokens[i + 1].text.lower()
        if nxt in _VAGUE_RU or nxt in EN_VAGUE or nxt in EN_MULT or nxt in ("dozen", "hundred"):
            base = _VAGUE_RU.get(nxt) or EN_VAGUE.get(nxt + "s") or EN_MULT.get(nxt) or 100
            return _vague(tokens, i, i + 2, base)
        return None
    vague_base = _VAGUE_RU.get(low) or EN_VAGUE.get(low)
    if vague_base and not (low in ("сотни", "тысячи") and prev in _GEN_GOVERNORS):
        return _vague(tokens, i, i + 1, vague_base)
    known = low in numbers or low in mults or low in groups or low in EN_NUMBERS or low in EN_MULT
    if not (known or low in ("a", "an")):
        return None
    total, cur, j, used = 0.0, 0.0, i, 0
    while j < len(tokens) and tokens[j].kind == "word" and (j == i or tokens[j].start - tokens[j - 1].end <= 2):
        w = tokens[j].text.lower().replace("ё", "е")
        if w in ("a", "an") and j == i:
            cur = 1
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w in numbers and used >= 0 and not (w in mults or w in groups):
            cur += numbers[w]
        elif w in EN_NUMBERS:
            cur += EN_NUMBERS[w]
        elif w in mults or w in EN_MULT or w in groups:
            cur = (cur or 1) * (mults.get(w) or EN_MULT.get(w) or groups[w])
            total += cur
            cur = 0
        else:
            break
        used += 1
        j += 1
    value = total + cur
    if used == 0 or value == 0 or (used == 1 and low in ("a", "an")):
        return None
    if used == 1 and low in numbers and low not in _COLLECTIVE and low not in _ONE_FORMS:
        if parse_tag(low)[0] not in ("NUMR", "") and not _plural_next(tokens, j):
            return None  # "семью Вертинского" is a family ("с семью детьми" is seven), "три" may be a verb
    small = used == 1 and value < 10 and low not in _COLLECTIVE
    return NumberSpan(i, j, value, small_word=small or low in _ONE_FORMS, one=low in _ONE_FORMS)


_ONE_FORMS = frozenset(
    "один одна одно одни одного одной одному одним одною одну одном одними одних one".split()
)
_COLLECTIVE = frozenset(
    "двое трое четверо пятеро шестеро семеро восьмеро девятеро десятеро двоих троих четверых пятерых "
    "шестерых семерых оба обе обоих обеих both".split()
)


def _plural_next(tokens: list[Token], j: int) -> bool:
    if j >= len(tokens) or tokens[j].kind != "word":
        return False
    return "plur" in str(morph().parse(tokens[j].text.lower())[0].tag)


def _vague(tokens: list[Token], i: int, j: int, base: int) -> NumberSpan:
    """Plural tens/hundreds/thousands: at least two and fewer than ten of the unit."""
    if j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.lower() == "of" and j + 1 < len(tokens):
        more = tokens[j + 1].text.lower()
        if more in EN_VAGUE or more in EN_MULT:
            base *= EN_VAGUE.get(more) or EN_MULT[more]
            j += 2
    elif j < len(tokens) and tokens[j].kind == "word":
        more = tokens[j].text.lower()
        mult = _mult_of(more) if more in _VAGUE_RU or more in EN_MULT else None
        if mult:
            base *= mult
            j += 1
    return NumberSpan(i, j, None, float(2 * base), float(10 * base - 1), vague=True)


def _digits_value(s: str) -> float:
    s = re.sub(r"[\u00a0\u2009\u202f ]", "", s)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))
