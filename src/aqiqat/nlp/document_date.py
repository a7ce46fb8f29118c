"""The date of a document that came without one, inferred from its own text, with where it came from.

In order: a dateline (a line near the top that is only a full date: «12 января 2022 года», "March 2,
2008"); else the latest full date the text writes out; else the latest year it mentions (a reference for
the year of «6 января», never for «вчера»; a day and month take the year that puts them nearest to the latest
full date). The day the document was ingested is never used.

A text that says how long ago its events began («Ровно месяц назад в городе начались беспорядки", "The
protests began two weeks ago") is dated that long after the first day its own narrative gives (a dateline
still comes first); relative expressions may then be counted from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_DATELINE_LINES = 6
_YEAR = re.compile(r"(?<![\d.,:/-])(?:19[5-9]\d|20\d\d)(?![\d.,:/-])")


@dataclass(frozen=True)
class DocumentDate:
    value: date  # the reference: for a latest full date, half a year after it (a year is read as the nearest)
    source: str  # "dateline" | "latest_full_date" | "latest_year"
    text: str  # what it was read from, as written
    relative_ok: bool  # may «вчера», "last week" be counted from it (a dateline or a written date)?


def infer_document_date(text: str, mentions: list[tuple[int, int, date, bool]]) -> DocumentDate | None:
    """``mentions``: (start, end, day, is_full_day) of the absolute dates read from ``text``."""
    full = [(s, e, d) for s, e, d, is_day in mentions if is_day]
    head_end = _nth_line_end(text, _DATELINE_LINES)
    for s, e, d in full:
        if s < head_end and _alone_on_line(text, s, e):
            return DocumentDate(d, "dateline", text[s:e], True)
    if full:  # the document is written after its latest date, most likely within half a year of it
        s, e, d = max(full, key=lambda x: x[2])
        return DocumentDate(d + timedelta(days=183), "latest_full_date", text[s:e], False)
    years = [(m.start(), m.end(), int(m.group())) for m in _YEAR.finditer(text)]
    if years:
        s, e, y = max(years, key=lambda x: x[2])
        return DocumentDate(date(y, 12, 31), "latest_year", text[s:e], False)
    return None


_BEGAN = re.compile(
    r"(?i)(?<![\w-])(?:начал(?:ись|ся|ась|ось)|вспыхнул[аио]?|разразил(?:ись|ся|ась)|began|started|broke\s+out|"
    r"erupted)(?![\w-])"
)


def says_events_began(text: str, start: int, end: int) -> bool:
    """Does the sentence holding ``text[start:end]`` (an "N ago" phrase) say that the events began then?"""
    a = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, end) for ch in ".!?\n") if i >= 0]
    return _BEGAN.search(text, a, min(ends) if ends else len(text)) is not None


def _nth_line_end(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
        while pos < len(text) and text[pos] == "\n":
            pos += 1
    return pos


def _alone_on_line(text: str, s: int, e: int) -> bool:
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    rest = text[a:s] + text[e : b if b >= 0 else len(text)]
    return not re.search(r"[^\W\d_]{4,}", re.sub(r"(?i)\b(?:года|год|г|on|updated|обновлено)\b", "", rest))
