"""Dates in Russian, Kazakh and English text: absolute, ranges, months, and relative ones resolved.

Relative dates are resolved against the right anchor: the publication date (``вчера``, ``ровно месяц
назад``, ``на неделе``) or the previous dated mention in the narrative (``через три дня``, ``на
следующий день``). A day and month without a year take the year of the publication date, moved back a
year if that would put them after the publication (never into the future).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from aqiqat.domain.dates import FuzzyDate
from aqiqat.domain.enums import DatePrecision
from aqiqat.nlp.dates_lexicon import (
    WEEKDAYS_EN,
    WEEKDAYS_RU,
    month_number,
    ordinal_value,
    small_number,
    unit_of,
)
from aqiqat.nlp.dates_rules import scan
from aqiqat.nlp.document_date import DocumentDate, infer_document_date, says_events_began
from aqiqat.nlp.figures_lexicon import morph

ABSOLUTE = "absolute"
PUBLICATION = "publication"
NARRATIVE = "narrative"
YEAR_INFERRED = "year_inferred"


@dataclass(frozen=True)
class DateMention:
    """A date read from ``text[start:end]``; ``anchor`` says what it was resolved against."""

    start: int
    end: int
    text: str
    value: FuzzyDate
    anchor: str  # "absolute" | "publication" | "narrative" | "year_inferred"
    reference: str = ""  # for a document without a date: the document date used, and where it came from


_PUBLICATION_KINDS = {
    "ago", "today", "this_week", "last_week", "this_month", "last_month", "this_year", "last_year", "weekday",
}  # fmt: skip
_NARRATIVE_KINDS = {"later", "next_day", "same_day", "day_before"}
_MONTH_PREP = re.compile(r"(?i)^(?:в|во|с|со|до|к|после|начиная|in|since|during|until|by|early|mid|late|of|last)\W")


def extract_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date mention in ``text``, sorted by start, resolved against ``published`` where needed.

    Without ``published``, the document's own date (nlp.document_date) stands in for it: a dateline or a
    written full date for everything, the latest year mentioned only for the year of a day and month; each
    date so resolved says so in ``reference``."""
    if published is not None:
        return _extract(text, published, None)
    first = _extract(text, None, None)
    absolute = [(m.start, m.end, m.value.value, m.value.precision is DatePrecision.DAY and m.value.end is None)
                for m in first if m.anchor == ABSOLUTE and m.value.value is not None]
    found = infer_document_date(text, absolute)
    if found is None:
        return first
    if found.source != "dateline":
        found = _dated_by_beginning(text, found) or found
    reference = f"document date from {found.source} «{found.text}»"
    return _extract(text, found.value, reference, relative_ok=found.relative_ok)


def _dated_by_beginning(text: str, found: DocumentDate) -> DocumentDate | None:
    """«Ровно месяц назад начались беспорядки»: the document is dated a month after the first day its
    narrative gives (read with ``found`` as the reference for the years)."""
    for start, end, kind, m in date_candidates(text):
        if kind != "ago" or not says_events_began(text, start, end):
            continue
        g = m.groupdict()
        n = small_number(g.get("n")) if g.get("n") else _implicit_one(g.get("unit"))
        if n is None:
            return None
        days = [x.value.value for x in _extract(text, found.value, None, relative_ok=False)
                if x.anchor in (ABSOLUTE, YEAR_INFERRED) and x.value.value is not None
                and x.value.precision is DatePrecision.DAY]
        if not days:
            return None
        unit = unit_of(g.get("unit") or "")

        # the events began N before the document, which is not before the latest day: a day earlier than
        # N (and a month) before that is background («в декабре 2011 года …»), not their beginning
        floor = _shifted(max(days), -n, unit) - timedelta(days=31)
        first = min(d for d in days if d >= floor)
        return DocumentDate(_shifted(first, n, unit), "events_began", text[start:end], True)
    return None


