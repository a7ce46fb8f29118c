"""Number words in every case, qualifiers, what is counted, and the shared pymorphy3 analyser."""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """One pymorphy3 analyser per process, built on first use."""
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def parse_tag(word: str) -> tuple[str, str, bool]:
    """(POS, normal form, is_known) of the most likely parse of ``word``."""
    p = morph().parse(word)[0]
    return (str(p.tag.POS or ""), str(p.normal_form), bool(p.is_known))


@lru_cache(maxsize=65536)
def all_tags(word: str) -> str:
    """Every grammeme of every parse of ``word``, space-separated (for quick membership tests)."""
    return " ".join(str(p.tag) for p in morph().parse(word))


_RU_LEMMAS: dict[str, int] = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
    "девятеро": 9, "десятеро": 10,
}  # fmt: skip
_EXTRA_FORMS: dict[str, float] = {
    "оба": 2, "обе": 2, "обоих": 2, "обеих": 2, "обоим": 2, "обеим": 2, "обоими": 2, "обеими": 2,
    "полтора": 1.5, "полторы": 1.5, "полутора": 1.5,
}  # fmt: skip
# Multipliers and the nouns that count in tens or hundreds ("десяток", "сотня").
_RU_MULT_LEMMAS: dict[str, int] = {"тысяча": 1000, "миллион": 1_000_000, "миллиард": 1_000_000_000}
_RU_GROUP_LEMMAS: dict[str, int] = {"десяток": 10, "сотня": 100, "дюжина": 12}
ABBREV_MULT: dict[str, int] = {"тыс": 1000, "млн": 1_000_000, "млрд": 1_000_000_000, "k": 1000}

EN_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "both": 2, "dozen": 12,
}  # fmt: skip
EN_MULT: dict[str, int] = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
EN_VAGUE: dict[str, int] = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}


@lru_cache(maxsize=1)
def ru_number_forms() -> tuple[dict[str, float], dict[str, int], dict[str, int]]:
    """(number words, multiplier words, group nouns) -> value, every case form, ё written as е."""
    an = morph()

    def forms(lemmas: dict[str, int]) -> dict[str, int]:
        out: dict[str, int] = {}
        for lemma, value in lemmas.items():
            for p in an.parse(lemma):
                if p.normal_form != lemma:
                    continue
                for f in p.lexeme:
                    out.setdefault(f.word.replace("ё", "е"), value)
            out.setdefault(lemma, value)
        return out

    numbers: dict[str, float] = dict(forms(_RU_LEMMAS))
    numbers.update(_EXTRA_FORMS)
    return numbers, forms(_RU_MULT_LEMMAS), forms(_RU_GROUP_LEMMAS)


# Qualifiers written before a number, longest first; values are Qualifier names.
QUALIFIERS_BEFORE: tuple[tuple[str, str], ...] = (
    ("не менее чем", "at_least"), ("не меньше чем", "at_least"), ("не более чем", "at_most"),
    ("не больше чем", "at_most"), ("по меньшей мере", "at_least"), ("по крайней мере", "at_least"),
    ("как минимум", "at_least"), ("как максимум", "at_most"), ("более чем", "more_than"),
    ("больше чем", "more_than"), ("менее чем", "less_than"), ("меньше чем", "less_than"),
    ("чуть более", "more_than"), ("чуть больше", "more_than"), ("чуть менее", "less_than"),
    ("чуть меньше", "less_than"), ("не менее", "at_least"), ("не меньше", "at_least"),
    ("не более", "at_most"), ("не больше", "at_most"), ("свыше", "more_than"), ("более", "more_than"),
    ("больше", "more_than"), ("менее", "less_than"), ("меньше", "less_than"), ("около", "about"),
    ("примерно", "about"), ("приблизительно", "about"), ("порядка", "about"), ("почти", "about"),
    ("ориентировочно", "about"), ("где-то", "about"), ("минимум", "at_least"), ("максимум", "at_most"),
    ("до", "at_most"),
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("no more than", "at_most"),
    ("more than", "more_than"), ("fewer than", "less_than"), ("less than", "less_than"),
    ("at least", "at_least"), ("at most", "at_most"), ("up to", "at_most"), ("an estimated", "about"),
    ("about", "about"), ("around", "about"), ("approximately", "about"), ("roughly", "about"),
    ("nearly", "about"), ("almost", "about"), ("some", "about"), ("over", "more_than"),
    ("under", "less_than"),
)  # fmt: skip
QUALIFIER_RE = re.compile(
    r"(?i)(?<![\w-])(?P<q>"
    + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q, _ in QUALIFIERS_BEFORE)
    + r")\s+$"
)
QUALIFIER_OF = {q: v for q, v in QUALIFIERS_BEFORE}

