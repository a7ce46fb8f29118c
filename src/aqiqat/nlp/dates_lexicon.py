"""Month names (Russian in every case, Kazakh, English), weekdays and small number words for date rules."""

from __future__ import annotations

import re

# Russian month stems with the endings of all six cases (январь, января, январю, январём/январем, январе).
_RU_SOFT = "(?:ь|я|ю|ём|ем|е)"
_RU_MONTHS: tuple[tuple[str, int], ...] = (
    ("январ" + _RU_SOFT, 1),
    ("феврал" + _RU_SOFT, 2),
    ("март(?:а|у|ом|е)?", 3),
    ("апрел" + _RU_SOFT, 4),
    ("ма(?:й|я|ю|ем|ём|е)", 5),
    ("июн" + _RU_SOFT, 6),
    ("июл" + _RU_SOFT, 7),
    ("август(?:а|у|ом|е)?", 8),
    ("сентябр" + _RU_SOFT, 9),
    ("октябр" + _RU_SOFT, 10),
    ("ноябр" + _RU_SOFT, 11),
    ("декабр" + _RU_SOFT, 12),
)
# Kazakh month names take agglutinative suffixes (қаңтарда, қаңтардың, қаңтарға).
_KZ_MONTHS: tuple[tuple[str, int], ...] = (
    ("қаңтар", 1),
    ("ақпан", 2),
    ("наурыз", 3),
    ("сәуір", 4),
    ("мамыр", 5),
    ("маусым", 6),
    ("шілде", 7),
    ("тамыз", 8),
    ("қыркүйек", 9),
    ("қазан", 10),
    ("қараша", 11),
    ("желтоқсан", 12),
)
_KZ_SUFFIX = "[а-яёәғқңөұүһі]{0,6}"
_EN_MONTHS: tuple[tuple[str, int], ...] = (
    ("January|Jan\\.?", 1),
    ("February|Feb\\.?", 2),
    ("March|Mar\\.?", 3),
    ("April|Apr\\.?", 4),
    ("May", 5),
    ("June|Jun\\.?", 6),
    ("July|Jul\\.?", 7),
    ("August|Aug\\.?", 8),
    ("September|Sept?\\.?", 9),
    ("October|Oct\\.?", 10),
    ("November|Nov\\.?", 11),
    ("December|Dec\\.?", 12),
)

_WORD_END = r"(?![0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі])"

RU_MONTH = "(?i:" + "|".join(p for p, _ in _RU_MONTHS) + ")" + _WORD_END
KZ_MONTH = "(?i:" + "|".join(p for p, _ in _KZ_MONTHS) + ")" + _KZ_SUFFIX + _WORD_END
EN_MONTH = "(?:" + "|".join(p for p, _ in _EN_MONTHS) + ")" + _WORD_END
EN_MONTH_FULL = (
    "(?:January|February|March|April|May|June|July|August|September|October|November|December)" + _WORD_END
)
ANY_MONTH = f"(?:{RU_MONTH}|{KZ_MONTH}|{EN_MONTH})"

_MONTH_RES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile("(?i:" + p + ")"), n) for p, n in _RU_MONTHS + _KZ_MONTHS + _EN_MONTHS
)


def month_number(word: str) -> int | None:
    """The month (1-12) a month word names, in any case form, or None."""
    for rx, n in _MONTH_RES:
        if rx.match(word):
            return n
    return None


# A year after a day and month: "6 января 2022 года", "2022 г.", "5 қаңтар 2022 жыл", "January 7, 2022".
YEAR_SUFFIX = r"(?:\s*(?:года|году|год|г\.|г" + _WORD_END + r"|жылы|жылғы|жыл|ж\.))?"
YEAR = r"(?P<{name}>(?:19|20)\d\d)(?!\d)"

WEEKDAYS_RU: dict[str, int] = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "среда": 2,
    "четверг": 3,
    "пятницу": 4,
    "пятница": 4,
    "субботу": 5,
    "суббота": 5,
    "воскресенье": 6,
}
WEEKDAYS_EN: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Small quantities in relative expressions ("три дня назад", "через пару недель", "two days later").
SMALL_NUMBERS: dict[str, int] = {
    "один": 1, "одну": 1, "одного": 1, "одни": 1, "одна": 1, "одно": 1,
    "два": 2, "две": 2, "двух": 2, "пару": 2, "пара": 2,
    "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4, "четырех": 4,
    "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
    "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2,
}  # fmt: skip
SMALL_NUMBER = "(?i:" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + r"|\d{1,3})"


def small_number(word: str | None) -> int | None:
    """The value of a digit string or a small number word; None for anything else."""
    if not word:
        return None
    w = word.lower()
    if w.isdigit():
        return int(w)
    return SMALL_NUMBERS.get(w)


# Units of relative expressions: (regex, unit) with unit one of day, week, month, year.
RU_UNITS = (
    r"(?P<unit>(?i:дн(?:ей|я)|день|сут(?:ки|ок)|недел(?:ю|и|ь|я)|месяц(?:а|ев)?|"
    r"полгода|год(?:а)?|лет))" + _WORD_END
)
EN_UNITS = r"(?P<unit>(?i:days?|weeks?|months?|years?))" + _WORD_END


def unit_of(word: str) -> str:
    """Normalise a unit word to day, week, month, halfyear or year."""
    w = word.lower()
    if w.startswith(("дн", "день", "сут", "day")):
        return "day"
    if w.startswith(("недел", "week")):
        return "week"
    if w.startswith(("месяц", "month")):
        return "month"
    if w == "полгода":
        return "halfyear"
    return "year"


# Russian ordinal day words in the genitive/nominative used with months ("первого января", "двадцать пятое мая").
_ORD_STEMS: tuple[tuple[str, int], ...] = (
    ("перв", 1), ("втор", 2), ("трет", 3), ("четв[её]рт", 4), ("пят", 5), ("шест", 6), ("седьм", 7),
    ("восьм", 8), ("девят", 9), ("десят", 10), ("одиннадцат", 11), ("двенадцат", 12), ("тринадцат", 13),
    ("четырнадцат", 14), ("пятнадцат", 15), ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18),
    ("девятнадцат", 19), ("двадцат", 20), ("тридцат", 30),
)  # fmt: skip
_ORD_END = "(?:ое|ого|ье|ьего|ему|ому)"
ORDINAL_DAY = (
    r"(?P<ordtens>(?i:двадцать|тридцать)\s+)?(?P<ord>(?i:"
    + "|".join(s for s, _ in _ORD_STEMS)
    + ")"
    + _ORD_END
    + ")"
    + _WORD_END
)
_ORD_RES = tuple((re.compile("(?i:" + s + ")"), n) for s, n in _ORD_STEMS)


def ordinal_value(tens: str | None, word: str) -> int | None:
    """The day number of an ordinal word phrase ("двадцать пятого" -> 25)."""
    base = None
    for rx, n in sorted(_ORD_RES, key=lambda p: -len(p[0].pattern)):
        if rx.match(word):
            base = n
            break
    if base is None:
        return None
    if tens:
        t = 20 if tens.strip().lower().startswith("двадцат") else 30
        return t + base if base < 10 else None
    return base
