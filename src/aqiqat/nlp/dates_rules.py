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
    """kind names how the match is read (see dates.py); anchor is the provisional anchor."""

    kind: str
    regex: re.Pattern[str]


def _r(kind: str, pattern: str) -> Rule:
    return Rule(kind, re.compile(pattern))


RULES: tuple[Rule, ...] = (
    # ranges ------------------------------------------------------------------------------------------
    _r(
        "night",
        rf"{_B}(?:(?i:в)\s+)?(?i:ночь)\s+(?:(?i:с)\s+(?P<d1>{_DAY}){_ORDSUF}\s+)?(?i:на)\s+(?P<d2>{_DAY}){_ORDSUF}"
        rf"\s+(?P<m2>{RU_MONTH})(?:\s+{_y('y2')}{YEAR_SUFFIX})?",
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
        rf"{_B}(?:(?i:in|since|during|until|by|early|mid-?|late|of)\s+)(?P<m>{EN_MONTH_FULL})(?:,?\s+{_y('y')})?",
    ),
    _r("month", rf"{_B}(?P<m>{EN_MONTH_FULL}),?\s+{_y('y')}"),
    _r("year", rf"{_B}(?:(?i:в|с|до|к)\s+)?{_y('y')}\s*(?:году|года|год|г\.){_E}"),
    _r("year", rf"{_B}(?i:in|since|during)\s+{_y('y')}{_E}"),
    # relative to the publication ---------------------------------------------------------------------
    _r("ago", rf"{_B}(?:(?P<exact>(?i:ровно|exactly)\s+))?(?:(?P<n>{SMALL_NUMBER})\s+)?{RU_UNITS}\s+назад{_E}"),
    _r("ago", rf"{_B}(?:(?P<exact>(?i:exactly)\s+))?(?P<n>{SMALL_NUMBER})\s+{EN_UNITS}\s+ago{_E}"),
    _r("today", rf"{_B}(?P<w>(?i:позавчера|вчера|сегодня|завтра|today|yesterday|tomorrow)){_E}"),
    _r("this_week", rf"{_B}(?i:на\s+(?:этой\s+|текущей\s+)?неделе|this\s+week){_E}"),
    _r("last_week", rf"{_B}(?i:на\s+(?:прошлой|прошедшей|минувшей)\s+неделе|last\s+week){_E}"),
    _r("this_month", rf"{_B}(?i:в\s+(?:этом|текущем|нынешнем)\s+месяце|this\s+month){_E}"),
    _r("last_month", rf"{_B}(?i:в\s+(?:прошлом|прошедшем|минувшем)\s+месяце|last\s+month){_E}"),
    _r("this_year", rf"{_B}(?i:в\s+(?:этом|текущем|нынешнем)\s+году|this\s+year){_E}"),
    _r("last_year", rf"{_B}(?i:в\s+(?:прошлом|прошедшем|минувшем)\s+году|last\s+year){_E}"),
    _r(
        "weekday",
        rf"{_B}(?i:(?:в|во)\s+(?:(?P<last>прошлую|прошлый|минувшую|минувший|прошедшую|прошедший)\s+)?"
        r"(?P<w>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
        r"|(?:on\s+|(?P<last2>last\s+))(?P<w2>monday|tuesday|wednesday|thursday|friday|saturday|sunday))" + _E,
    ),
    # relative to the previous date in the narrative --------------------------------------------------
    _r(
        "later",
        rf"{_B}(?i:через|спустя)\s+(?:(?P<n>{SMALL_NUMBER})\s+)?{RU_UNITS}(?!\s+(?i:после|с\s+момента|от\s+))",
    ),
    _r("later", rf"{_B}(?P<n>{SMALL_NUMBER})\s+{RU_UNITS}\s+(?i:спустя){_E}"),
    _r("later", rf"{_B}(?P<n>{SMALL_NUMBER})\s+{EN_UNITS}\s+later{_E}"),
    _r(
        "next_day",
        rf"{_B}(?i:на\s+следующий\s+день|на\s+другой\s+день|на\s+следующее\s+утро|наутро|"
        rf"the\s+(?:next|following)\s+day|the\s+next\s+morning){_E}",
    ),
    _r("same_day", rf"{_B}(?i:в\s+тот\s+же\s+день|в\s+этот\s+же\s+день|that\s+same\s+day|the\s+same\s+day){_E}"),
    _r("day_before", rf"{_B}(?i:накануне|the\s+day\s+before|the\s+previous\s+day)(?=\s*[,.;:!?)]|\s*$)"),
)
