"""An independent generator of victims lists shaped like the real ones, with the truth known.

Shares no code or pools with ``aqiqat.linkage.synthetic`` (pools: bench/link_lists_pools.py;
transliteration tables of its own below). People of Kazakh, Russian and Korean-Kazakh families
killed in January 2022; each person is put on each list with the list's capture probability:

- ``ngo_ru``: a Russian NGO list (``;`` CSV): «Фамилия Имя Отчество» in Russian spelling, patronymic
  surnames as «Нурланулы Даурен», some names in the genitive (copied from news text), ages as «32» or
  «32 года», dates «05.01.2022» or «5 января 2022 г.», places «г. Тараз» or «Жамбылская обл., г. Тараз»;
- ``media_kz``: a Kazakh-language media list: Kazakh orthography, given name first or last,
  -ұлы/-қызы patronymics, a person known by family surname written by the father's name
  («Дәурен Нұрланұлы»), dates «5 қаңтар 2022» or «2022 жылғы 5 қаңтар», ages «32 жаста»;
- ``english``: passport (ICAO) spellings, English spellings (Choi, Park, Alexander, Yessenov),
  the 2021 Kazakh Latin alphabet (Qasym, Nurlan Serikuly), dates «Jan 5, 2022»;
- ``official``: upper-case split columns ФАМИЛИЯ / ИМЯ / ОТЧЕСТВО, birth year, place with its region
  or the region alone.

Noise: typos (one or two edits), age or date off by one, fields missing in some lists, namesakes
(same given name and surname, another father and age). Each row carries tags (pattern names) so
recall can be given per pattern.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from link_lists_pools import (
    KOREAN,
    KZ_MEN,
    KZ_ROOTS,
    KZ_WOMEN,
    RU_MEN,
    RU_SURNAMES,
    RU_WOMEN,
    TOWNS,
)

_KZ_TO_RU = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
                           "і": "и", "Ә": "А", "Ғ": "Г", "Қ": "К", "Ң": "Н", "Ө": "О", "Ұ": "У", "Ү": "У",
                           "І": "И"})
_COMMON = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "з": "z", "и": "i",
           "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
           "у": "u", "ф": "f", "ц": "ts", "ч": "ch", "ъ": "", "ь": "", "э": "e", "ю": "yu", "я": "ya"}
LATIN_2021 = {**_COMMON, "ә": "ä", "ғ": "ğ", "ж": "j", "й": "i", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū",
              "ү": "ü", "х": "h", "һ": "h", "ш": "ş", "щ": "şş", "ы": "y", "і": "ı", "ю": "iu", "я": "ia"}
PASSPORT = {**_COMMON, "ә": "a", "ғ": "g", "ж": "zh", "й": "i", "қ": "k", "ң": "n", "ө": "o", "ұ": "u",
            "ү": "u", "х": "kh", "һ": "h", "ш": "sh", "щ": "shch", "ы": "y", "і": "i", "ю": "iu", "я": "ia"}
ENGLISH = {**PASSPORT, "й": "y", "ю": "yu", "я": "ya", "е": "e"}
RU_MONTH_GEN = "января"
KZ_MONTH = "қаңтар"
EN_MONTHS = ("Jan", "January")
LISTS = ("ngo_ru", "media_kz", "english", "official")
CAPTURE = {"ngo_ru": 0.72, "media_kz": 0.5, "english": 0.45, "official": 0.6}


def latin(word: str, table: dict[str, str]) -> str:
    out = "".join(table.get(ch, ch) for ch in word.lower())
    return out[:1].upper() + out[1:]


def english(word: str) -> str:
    """English spelling: е → ye at the start and after a vowel, s doubled between vowels."""
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        if ch == "е" and (i == 0 or low[i - 1] in "аәеиоөуұүыіэюя"):
            out.append("ye")
        elif ch == "с" and 0 < i < len(low) - 1 and low[i - 1] in "аәеиоуұүыі" and low[i + 1] in "аәеиоуұүыі":
            out.append("ss")
        else:
            out.append(ENGLISH.get(ch, ch))
    s = "".join(out)
    return s[:1].upper() + s[1:]


def _zipf(n: int, s: float = 0.7) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


# Kazakh surnames come from an ancestor's name: the roots, the men's names, and names compounded
# with -бек, -бай, -жан; drawn with a Zipf skew (a few surnames are common, most are rare).
SURNAME_ROOTS = [*KZ_ROOTS, *KZ_MEN, *(m + suffix for m in KZ_MEN[:60] for suffix in ("бек", "бай", "жан")
                                       if not m.endswith(("бек", "бай", "жан")))]
SURNAME_WEIGHTS = _zipf(len(SURNAME_ROOTS))
RU_SURNAME_WEIGHTS = _zipf(len(RU_SURNAMES))


def surname_of(root: str) -> str:
    if root.endswith("й"):
        return root[:-1] + "ев"
    return root + ("ев" if root[-1] in "аеіиоуұүы" else "ов")


@dataclass
class Person:
    pid: int
    sex: str  # m / f
    kind: str  # kz, ru, korean
    given: str  # Kazakh orthography for kz
    father: str
    surname: str  # family surname ("" when the person's surname is the patronymic)
    birth: date
    day: date
    town: int
    tags: set[str] = field(default_factory=set)


def _patronymic_ru(father: str, sex: str) -> str:
    f = father.translate(_KZ_TO_RU)
    if f.endswith("й"):
        stem, m, w = f[:-1], "евич", "евна"
    elif f[-1] in "аеиоуы":
        stem, m, w = f, "евич", "евна"
    else:
        stem, m, w = f, "ович", "овна"
    return stem + (m if sex == "m" else w)


def _patronymic_kz(father: str, sex: str) -> str:
    return father + ("ұлы" if sex == "m" else "қызы")


def _female(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин", "ёв")) else surname


def draw_people(n: int, rng: random.Random) -> list[Person]:
    people: list[Person] = []
    weights = [w for _, _, w in TOWNS]
    for pid in range(n):
        kind = rng.choices(("kz", "ru", "korean"), (0.72, 0.2, 0.08))[0]
        sex = "m" if rng.random() < 0.8 else "f"
        father = rng.choice(KZ_MEN if kind == "kz" else RU_MEN)
        if kind == "kz":
            given = rng.choice(KZ_MEN if sex == "m" else KZ_WOMEN)
            surname = surname_of(rng.choices(SURNAME_ROOTS, SURNAME_WEIGHTS)[0])
        elif kind == "ru":
            given = rng.choice(RU_MEN if sex == "m" else RU_WOMEN)
            surname = rng.choices(RU_SURNAMES, RU_SURNAME_WEIGHTS)[0]
        else:
            given = rng.choice(RU_MEN if sex == "m" else RU_WOMEN)
            surname = rng.choice(KOREAN)[0]
        tags = {kind} if kind == "korean" else set()
        if kind == "kz" and rng.random() < 0.2:
            surname, tags = "", {"patr_surname"}
        elif kind == "kz" and rng.random() < 0.15:
            tags = {"father_name"}
        if sex == "f" and kind != "korean" and surname:
            surname = _female(surname)
        age = int(min(75, max(15, rng.gauss(31, 10))))
        birth = date(2022 - age, 1, 1) + timedelta(days=rng.randrange(365))
        day = date(2022, 1, 4) + timedelta(days=rng.choices(range(8), (1, 6, 5, 3, 2, 1, 1, 1))[0])
        town = rng.choices(range(len(TOWNS)), weights)[0]
        people.append(Person(pid, sex, kind, given, father, surname, birth, day, town, tags))
    for p in people:  # namesakes: another person with the same names, another father and age
        if rng.random() < 0.03:
            other = rng.choice(people)
            if other.kind == p.kind and other.sex == p.sex and other is not p:
                p.given, p.surname = other.given, other.surname
                p.tags.add("namesake")
                other.tags.add("namesake")
    return people


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.35:
        return word[:i] + word[i + 1:]
    if op < 0.6:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    letters = "аеиоуынрлстмкбд" if any("а" <= c <= "я" for c in word.lower()) else "aeiounrlstmkbd"
    return word[:i] + rng.choice(letters) + word[i + 1:]
