"""Figures: counts of people or things, with qualifier, what is counted and who claims it.

``около десяти тысяч`` -> 10000 about; ``меньше 30 тысяч`` -> max 30000 less_than; ``173 человека`` exact;
``десятки тысяч`` -> range 20000..99999. Dates, years, ages (``12-летняя``), ratios (``в два раза``),
timecodes (``0540``), measures and labels (``статья 174``) are not figures. A negated "none" of people or of
evidence is a count of zero (``ни одного доказательства не предоставили``, ``никаких задержанных не было``:
``ни одного``, ``ни одной``, ``ни единого`` or ``никаких`` before such a noun, in a negated sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from aqiqat.domain.enums import Qualifier
from aqiqat.nlp.dates import date_candidates
from aqiqat.nlp.figures_claimants import find_claimant
from aqiqat.nlp.figures_lexicon import (
    COUNTED_STEMS,
    EN_FUNCTION_WORDS,
    LABEL_WORDS,
    PERSON_LEMMAS,
    PROTEST_EVENT_STEMS,
    QUALIFIER_OF,
    QUALIFIER_RE,
    UNIT_RE,
    parse_tag,
    sentence_spans,
)
from aqiqat.nlp.figures_numbers import (
    NumberSpan,
    Token,
    number_vocabulary,
    parse_number,
    tokenize,
    trailing_mult,
)


@dataclass(frozen=True)
class FigureMention:
    """A count read from ``text[start:end]``; the claimant span, if any, is the attribution phrase."""

    start: int
    end: int
    text: str
    value: float | None
    min: float | None
    max: float | None
    qualifier: Qualifier
    counted: str  # killed | injured | detained | protesters | prisoners | evidence | other
    claimant_text: str | None
    claimant_start: int | None
    claimant_end: int | None


# "no evidence": what monitors hold official claims against; counts of none of people go by COUNTED_STEMS
EVIDENCE_STEMS = ("доказательств", "подтвержден", "улик", "свидетельств", "фактов", "документов")
_ZERO = re.compile(
    r"(?<![\w-])(?P<none>ни\s+(?:одного|одной|единого|единой)|никаких)\s+(?P<noun>[а-яё]+)", re.IGNORECASE
)
_NEGATION = re.compile(r"(?<![\w-])(?:не|нет|никто|ничего)(?![\w-])", re.IGNORECASE)
_EN_PEOPLE = frozenset("people persons civilians men women children residents individuals citizens".split())
_INHERIT_WINDOW = 250


def extract_figures(text: str) -> list[FigureMention]:
    """Every count in ``text``, sorted by start."""
    tokens = tokenize(text)
    blocked = [(c[0], c[1]) for c in date_candidates(text)]
    sentences = sentence_spans(text)
    out: list[FigureMention] = []
    i = 0
    vocab = number_vocabulary()
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "p" or (tok.kind == "word" and tok.text.lower().replace("ё", "е") not in vocab):
            i += 1
            continue
        if _inside(tok.start, tok.end, blocked):
            i += 1
            continue
        num = parse_number(tokens, i)
        if num is None:
            i += 1
            continue
        mention = _build(text, tokens, num, sentences, out)
        if mention is not None and not _inside(mention.start, mention.end, blocked):
            out.append(mention)
        i = max(num.next_index, i + 1)
    out.extend(_zero_counts(text, sentences, out))
    out.sort(key=lambda f: f.start)
    return out


def _zero_counts(text: str, sentences: list[tuple[int, int]], found: list[FigureMention]) -> list[FigureMention]:
    """«ни одного доказательства не предоставили», «никаких задержанных не было»: counts of zero."""
    out = []
    for m in _ZERO.finditer(text):
        noun = m.group("noun").lower().replace("ё", "е")
        counted = _category(noun)
        if counted is None and not noun.startswith(EVIDENCE_STEMS):
            continue
        a, b = next(((a, b) for a, b in sentences if a <= m.start() < b), (0, len(text)))
        rest = text[a : m.start()] + text[m.end() : b]
        if _NEGATION.search(rest) is None or _inside(m.start(), m.end(), [(f.start, f.end) for f in found]):
            continue
        claim = find_claimant(text, a, b, m.start(), m.end())
        out.append(
            FigureMention(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                value=0,
                min=0,
                max=0,
                qualifier=Qualifier.EXACT,
                counted=counted or "evidence",
                claimant_text=text[claim[0] : claim[1]] if claim else None,
                claimant_start=claim[0] if claim else None,
                claimant_end=claim[1] if claim else None,
            )
        )
    return out


def _build(
    text: str, tokens: list[Token], num: NumberSpan, sentences: list[tuple[int, int]], previous: list[FigureMention]
) -> FigureMention | None:
    i, j = num.first_index, num.next_index
    first, last = tokens[i], tokens[j - 1]
    if _excluded(text, tokens, num):
        return None
    head_end, heads = _head_nouns(tokens, j, text)
    # qualifier written before the number
    qual_start = first.start
    qualifier = Qualifier.RANGE if num.vague else Qualifier.EXACT
    m = QUALIFIER_RE.search(text, max(0, first.start - 40), first.start)
    if num.small_word and not heads and m is None:
        return None  # a bare "два" or "один" is not a count
    if num.one and not (heads and _is_person_word(heads[-1])):
        return None  # "с одной стороны", "одним появлением": one of something is no figure
    if m and num.min_value is None:
        key = re.sub(r"\s+", " ", m.group("q").lower())
        q = QUALIFIER_OF.get(key)
        if q is not None and not (key == "до" and _range_from_before(text, m.start())):
            qualifier = Qualifier(q)
            qual_start = m.start()
    value, lo, hi = num.value, num.min_value, num.max_value
    if lo is not None and hi is not None:
        qualifier = Qualifier.RANGE
        value = None
        if num.range_prefix_start is not None:
            qual_start = min(qual_start, num.range_prefix_start)
    elif qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        lo = value
    elif qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        hi = value
    end = head_end if heads else last.end
    sent = next(((a, b) for a, b in sentences if a <= qual_start < b), (0, len(text)))
    counted = _counted(text, tokens, heads, sent, qual_start, end, previous)
    if not heads and counted == "other" and not num.vague and m is None and trailing_mult(tokens, num) == 1:
        return None  # a bare number with nothing counted near it: a score, a page, a list index
    claim = find_claimant(text, sent[0], sent[1], qual_start, end)
    return FigureMention(
        start=qual_start,
        end=end,
        text=text[qual_start:end],
        value=value,
        min=lo,
        max=hi,
        qualifier=qualifier,
        counted=counted,
        claimant_text=text[claim[0] : claim[1]] if claim else None,
        claimant_start=claim[0] if claim else None,
        claimant_end=claim[1] if claim else None,
    )


def _range_from_before(text: str, pos: int) -> bool:
    return bool(re.search(r"(?i)(?<![\w-])от\s+\S+\s*$", text[max(0, pos - 30) : pos]))


def _excluded(text: str, tokens: list[Token], num: NumberSpan) -> bool:
    i, j = num.first_index, num.next_index
    first, last = tokens[i], tokens[j - 1]
    if first.kind == "num":
        digits = first.text
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            return True  # a timecode or a code, never a count ("0540")
        if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099 and j == i + 1:
            nxt = tokens[j] if j < len(tokens) else None
            if nxt is None or nxt.kind != "word" or not _is_person_word(nxt.text):
                return True  # a year
    if num.min_value is not None and num.max_value is not None and 1800 <= num.min_value <= 2099:
        if 1800 <= num.max_value <= 2099 and tokens[j - 1].kind == "num" and len(tokens[j - 1].text) == 4:
            return True  # years: "1888—1959"
    # glued to other characters: "12-летняя", "5-й", "05:40", "+7", "1/2", "№5"
    before = text[first.start - 1] if first.start > 0 else " "
    after = text[last.end] if last.end < len(text) else " "
    if before in "+:/№#@_" or after in ":/_":
        return True
    if before in "-–" and first.start > 1 and text[first.start - 2].isalnum():
        return True
    if after in "-–" and last.end + 1 < len(text) and text[last.end + 1].isalpha():
        return True
    if after.isalpha():
        return True  # "5км", "2x"
    if j < len(tokens) and tokens[j].kind == "num" and tokens[j].start - last.end <= 1:
        return True  # a phone number or a list of codes ("8 701 123 45 67")
    if i > 0 and tokens[i - 1].kind == "num" and first.start - tokens[i - 1].end <= 1 and first.kind == "num":
        return True
    # what follows: a unit, an age, a ratio
    if j < len(tokens) and tokens[j].kind in ("word", "p") and UNIT_RE.match(tokens[j].text):
        return True
    if re.search(r"(?i)(?:^|[^\w])в\s*$", text[max(0, first.start - 3) : first.start]) and j < len(tokens):
        if re.match(r"(?i)раз", tokens[j].text):
            return True
    # a label before the number: "статья 174", "дом 5", "No. 3"
    k = i - 1
    while k >= 0 and tokens[k].kind == "p" and tokens[k].text == ".":
        k -= 1
    if k >= 0 and tokens[k].text.lower() in LABEL_WORDS:
        return True
    return bool(k >= 0 and tokens[k].text.lower() == "ни")  # "ни одного" is a denial, not a count


def _head_nouns(tokens: list[Token], j: int, text: str) -> tuple[int, list[str]]:
    """(end offset, words) of the noun (with one adjective) right after the number, if any."""
    if j >= len(tokens) or tokens[j].kind != "word" or "\n" in text[tokens[j - 1].end : tokens[j].start]:
        return 0, []
    w = tokens[j]
    if w.text[:1].isupper() and not re.fullmatch(r"[A-Za-z'-]+", w.text):
        return 0, []  # a name or the next sentence, not what is counted ("5 Юрий", "287 млн. Оставшаяся")
    if re.fullmatch(r"[A-Za-z'-]+", w.text):
        low = w.text.lower()
        if low in EN_FUNCTION_WORDS and not (low == "of" and j + 1 < len(tokens)):
            return 0, []
        if low == "of":
            nxt = tokens[j + 1]
            if nxt.kind == "word" and nxt.text.lower() not in EN_FUNCTION_WORDS:
                return nxt.end, [nxt.text]
            return 0, []
        return w.end, [w.text]
    pos, _, _ = parse_tag(w.text.lower())
    if pos == "NOUN":
        return w.end, [w.text]
    if pos in ("ADJF", "PRTF"):
        if j + 1 < len(tokens) and tokens[j + 1].kind == "word":
            pos2, _, _ = parse_tag(tokens[j + 1].text.lower())
            if pos2 == "NOUN" and tokens[j + 1].start - w.end <= 1:
                return tokens[j + 1].end, [w.text, tokens[j + 1].text]
        return w.end, [w.text]
    return 0, []


def _is_person_word(word: str) -> bool:
    low = word.lower()
    if low in _EN_PEOPLE:
        return True
    return parse_tag(low)[1] in PERSON_LEMMAS or _category(low) is not None


def _category(word: str) -> str | None:
    low = word.lower().replace("ё", "е")
    for name, stems in COUNTED_STEMS:
        if any(low.startswith(s) for s in stems):
            return name
    return None


def _counted(
    text: str,
    tokens: list[Token],
    heads: list[str],
    sent: tuple[int, int],
    start: int,
    end: int,
    previous: list[FigureMention],
) -> str:
    for h in reversed(heads):
        cat = _category(h)
        if cat:
            return cat
    if heads and not _is_person_word(heads[-1]):
        return "other"
    best: tuple[int, str] | None = None
    weak = False
    starts = [t.start for t in tokens]
    for t in tokens[max(0, bisect_left(starts, sent[0]) - 1) : bisect_left(starts, sent[1])]:
        if t.kind != "word" or t.end <= sent[0] or t.start >= sent[1] or start <= t.start < end:
            continue
        cat = _category(t.text)
        if cat:
            dist = start - t.end if t.end <= start else t.start - end
            if best is None or dist < best[0]:
                best = (dist, cat)
        elif t.text.lower().startswith(PROTEST_EVENT_STEMS):
            weak = True
    if best is not None:
        return best[1]
    if not heads and previous:
        prev = previous[-1]
        if start - prev.end <= _INHERIT_WINDOW and "\n\n" not in text[prev.end : start] and prev.counted != "other":
            return prev.counted
    return "protesters" if weak and heads else "other"


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)