# Counted categories by word stem (lower case, ё as е), checked in this order of strength.
COUNTED_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("killed", ("погиб", "убит", "убил", "убив", "жертв", "гибел", "смерт", "скончал", "умер", "трупы",
                "killed", "dead", "died", "death", "bodies", "fatalit", "lives")),
    ("injured", ("ранен", "ранил", "пострада", "госпитализ", "травм", "injur", "wounded", "hurt", "hospitali")),
    ("detained", ("задержан", "задержал", "задержив", "арест", "detain", "arrest", "custody")),
    ("prisoners", ("заключенн", "политзаключ", "осужденн", "узник", "prisoner", "inmate", "jailed", "imprison")),
    ("protesters", ("протестующ", "митингующ", "демонстрант", "манифестант", "protester", "protestor",
                    "demonstrator")),
)  # fmt: skip
# Weak context: an event noun that makes a crowd of people protesters when nothing stronger is near.
PROTEST_EVENT_STEMS = ("протест", "митинг", "демонстрац", "акци", "protest", "rall", "demonstration")

# Nouns that name people (a count of them is a count of people).
PERSON_LEMMAS = frozenset(
    "человек люди гражданин житель участник лицо мужчина женщина ребёнок ребенок дети подросток студент "
    "активист журналист военнослужащий военный сотрудник полицейский солдат боевик террорист иностранец "
    "пострадавший погибший задержанный заключённый заключенный протестующий митингующий демонстрант "
    "раненый убитый жертва родственник член человечек пенсионер".split()
)

# Words after a number that make it a measure, a time, an age or a ratio rather than a count.
UNIT_RE = re.compile(
    r"(?i)(?:секунд|минут|час(?:а|ов|ам|ами|ах)?$|дн(?:я|ей|ям|ями|ях)$|день$|сут(?:ки|ок|кам|ками)$|недел|месяц|"
    r"год(?:а|у|ов|ом|ах|ы|ам|ами)?$|лет$|летн|тилетн|км$|километр|метр|кг$|килограмм|тонн|литр|градус|тенге|рубл|руб$|"
    r"доллар|долл$|евро$|сом(?:а|ов)?$|сум(?:а|ов)?$|процент|балл|га$|гектар|см$|мм$|раз(?:а)?$|кв$|"
    r"seconds?$|minutes?$|hours?$|days?$|weeks?$|months?$|years?$|km$|kilomet|met(?:re|er)s?$|kg$|tons?$|"
    r"tonnes?$|lit(?:re|er)s?$|degrees?$|dollars?$|euros?$|percent$|per$|times$|usd$|eur$|[%$€₸])"
)
# Words before a number that make it a label ("статья 174", "дом 5", "No. 3").
LABEL_WORDS = frozenset(
    "№ n no номер номера статья статьи статье статью ст часть части ч пункт пункта п дом д кв квартира ул "
    "корпус том стр страница страницы page article art section глава главы рейс маршрут автобус "
    "тел телефон phone tel факс fax код индекс".split()
)
EN_FUNCTION_WORDS = frozenset(
    "a an the and or of in on at to from by for with who which that were was are is be been have has had "
    "people's than as per".split()
)


_SENT_END = re.compile(r"(?:[.!?…]+[»\"”)]*)(?=\s+[«\"“„(–—-]?\s*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n\s*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a cut after . ! ? … before a capital, and at every line break."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.end() > pos:
            spans.append((pos, m.end()))
            pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans
