"""A synthetic set of Russian and Kazakh victims on five lists, with the truth known.

``synthetic_victims(n_people, seed)`` draws people (Kazakh and Russian names, sex, age, a date in
January 2022, a town in Kazakhstan; some in families sharing surname, town and date), then puts each
on each of five lists with that list's capture probability (times a per-person visibility, so the
overlaps are realistic for multiple systems estimation). Each list writes names its own way:

- ``ru``: Russian spelling, surname first, often a patronymic, age;
- ``kz``: Kazakh spelling (қ, ә, ұ, ...), Kazakh patronymic ``-ұлы``/``-қызы``, birth year;
- ``latin``: Latin letters in a scheme drawn per row (BGN, ICAO 9303, GOST R 52535, ISO 9,
  Kazakh Latin 2018 and 2021, informal), given name first;
- ``press``: case forms from news text («Ерланом Нургалиевым», «Айгерим Тлеубаевой»);
- ``swapped``: Russian spelling, given name first, birth year.

Then the noise of real lists: typos (one word in eight, two words in thirty), age and date off by one,
missing fields, a town written with its region or the region alone, Korean-Kazakh surnames in their
Latin spellings, Russian given names in English form, surnames that are patronymics («Исламқызы
Гүлнар», «Gulnar Islamkyzy»), and a person named by the father's name alone in the Kazakh list
(«Дәурен Нұрланұлы» against «Ибраев Даурен Нурланович»). Deterministic for a seed. People on no list are
not in the frame; ``frame.attrs["people_total"]`` keeps how many were drawn, ``frame.attrs["tags"]``
the noise of each row (space-separated pattern names, "" for none).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypeVar

import pandas as pd

from aqiqat.linkage.name_pools import (
    ENGLISH_FORMS,
    KOREAN_SURNAMES,
    KZ_FEMALE,
    KZ_MALE,
    KZ_PREFIX,
    KZ_ROOTS,
    KZ_SUFFIX,
    RU_FEMALE,
    RU_MALE,
    RU_SURNAMES,
)
from aqiqat.linkage.translit import KAZAKH_FOLD

PLACES = (  # (Kazakh, Russian, Latin) forms; the first are the most frequent
    ("Алматы", "Алматы", "Almaty"), ("Талдықорған", "Талдыкорган", "Taldykorgan"),
    ("Шымкент", "Шымкент", "Shymkent"), ("Тараз", "Тараз", "Taraz"),
    ("Қызылорда", "Кызылорда", "Kyzylorda"), ("Ақтөбе", "Актобе", "Aktobe"),
    ("Жаңаөзен", "Жанаозен", "Zhanaozen"), ("Ақтау", "Актау", "Aktau"), ("Атырау", "Атырау", "Atyrau"),
    ("Қостанай", "Костанай", "Kostanay"), ("Қарағанды", "Караганда", "Karaganda"),
    ("Семей", "Семей", "Semey"), ("Павлодар", "Павлодар", "Pavlodar"), ("Түркістан", "Туркестан", "Turkistan"),
    ("Есік", "Есик", "Esik"), ("Қаскелең", "Каскелен", "Kaskelen"), ("Текелі", "Текели", "Tekeli"),
)
_ALMATY_OBL = ("Алматы облысы", "Алматинская обл.", "Almaty Region")
REGIONS = {  # the region of each town in PLACES (Kazakh, Russian, Latin); cities of republican rank have none
    "Талдықорған": _ALMATY_OBL, "Есік": _ALMATY_OBL, "Қаскелең": _ALMATY_OBL, "Текелі": _ALMATY_OBL,
    "Тараз": ("Жамбыл облысы", "Жамбылская обл.", "Zhambyl Region"),
    "Қызылорда": ("Қызылорда облысы", "Кызылординская обл.", "Kyzylorda Region"),
    "Ақтөбе": ("Ақтөбе облысы", "Актюбинская обл.", "Aktobe Region"),
    "Жаңаөзен": ("Маңғыстау облысы", "Мангистауская обл.", "Mangystau Region"),
    "Ақтау": ("Маңғыстау облысы", "Мангистауская обл.", "Mangystau Region"),
    "Атырау": ("Атырау облысы", "Атырауская обл.", "Atyrau Region"),
    "Қостанай": ("Қостанай облысы", "Костанайская обл.", "Kostanay Region"),
    "Қарағанды": ("Қарағанды облысы", "Карагандинская обл.", "Karaganda Region"),
    "Семей": ("Абай облысы", "Восточно-Казахстанская обл.", "East Kazakhstan Region"),
    "Павлодар": ("Павлодар облысы", "Павлодарская обл.", "Pavlodar Region"),
    "Түркістан": ("Түркістан облысы", "Туркестанская обл.", "Turkistan Region"),
}
LISTS = (("ru", 0.55), ("kz", 0.40), ("latin", 0.30), ("press", 0.25), ("swapped", 0.20))

_BASE = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
         "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ь": "", "ъ": "", "э": "e"}
SCHEMES: dict[str, dict[str, str]] = {
    "bgn": {**_BASE, "е": "e", "ё": "yo", "ж": "zh", "и": "i", "й": "y", "х": "kh", "ц": "ts", "ч": "ch",
            "ш": "sh", "щ": "shch", "ы": "y", "ю": "yu", "я": "ya"},
    "icao": {**_BASE, "е": "e", "ё": "e", "ж": "zh", "и": "i", "й": "i", "х": "kh", "ц": "ts", "ч": "ch",
             "ш": "sh", "щ": "shch", "ы": "y", "ъ": "ie", "ю": "iu", "я": "ia"},
    "gost52535": {**_BASE, "е": "e", "ё": "e", "ж": "zh", "и": "i", "й": "i", "х": "kh", "ц": "tc",
                  "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "ю": "iu", "я": "ia"},
    "iso9": {**_BASE, "е": "e", "ё": "ë", "ж": "ž", "и": "i", "й": "j", "х": "h", "ц": "c", "ч": "č",
             "ш": "š", "щ": "ŝ", "ы": "y", "ю": "ju", "я": "ja"},
    "kz2021": {**_BASE, "е": "e", "ж": "j", "и": "i", "й": "i", "х": "h", "ц": "ts", "ч": "ç", "ш": "ş",
               "щ": "ş", "ы": "ı", "ю": "iu", "я": "ia", "ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö",
               "ұ": "ū", "ү": "ü", "һ": "h", "і": "i"},
    "kz2018": {**_BASE, "е": "e", "ж": "j", "и": "i", "й": "i", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
               "щ": "sh", "ы": "y", "ю": "iu", "я": "ia", "ә": "á", "ғ": "ǵ", "қ": "q", "ң": "ń", "ө": "ó",
               "ұ": "u", "ү": "ú", "у": "ý", "һ": "h", "і": "i"},
    "informal": {**_BASE, "е": "e", "ё": "e", "ж": "j", "и": "i", "й": "i", "х": "h", "ц": "ts", "ч": "ch",
                 "ш": "sh", "щ": "sh", "ы": "y", "ю": "yu", "я": "ya"},
}
_KAZAKH_SCHEMES = ("kz2021", "kz2018")
_VOWELS = set("аеёиоуыэюяәөұүі")


def russian(text: str) -> str:
    """The Russian spelling of a Kazakh name: Kazakh letters folded, capitals kept."""
    return "".join(c.lower().translate(KAZAKH_FOLD).upper() if c.isupper()
                   else c.translate(KAZAKH_FOLD) for c in text)


def transliterate(text: str, scheme: str) -> str:
    table = SCHEMES[scheme]
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        latin = table.get(low, low)
        if low == "е" and scheme in ("bgn", "informal") and (i == 0 or text[i - 1].lower() in _VOWELS):
            latin = "ye"
        if scheme == "informal" and low in "сн" and i + 1 < len(text) and text[i + 1].lower() in _VOWELS \
                and i > 0 and text[i - 1].lower() in "аоы" and len(text) > 5 and i < 3:
            latin += latin  # Kassym, Assel
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def surname_of(root: str) -> str:
    if root.endswith(("й", "и", "і")):
        return (root[:-1] if root.endswith("й") else root) + "ев"
    return root + ("ев" if root[-1] in "жшщчц" else "ов")


def feminine(surname: str) -> str:
    if surname.endswith("ұлы"):
        return surname[:-3] + "қызы"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


_CASES_M = {"ов": ("ову", "овым", "ова"), "ев": ("еву", "евым", "ева"), "ин": ("ину", "иным", "ина")}
_CASES_F = {"ова": ("овой", "овой", "ову"), "ева": ("евой", "евой", "еву"), "ина": ("иной", "иной", "ину")}


def inflect(surname: str, given: str, female: bool, rng: random.Random) -> str:
    """A case form as in press text: dative, instrumental or accusative/genitive."""
    case = rng.randrange(3)
    table = _CASES_F if female else _CASES_M
    for end, forms in table.items():
        if surname.endswith(end):
            surname = surname[: -len(end)] + forms[case]
            break
    if not female and given[-1] not in _VOWELS and given[-1] not in "йь":
        given += ("у", "ом", "а")[case]
    return f"{given} {surname}"


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    letters = "аеиоунрслтк" if word[i].lower() in "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі" else "aeiounrslk"
    return word[:i] + rng.choice(letters) + word[i + 1:]


T = TypeVar("T")


def _zipf_choice(rng: random.Random, items: Sequence[T], s: float = 0.8) -> T:
    weights = _zipf_weights(len(items), s)
    return rng.choices(items, cum_weights=weights)[0]


_ZIPF: dict[tuple[int, float], list[float]] = {}


def _zipf_weights(n: int, s: float) -> list[float]:
    if (n, s) not in _ZIPF:
        acc, out = 0.0, []
        for k in range(1, n + 1):
            acc += 1.0 / k**s
            out.append(acc)
        _ZIPF[(n, s)] = out
    return _ZIPF[(n, s)]


def _kz_roots() -> list[str]:
    combined = [p + s for p in KZ_PREFIX for s in KZ_SUFFIX]
    return list(dict.fromkeys([*KZ_ROOTS, *(c.capitalize() for c in combined)]))


def synthetic_victims(n_people: int, seed: int = 1) -> pd.DataFrame:
    """Rows for ``link_records`` plus ``person_id`` (the truth) and ``style`` (the list's spelling)."""
    rng = random.Random(seed)
    roots = _kz_roots()
    korean = tuple(KOREAN_SURNAMES)
    rows: list[dict[str, object]] = []
    tags: list[str] = []
    person = 0
    while person < n_people:
        # One person, or two or three siblings: same surname, father, day and town; different given names.
        family = rng.choices((1, 2, 3), weights=(90, 6, 4))[0]
        origin = rng.random()
        kazakh = origin < 0.86
        if kazakh:
            surname_m = surname_of(_zipf_choice(rng, roots, 0.3))
        else:
            surname_m = _zipf_choice(rng, korean, 0.6) if origin < 0.90 else _zipf_choice(rng, RU_SURNAMES, 0.4)
        day = date(2022, 1, 4) + timedelta(days=min(int(rng.expovariate(0.45)), 26))
        place = _zipf_choice(rng, PLACES, 1.1)
        father = _zipf_choice(rng, KZ_MALE if kazakh else RU_MALE, 0.6)
        if kazakh and rng.random() < 0.05:  # a surname made of the patronymic: «Исламқызы», «Нұрланұлы»
            surname_m = father + "ұлы"
        taken: set[str] = set()
        for _ in range(family):
            female = rng.random() < 0.22
            pool = (KZ_FEMALE if female else KZ_MALE) if kazakh else (RU_FEMALE if female else RU_MALE)
            given = _zipf_choice(rng, pool, 0.5 if kazakh else 0.7)
            while given in taken:
                given = _zipf_choice(rng, pool, 0.5 if kazakh else 0.7)
            taken.add(given)
            age = min(75, max(14, int(rng.gauss(33, 11))))
            visibility = rng.lognormvariate(0.0, 0.5)
            for list_no, (style, p) in enumerate(LISTS):
                if rng.random() < min(0.95, p * visibility):
                    row, tag = _row(rng, person, list_no, style, surname_m, given, father, female, kazakh,
                                    age, day, place)
                    rows.append(row)
                    tags.append(tag)
            person += 1
    frame = pd.DataFrame(rows)
    frame.insert(0, "unique_id", range(len(frame)))
    frame.attrs["people_total"] = n_people
    frame.attrs["tags"] = tags
    return frame


def _row(rng: random.Random, person: int, list_no: int, style: str, surname_m: str, given: str, father: str,
         female: bool, kazakh: bool, age: int, day: date, place: tuple[str, str, str]
         ) -> tuple[dict[str, object], str]:
    tags: list[str] = []
    surname_kz = feminine(surname_m) if female else surname_m
    surname, given_ru, father_ru = russian(surname_kz), russian(given), russian(father)
    patronymic_surname = surname_m.endswith("ұлы")
    if patronymic_surname:
        tags.append("patr_surname")
    if surname_m in KOREAN_SURNAMES:
        tags.append("korean")
    if style == "ru":
        patronymic = russian(_patronymic_ru(father_ru, female)) if rng.random() < 0.5 else ""
        name = " ".join(p for p in (surname, given_ru, patronymic) if p)
    elif style == "kz":
        by_father = kazakh and not patronymic_surname and rng.random() < 0.12
        patronymic = (father + ("қызы" if female else "ұлы") if by_father else
                      (father + (" қызы" if female else " ұлы")) if kazakh and rng.random() < 0.4 else "")
        if by_father:  # «Дәурен Нұрланұлы»: the father's name stands for the surname
            tags.append("father_name")
        name = " ".join(p for p in ("" if by_father else surname_kz if kazakh else surname,
                                    given if kazakh else given_ru, patronymic) if p)
    elif style == "latin":
        scheme = rng.choice(tuple(SCHEMES))
        source = (surname_kz, given) if kazakh and scheme in _KAZAKH_SCHEMES else (surname, given_ru)
        first, last = transliterate(source[1], scheme), transliterate(source[0], scheme)
        if surname_m in KOREAN_SURNAMES:
            last = rng.choice(KOREAN_SURNAMES[surname_m])
        if given_ru in ENGLISH_FORMS and rng.random() < 0.5:
            first = rng.choice(ENGLISH_FORMS[given_ru])
            tags.append("anglicised")
        if scheme == "kz2021":
            tags.append("latin2021")
        name = f"{first} {last}"
    elif style == "press":
        name = inflect(surname, given_ru, female, rng)
        tags.append("genitive")
    else:
        name = f"{given_ru} {surname}"
    for _ in range(2 if rng.random() < 0.03 else 1 if rng.random() < 0.12 else 0):
        words = name.split()
        k = rng.randrange(len(words))
        words[k] = typo(words[k], rng)
        name = " ".join(words)
        tags.append("typo")
    shown_age = age + (rng.choice((-1, 1)) if rng.random() < 0.12 else 0)
    when = day + timedelta(days=rng.choice((-1, 1, 2))) if rng.random() < 0.15 else day
    if shown_age != age:
        tags.append("age_off")
    if when != day:
        tags.append("date_off")
    uses_birth_year = style in ("kz", "swapped")
    place_text = _place_text(rng, style, place, tags)
    row: dict[str, object] = {
        "source": f"list_{list_no + 1}_{style}",
        "name": name,
        "age": None if uses_birth_year or rng.random() < 0.25 else shown_age,
        "birth_year": 2022 - age - rng.choice((0, 0, 1)) if uses_birth_year and rng.random() > 0.2 else None,
        "sex": None if rng.random() < 0.35 else ("female" if female else "male"),
        "event_date": None if rng.random() < 0.12 else when,
        "place": None if rng.random() < 0.12 else place_text,
        "person_id": person,
        "style": style,
    }
    if row["event_date"] is None or row["place"] is None or (row["age"] is None and row["birth_year"] is None):
        tags.append("missing_field")
    return row, " ".join(tags)


def _place_text(rng: random.Random, style: str, place: tuple[str, str, str], tags: list[str]) -> str:
    """The town as the list writes it: alone, after «г.», with its region, or the region alone."""
    region = REGIONS.get(place[0])
    column = 2 if style == "latin" else 0 if style == "kz" else 1
    town = place[column]
    draw = rng.random()
    if region is not None and draw < 0.06:
        tags.append("region")
        return region[column]
    if region is not None and draw < 0.2:
        tags.append("region")
        return (f"{region[1]}, г. {town}" if column == 1 else f"{region[0]}, {town} қ." if column == 0
                else f"{town}, {region[2]}")
    if style == "ru" and draw < 0.45:
        return "г. " + town
    return town


def _patronymic_ru(father: str, female: bool) -> str:
    stem = father[:-1] + "е" if father.endswith("й") else father
    if father.endswith("й"):
        return stem + ("вна" if female else "вич")
    return stem + ("овна" if female else "ович")


def pairwise_scores(clusters: dict[object, object], truth: dict[object, object]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of predicted clusters against true clusters (same ids)."""
    frame = pd.DataFrame({"pred": [clusters[i] for i in truth], "true": list(truth.values())})

    def pairs(groups: pd.Series) -> int:
        sizes = groups.to_numpy()
        return int((sizes * (sizes - 1) // 2).sum())

    both = pairs(frame.groupby(["pred", "true"]).size())
    predicted = pairs(frame.groupby("pred").size())
    actual = pairs(frame.groupby("true").size())
    precision = both / predicted if predicted else 1.0
    recall = both / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": actual, "predicted_pairs": predicted}