def _shifted(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` days, weeks, months, half-years or years (negative: back)."""
    if unit in ("day", "week"):
        return d + timedelta(days=n * (7 if unit == "week" else 1))
    return _add_months(d, n * 12 if unit == "year" else n * 6 if unit == "halfyear" else n)


def _extract(text: str, published: date | None, reference: str | None, relative_ok: bool = True
             ) -> list[DateMention]:
    out: list[DateMention] = []
    anchor_day: tuple[date, DatePrecision] | None = None
    for start, end, kind, m in date_candidates(text):
        raw = text[start:end]
        ref_day = published if relative_ok or kind not in _PUBLICATION_KINDS else None
        mention = _interpret(kind, m, raw, ref_day, anchor_day)
        if mention is None:
            continue
        fd, anchor, next_anchor = mention
        note = reference if reference is not None and anchor in (PUBLICATION, YEAR_INFERRED) else ""
        out.append(DateMention(start, end, raw, fd, anchor, note))
        if next_anchor is not None:
            anchor_day = (next_anchor, DatePrecision.DAY)
        elif fd.value is not None and fd.precision in (DatePrecision.MONTH, DatePrecision.YEAR):
            anchor_day = (fd.value, fd.precision)  # "в 1984 году ... через три года"
    return out


@lru_cache(maxsize=8)
def date_candidates(text: str) -> tuple[tuple[int, int, str, re.Match[str]], ...]:
    """The non-overlapping date phrases of ``text`` (longest first at each start), before resolution.

    Cached per text: the figure extractor reads the same spans to leave dates alone."""
    found = scan(text)
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    last_end = -1
    for f in found:
        if f[0] >= last_end:
            chosen.append(f)
            last_end = f[1]
    return tuple(chosen)


def _interpret(
    kind: str, m: re.Match[str], raw: str, published: date | None, anchor_day: tuple[date, DatePrecision] | None
) -> tuple[FuzzyDate, str, date | None] | None:
    """(date, anchor, the day later narrative-relative dates count from) or None if this is no date."""
    g = m.groupdict()
    if kind in ("day", "numeric", "iso"):
        day = ordinal_value(g.get("ordtens"), g["ord"]) if g.get("ord") else _int(g["d"])
        month = _int(g["m"]) if kind != "day" else month_number(g["m"])
        year_text = g.get("y") or g.get("y2")
        if day is None or month is None:
            return None
        if year_text is not None:
            year = _full_year(year_text)
            if not _valid(year, month, day):
                return None
            d = date(year, month, day)
            return FuzzyDate(d, DatePrecision.DAY, None, raw), ABSOLUTE, d
        if not _valid(2000, month, day):
            return None
        inferred = _infer_day(month, day, published)
        if inferred is None:
            return FuzzyDate.unknown(raw), YEAR_INFERRED, None
        return FuzzyDate(inferred, DatePrecision.DAY, None, raw), YEAR_INFERRED, inferred
    if kind in ("night", "range"):
        return _range(kind, g, raw, published)
    if kind == "month":
        month = month_number(g["m"])
        if month is None:
            return None
        if g.get("y") is None and not _MONTH_PREP.match(raw):
            return None  # a bare month word without a preposition or a year is too often something else
        if g.get("y"):
            return FuzzyDate(date(int(g["y"]), month, 1), DatePrecision.MONTH, None, raw), ABSOLUTE, None
        if published is None:
            return FuzzyDate.unknown(raw), YEAR_INFERRED, None
        year = published.year if date(published.year, month, 1) <= published else published.year - 1
        return FuzzyDate(date(year, month, 1), DatePrecision.MONTH, None, raw), YEAR_INFERRED, None
    if kind == "year":
        return FuzzyDate(date(int(g["y"]), 1, 1), DatePrecision.YEAR, None, raw), ABSOLUTE, None
    if kind in _PUBLICATION_KINDS:
        if published is None:
            return FuzzyDate.unknown(raw), PUBLICATION, None
        fd = _from_publication(kind, g, raw, published, m)
        if fd is None:
            return None
        nxt = fd.value if fd.precision is DatePrecision.DAY else None
        return fd, PUBLICATION, nxt
    if kind in _NARRATIVE_KINDS:
        if kind == "day_before" and g.get("nextw") and not _adverbial(g["nextw"] or ""):
            return None  # «накануне выборов»: the eve of something named, not the day before the last date
        if anchor_day is None:
            return FuzzyDate.unknown(raw), NARRATIVE, None
        fd = _from_narrative(kind, g, raw, *anchor_day)
        if fd is None:
            return None
        return fd, NARRATIVE, fd.value if fd.precision is DatePrecision.DAY else None
    return None


def _range(
    kind: str, g: dict[str, str | None], raw: str, published: date | None
) -> tuple[FuzzyDate, str, date | None] | None:
    d2 = _int(g["d2"])
    m2 = month_number(g["m2"] or "")
    if d2 is None or m2 is None:
        return None
    d1 = _int(g.get("d1")) if g.get("d1") else None
    m1 = month_number(g["m1"] or "") if g.get("m1") else None
    if kind == "night" and d1 is None:
        # "в ночь на 5 января" is the night from the 4th to the 5th
        end_only = _end_date(d2, m2, g.get("y2"), published)
        if end_only is None:
            return (FuzzyDate.unknown(raw), YEAR_INFERRED, None) if _valid(2000, m2, d2) else None
        end, anchor = end_only
        start = end - timedelta(days=1)
        return FuzzyDate(start, DatePrecision.DAY, end, raw), anchor, start
    if d1 is None:
        return None
    m1 = m1 or m2
    if not _valid(2000, m1, d1):
        return None
    end_res = _end_date(d2, m2, g.get("y2"), published)
    if end_res is None:
        return (FuzzyDate.unknown(raw), YEAR_INFERRED, None) if _valid(2000, m2, d2) else None
    end, anchor = end_res
    y1 = int(g["y1"] or "") if g.get("y1") else end.year
    if not _valid(y1, m1, d1):
        return None
    start = date(y1, m1, d1)
    if start > end and not g.get("y1"):
        if not _valid(y1 - 1, m1, d1):
            return None
        start = date(y1 - 1, m1, d1)
    if start > end:
        return None
    # a night counts from its first day; a span of days from its last
    nxt = start if kind == "night" else end
    return FuzzyDate(start, DatePrecision.DAY, end, raw), anchor, nxt


def _end_date(d: int, m: int, y: str | None, published: date | None) -> tuple[date, str] | None:
    if y:
        year = int(y)
        return (date(year, m, d), ABSOLUTE) if _valid(year, m, d) else None
    inferred = _infer_day(m, d, published)
    return (inferred, YEAR_INFERRED) if inferred is not None else None


_FUTURE = re.compile(
    r"(?i)(?<![\w-])(?:will|shall|(?:is|are)\s+(?:expected|due|scheduled|set|going|planning)\s+to|plans?\s+to|"
    r"будет|будут|планиру\w*|намерен\w*|собира(?:ется|ются)|состоится|пройд[её]т|начн[её]тся|"
    r"в\s+(?:следующ|ближайш)\w+)(?![\w-])"
)


def _clause_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (at most 120 characters back)."""
    lo = max(0, pos - 120)
    ends = [m.end() for m in re.finditer(r"[.!?…\n]\s", text[lo:pos])]
    return lo + ends[-1] if ends else lo


def _from_publication(kind: str, g: dict[str, str | None], raw: str, pub: date, m: re.Match[str]
                      ) -> FuzzyDate | None:
    day = DatePrecision.DAY
    if kind == "ago":
        n = small_number(g.get("n")) if g.get("n") else _implicit_one(g.get("unit"))
        if n is None:
            return None
        unit = unit_of(g["unit"] or "")
        exact = bool(g.get("exact"))
        if unit == "day":
            return FuzzyDate(pub - timedelta(days=n), day, None, raw)
        if unit == "week":
            return FuzzyDate(pub - timedelta(weeks=n), day, None, raw)
        months = n * 12 if unit == "year" else 6 if unit == "halfyear" else n
        back = _add_months(pub, -months)
        if exact or unit != "year":
            return FuzzyDate(back, day, None, raw)
        return FuzzyDate(date(back.year, 1, 1), DatePrecision.YEAR, None, raw)
    if kind == "today":
        w = (g["w"] or "").lower()
        delta = {"позавчера": -2, "вчера": -1, "yesterday": -1, "завтра": 1, "tomorrow": 1}.get(w, 0)
        return FuzzyDate(pub + timedelta(days=delta), day, None, raw)
    monday = pub - timedelta(days=pub.weekday())
    if kind == "this_week":
        return FuzzyDate(monday, DatePrecision.WEEK, pub, raw)
    if kind == "last_week":
        prev = monday - timedelta(days=7)
        return FuzzyDate(prev, DatePrecision.WEEK, prev + timedelta(days=6), raw)
    if kind == "this_month":
        return FuzzyDate(pub.replace(day=1), DatePrecision.MONTH, None, raw)
    if kind == "last_month":
        return FuzzyDate(_add_months(pub.replace(day=1), -1), DatePrecision.MONTH, None, raw)
    if kind == "this_year":
        return FuzzyDate(date(pub.year, 1, 1), DatePrecision.YEAR, None, raw)
    if kind == "last_year":
        return FuzzyDate(date(pub.year - 1, 1, 1), DatePrecision.YEAR, None, raw)
    if kind == "weekday":
        name = (g.get("w") or g.get("w2") or g.get("w3") or "").lower()
        wd = WEEKDAYS_RU.get(name, WEEKDAYS_EN.get(name))
        if wd is None:
            return None
        future = _FUTURE.search(m.string, _clause_start(m.string, m.start()), m.start())
        if future is not None and not re.search(r"[,;:(—–]", m.string[future.end() : m.start()]):
            days_ahead = (wd - pub.weekday()) % 7  # "will travel … Friday": the coming one
            return FuzzyDate(pub + timedelta(days=days_ahead or 7), day, None, raw)
        days_back = (pub.weekday() - wd) % 7
        if days_back == 0 and (g.get("last") or g.get("last2")):
            days_back = 7
        return FuzzyDate(pub - timedelta(days=days_back), day, None, raw)
    return None


def _from_narrative(
    kind: str, g: dict[str, str | None], raw: str, anchor: date, precision: DatePrecision
) -> FuzzyDate | None:
    """A date counted from the previous one; never finer than the date it counts from."""
    if kind in ("next_day", "same_day", "day_before"):
        if precision is not DatePrecision.DAY:
            return FuzzyDate.unknown(raw)
        delta = {"next_day": 1, "same_day": 0, "day_before": -1}[kind]
        return FuzzyDate(anchor + timedelta(days=delta), DatePrecision.DAY, None, raw)
    n = small_number(g.get("n")) if g.get("n") else _implicit_one(g.get("unit"))
    if n is None:
        return FuzzyDate.unknown(raw)
    unit = unit_of(g.get("unit") or "")
    if unit == "day":
        value = anchor + timedelta(days=n)
    elif unit == "week":
        value = anchor + timedelta(weeks=n)
    else:
        value = _add_months(anchor, n * 12 if unit == "year" else 6 if unit == "halfyear" else n)
    if precision is DatePrecision.MONTH:
        value = value.replace(day=1)
    elif precision is DatePrecision.YEAR:
        value = date(value.year, 1, 1)
    return FuzzyDate(value, precision, None, raw)


def _adverbial(next_word: str) -> bool:
    """«накануне был задержан», «накануне вечером»: «накануне» is an adverb unless a noun or an adjective in
    the genitive follows it (then it is a preposition: «накануне выборов», «накануне нового года»)."""
    for p in morph().parse(next_word.lower()):
        if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO", "NUMR") and "gent" in p.tag and p.score >= 0.2:
            return False
    return True


def _implicit_one(unit: str | None) -> int | None:
    """"месяц назад", "через неделю" mean one; "лет назад" after an unread word ("много") means no date."""
    u = (unit or "").lower()
    if u in ("день", "сутки", "неделю", "месяц", "год", "полгода", "day", "week", "month", "year"):
        return 1
    return None


def _infer_day(month: int, day: int, published: date | None) -> date | None:
    """The latest date with this day and month that is not after ``published``."""
    if published is None:
        return None
    for year in (published.year, published.year - 1, published.year - 2, published.year - 3, published.year - 4):
        if _valid(year, month, day) and date(year, month, day) <= published:
            return date(year, month, day)
    return None


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def _valid(year: int, month: int, day: int) -> bool:
    if not (1 <= year <= 9999 and 1 <= month <= 12 and day >= 1):
        return False
    return day <= calendar.monthrange(year, month)[1]


def _full_year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _int(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None
