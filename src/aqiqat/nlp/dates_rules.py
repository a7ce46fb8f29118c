"""The date patterns: regular expressions and what kind of date each one reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from aqiqat.nlp.dates_lexicon import (
    ANY_MONTH,
    EN_MONTH,
    EN_MONTH_FULL,
    EN_UNITS,
    KZ_MONTH,
    ORDINAL_DAY,
    RU_MONTH,
    RU_UNITS,
    SMALL_NUMBER,
    YEAR,
    YEAR_SUFFIX,
)

_B = r"(?<![0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі])"  # start of a word
_E = r"(?![0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі])"  # end of a word
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDSUF = r"(?:-?(?:го|е|ого|st|nd|rd|th))?"
_DASH = r"\s*[-–—]\s*"


def _y(name: str) -> str:
    return YEAR.format(name=name)


@dataclass(frozen=True)
class Rule:
    """``kind`` names how a match is read (see dates.py). The regex only runs in windows of ``before`` and
    ``after`` characters around a word starting with one of ``triggers`` ("#" stands for a digit)."""

    kind: str
    regex: re.Pattern[str]
    triggers: tuple[str, ...]
    before: int
    after: int


_MONTHS = (
    "январ", "феврал", "март", "апрел", "май", "мая", "мае", "маю", "маем", "маё", "июн", "июл", "август",
    "сентябр", "октябр", "ноябр", "декабр", "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде",
    "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан", "jan", "feb", "mar", "apr", "may", "jun", "jul",
    "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_DATE = ("#", *_MONTHS)


def _r(kind: str, pattern: str, triggers: tuple[str, ...] = _DATE, before: int = 40, after: int = 90) -> Rule:
    return Rule(kind, re.compile(pattern), triggers, before, after)


RULES: tuple[Rule, ...] = (
    # ranges ------------------------------------------------------------------------------------------
    _r(
        "night",
        rf"{_B}(?:(?i:в)\s+)?(?i:ночь)\s+(?:(?i:с)\s+(?P<d1>{_DAY}){_ORDSUF}\s+)?(?i:на)\s+(?P<d2>{_DAY}){_ORDSUF}"
        rf"\s+(?P<m2>{RU_MONTH})(?:\s+{_y('y2')}{YEAR_SUFFIX})?",
        ("ночь",), 5, 60,
    ),
    _r(
        "range",
        rf"{_B}(?i:с|со|от|между)\s+(?P<d1>{_DAY}){_ORDSUF}(?:\s+(?P<m1>{RU_MONTH})(?:\s+{_y('y1')}{YEAR_SUFFIX})?)?"
        rf"\s+(?:по|до|и)\s+(?P<d2>{_DAY}){_ORDSUF}\s+(?P<m2>{RU_MONTH})(?:\s+{_y('y2')}{YEAR_SUFFIX})?",
    ),
    _r(
        "range",
        rf"{_B}(?:(?i:from|between)\s+)?(?P<d1>{_DAY}){_ORDSUF}(?:\s+(?P<m1>{EN_MONTH})(?:,?\s+{_y('y1')})?)?"
        rf"(?:\s+(?:to|and|until)\s+|{_DASH})(?P<d2>{_DAY}){_ORDSUF}\s+(?:of\s+)?(?P<m2>{EN_MONTH})"
        rf"(?:,?\s+{_y('y2')})?",
    ),
    _r(
        "range",
        rf"{_B}(?:(?i:from|between)\s+)?(?P<m2>{EN_MONTH})\s+(?P<d1>{_DAY}){_ORDSUF}"
        rf"(?:\s+(?:to|and|until)\s+|{_DASH})(?P<d2>{_DAY}){_ORDSUF}{_E}(?:,?\s+{_y('y2')})?",
    ),
    _r(
        "range",
        rf"{_B}(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m2>{RU_MONTH}|{KZ_MONTH})"
        rf"(?:\s+{_y('y2')}{YEAR_SUFFIX})?",
    ),
    # single days -------------------------------------------------------------------------------------
    _r(
        "day",
        rf"{_B}(?:{_y('y')}\s+(?:жылғы|жылы|ж\.)\s+)?(?P<d>{_DAY}){_ORDSUF}\s+(?P<m>{ANY_MONTH})"
        rf"(?:,?\s+{_y('y2')}{YEAR_SUFFIX})?",
    ),
    _r("day", rf"{_B}(?P<d>{ORDINAL_DAY})\s+(?P<m>{RU_MONTH})(?:\s+{_y('y2')}{YEAR_SUFFIX})?"),
    _r("day", rf"{_B}(?P<d>{_DAY}){_ORDSUF}\s+of\s+(?P<m>{EN_MONTH})(?:,?\s+{_y('y2')})?"),
    _r("day", rf"{_B}(?P<m>{EN_MONTH})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?{_E}(?:,?\s+{_y('y2')})?"),
    _r("numeric", rf"(?<![\d.,/+-])(?P<d>{_DAY})\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:19|20)?\d\d)(?![\d]|\.\d)"),
    _r("numeric", rf"(?<![\d.,/+-])(?P<d>{_DAY})/(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)(?![\d/])"),
    _r("iso", r"(?<![\d.,/+-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?![\d-])"),
    # months and years --------------------------------------------------------------------------------
    _r(
        "month",
        rf"{_B}(?:(?i:в|во|с|со|до|к|после|начиная\s+с)\s+)?(?:(?i:начале|середине|конце|первой\s+половине|"
        rf"второй\s+половине)\s+)?(?P<m>{RU_MONTH})(?:\s+{_y('y')}{YEAR_SUFFIX})?",
    ),
    _r(
        "month",
        rf"{_B}(?:(?i:in|since|during|until|by|early|mid-?|late|of|last)\s+)(?P<m>{EN_MONTH_FULL})(?:,?\s+{_y('y')})?",
    ),
    _r("month", rf"{_B}(?P<m>{EN_MONTH_FULL}),?\s+{_y('y')}"),
    _r("year", rf"{_B}(?:(?i:в|с|до|к)\s+)?{_y('y')}\s*(?:году|года|год|г\.){_E}"),
    _r("year", rf"{_B}(?i:in|since|during)\s+{_y('y')}{_E}"),
    # relative to the publication ---------------------------------------------------------------------
    _r(
        "ago",
        rf"{_B}(?:(?P<exact>(?i:ровно|exactly)\s+))?(?:(?P<n>{SMALL_NUMBER})\s+)?{RU_UNITS}\s+назад{_E}",
        ("назад",), 45, 10,
    ),
    _r("ago", rf"{_B}(?:(?P<exact>(?i:exactly)\s+))?(?P<n>{SMALL_NUMBER})\s+{EN_UNITS}\s+ago{_E}", ("ago",), 45, 5),
    _r(
        "today",
        rf"{_B}(?P<w>(?i:позавчера|вчера|сегодня|завтра|today|yesterday|tomorrow)){_E}",
        ("позавчера", "вчера", "сегодня", "завтра", "today", "yesterday", "tomorrow"), 1, 12,
    ),
    _r("this_week", rf"{_B}(?i:на\s+(?:этой\s+|текущей\s+)?неделе|this\s+week){_E}", ("недел", "week"), 20, 10),
    _r(
        "last_week",
        rf"{_B}(?i:на\s+(?:прошлой|прошедшей|минувшей)\s+неделе|last\s+week){_E}",
        ("недел", "week"), 25, 10,
    ),
    _r("this_month", rf"{_B}(?i:в\s+(?:этом|текущем|нынешнем)\s+месяце|this\s+month){_E}", ("месяц", "month"), 20, 10),
    _r(
        "last_month",
        rf"{_B}(?i:в\s+(?:прошлом|прошедшем|минувшем)\s+месяце|last\s+month){_E}",
        ("месяц", "month"), 20, 10,
    ),
    _r("this_year", rf"{_B}(?i:в\s+(?:этом|текущем|нынешнем)\s+году|this\s+year){_E}", ("году", "year"), 20, 8),
    _r("last_year", rf"{_B}(?i:в\s+(?:прошлом|прошедшем|минувшем)\s+году|last\s+year){_E}", ("году", "year"), 20, 8),
    _r(
        "weekday",
        rf"{_B}(?i:(?:в|во)\s+(?:(?P<last>прошлую|прошлый|минувшую|минувший|прошедшую|прошедший)\s+)?"
        r"(?P<w>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
        r"|(?:on\s+|(?P<last2>last\s+))(?P<w2>monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
        r"|(?P<w3>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)" + _E,
        ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресен", "monday", "tuesday",
         "wednesday", "thursday", "friday", "saturday", "sunday"),
        22, 14,
    ),
    # relative to the previous date in the narrative --------------------------------------------------
    _r(
        "later",
        rf"{_B}(?i:через|спустя)\s+(?:(?P<n>{SMALL_NUMBER})\s+)?{RU_UNITS}(?!\s+(?i:после|с\s+момента|от\s+))",
        ("через", "спустя"), 1, 45,
    ),
    _r("later", rf"{_B}(?P<n>{SMALL_NUMBER})\s+{RU_UNITS}\s+(?i:спустя){_E}", ("спустя",), 35, 10),
    _r("later", rf"{_B}(?P<n>{SMALL_NUMBER})\s+{EN_UNITS}\s+later{_E}", ("later",), 35, 8),
    _r(
        "next_day",
        rf"{_B}(?i:на\s+следующий\s+день|на\s+другой\s+день|на\s+следующее\s+утро|наутро|"
        rf"the\s+(?:next|following)\s+day|the\s+next\s+morning){_E}",
        ("следующ", "другой", "наутро", "next", "following"), 10, 25,
    ),
    _r(
        "same_day",
        rf"{_B}(?i:в\s+тот\s+же\s+день|в\s+этот\s+же\s+день|that\s+same\s+day|the\s+same\s+day){_E}",
        ("тот", "этот", "same"), 5, 20,
    ),
    _r(
        "day_before",
        rf"{_B}(?i:накануне|the\s+day\s+before|the\s+previous\s+day)(?=\s*[,.;:!?)]|\s*$|\s+(?P<nextw>[а-яё]+))",
        ("накануне", "day", "previous"), 20, 20,
    ),
)


_WORD = re.compile(r"\w+")
_ALL_TRIGGERS = tuple(sorted({t for r in RULES for t in r.triggers if t != "#"}))


def scan(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """(start, end, kind, match) of every rule's matches, each rule run only near its trigger words."""
    hits: list[tuple[int, str]] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].isdigit():
            hits.append((m.start(), "#"))
        else:
            low = w.lower()
            if low.startswith(_ALL_TRIGGERS):
                hits.append((m.start(), low))
    n = len(text)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for rule in RULES:
        prefixes = tuple(t for t in rule.triggers if t != "#")
        digits = "#" in rule.triggers
        windows: list[list[int]] = []
        for pos, w in hits:
            if (digits and w == "#") or (w != "#" and w.startswith(prefixes)):
                a, b = max(0, pos - rule.before), min(n, pos + rule.after)
                if windows and a <= windows[-1][1]:
                    windows[-1][1] = b
                else:
                    windows.append([a, b])
        for a, b in windows:
            while b < n and not text[b].isspace():
                b += 1
            for m in rule.regex.finditer(text, a, b):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), rule.kind, m))
    return found
