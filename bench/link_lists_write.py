"""Rows of each list of the independent generator (bench/link_lists_gen.py), written as CSV files."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from link_lists_gen import (
    _KZ_TO_RU,
    CAPTURE,
    LATIN_2021,
    PASSPORT,
    Person,
    _patronymic_kz,
    _patronymic_ru,
    draw_people,
    english,
    latin,
    typo,
)
from link_lists_pools import ANGLICISED, KOREAN, REGIONS, TOWNS

HEADERS = {
    "ngo_ru": (["№", "ФИО", "Возраст", "Дата гибели", "Место"], "name=ФИО,age=Возраст,date=Дата гибели,place=Место"),
    "media_kz": (["Аты-жөні", "Жасы", "Күні", "Қала"], "name=Аты-жөні,age=Жасы,date=Күні,place=Қала"),
    "english": (["Name", "Age", "Date of death", "City"], "name=Name,age=Age,date=Date of death,place=City"),
    "official": (["ФАМИЛИЯ", "ИМЯ", "ОТЧЕСТВО", "ГОД РОЖДЕНИЯ", "МЕСТО"],
                 "surname=ФАМИЛИЯ,given_name=ИМЯ,patronymic=ОТЧЕСТВО,birth_year=ГОД РОЖДЕНИЯ,place=МЕСТО"),
}
RU_MONTHS = "января"


def _age(p: Person, day: date) -> int:
    return day.year - p.birth.year - ((day.month, day.day) < (p.birth.month, p.birth.day))


def _genitive_ru(word: str, sex: str, part: str) -> str:
    if part == "patronymic":
        return word + "а" if word.endswith("ич") else word[:-1] + "ы"
    if sex == "f":
        if part == "surname" and word.endswith(("ова", "ева", "ина")):
            return word[:-1] + "ой"
        if word.endswith("я"):
            return word[:-1] + "и"
        if word.endswith("а"):
            return word[:-1] + ("и" if word[-2] in "гкхжчшщ" else "ы")
        return word
    if word.endswith("й"):
        return word[:-1] + "я"
    if word.endswith(("ь",)):
        return word[:-1] + "я"
    if word[-1] in "аеиоуыэюя" or part == "surname" and not word.endswith(("ов", "ев", "ин", "ёв")):
        return word
    return word + "а"


class Writer:
    """Writes one person's row on one list, with the noise of that list; tags name the patterns."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def noisy(self, words: list[str], tags: set[str]) -> list[str]:
        """One row in ten has a typo in one of its words, one in thirty has two."""
        words = list(words)
        r = self.rng.random()
        edits = 1 if r < 0.10 else 2 if r < 0.13 else 0
        for _ in range(edits):
            i = self.rng.randrange(len(words))
            if len(words[i]) >= 4:
                tags.add("typo")
                words[i] = typo(words[i], self.rng)
        return words

    def age(self, p: Person, tags: set[str], missing: float) -> int | None:
        if self.rng.random() < missing:
            tags.add("missing_field")
            return None
        a = _age(p, p.day)
        if self.rng.random() < 0.12:
            tags.add("age_off")
            a += self.rng.choice((-1, 1))
        return a

    def day(self, p: Person, tags: set[str], missing: float) -> date | None:
        if self.rng.random() < missing:
            tags.add("missing_field")
            return None
        if self.rng.random() < 0.1:
            tags.add("date_off")
            return p.day + timedelta(days=self.rng.choice((-1, 1)))
        return p.day

    def place(self, p: Person, form: int, tags: set[str], missing: float) -> tuple[str, str]:
        """(town, region) in the list's script form; '' when missing."""
        if self.rng.random() < missing:
            tags.add("missing_field")
            return "", ""
        names, region, _ = TOWNS[p.town]
        return names[form], REGIONS[region][form]

    def ngo_ru(self, p: Person, tags: set[str]) -> list[str]:
        given = p.given.translate(_KZ_TO_RU)
        surname = p.surname.translate(_KZ_TO_RU)
        patr = _patronymic_ru(p.father, p.sex) if self.rng.random() < 0.75 else ""
        if not surname:  # a patronymic surname, in Russian letters
            surname, patr = _patronymic_kz(p.father, p.sex).translate(_KZ_TO_RU), ""
        parts = [(surname, "surname"), (given, "given"), (patr, "patronymic")]
        if self.rng.random() < 0.1 and "patr_surname" not in p.tags:
            tags.add("genitive")
            parts = [(_genitive_ru(w, p.sex, part), part) for w, part in parts if w]
        name = " ".join(self.noisy([w for w, _ in parts if w], tags))
        age = self.age(p, tags, 0.2)
        day = self.day(p, tags, 0.1)
        town, region = self.place(p, 1, tags, 0.1)
        if town and region and self.rng.random() < 0.35:
            tags.add("region")
            place = f"{region}, г. {town}"
        else:
            place = f"г. {town}" if town and self.rng.random() < 0.5 else town
        age_text = "" if age is None else (f"{age} года" if self.rng.random() < 0.3 else str(age))
        day_text = "" if day is None else (f"{day.day} {RU_MONTHS} {day.year} г." if self.rng.random() < 0.4
                                           else day.strftime("%d.%m.%Y"))
        return [name, age_text, day_text, place]

    def media_kz(self, p: Person, tags: set[str]) -> list[str]:
        surname = p.surname
        if not surname or ("father_name" in p.tags and self.rng.random() < 0.8) or \
                (p.kind == "kz" and self.rng.random() < 0.1):
            surname = _patronymic_kz(p.father, p.sex)
        words = [p.given, surname] if self.rng.random() < 0.6 else [surname, p.given]
        name = " ".join(self.noisy(words, tags))
        age = self.age(p, tags, 0.35)
        day = self.day(p, tags, 0.15)
        town, region = self.place(p, 0, tags, 0.15)
        if town and region and self.rng.random() < 0.25:
            tags.add("region")
            town = f"{region}, {town} қ."
        age_text = "" if age is None else (f"{age} жаста" if self.rng.random() < 0.4 else str(age))
        day_text = "" if day is None else (f"{day.day} қаңтар {day.year}" if self.rng.random() < 0.5
                                           else f"{day.year} жылғы {day.day} қаңтар")
        return [name, age_text, day_text, town]

    def english(self, p: Person, tags: set[str]) -> list[str]:
        r = self.rng.random()
        surname = p.surname or _patronymic_kz(p.father, p.sex)
        if p.kind == "korean":
            k = next(k for k in KOREAN if k[0] == p.surname)
            sur = k[2] if r < 0.6 else k[1]
            giv = ANGLICISED.get(p.given, latin(p.given, PASSPORT)) if r < 0.6 else latin(p.given, PASSPORT)
        elif p.kind == "kz" and r < 0.3:
            tags.add("latin2021")
            sur, giv = latin(surname, LATIN_2021), latin(p.given, LATIN_2021)
        elif r < 0.65:
            tags.add("anglicised")
            sur, giv = english(surname), ANGLICISED.get(p.given, english(p.given))
        else:
            sur, giv = latin(surname, PASSPORT), latin(p.given, PASSPORT)
        name = " ".join(self.noisy([giv, sur], tags))
        age = self.age(p, tags, 0.3)
        day = self.day(p, tags, 0.2)
        town, _ = self.place(p, 3, tags, 0.2)
        fmt = self.rng.choice(("%b %d, %Y", "%B %d, %Y", "%Y-%m-%d"))
        day_text = "" if day is None else day.strftime(fmt).replace(" 0", " ")
        return [name, "" if age is None else str(age), day_text, town]

    def official(self, p: Person, tags: set[str]) -> list[str]:
        surname = (p.surname or _patronymic_kz(p.father, p.sex)).translate(_KZ_TO_RU)
        patr = "" if not p.surname else _patronymic_ru(p.father, p.sex)
        words = self.noisy([surname, p.given.translate(_KZ_TO_RU), patr or "-"], tags)
        cells = [w.upper() if w != "-" else "" for w in words]
        year = "" if self.rng.random() < 0.05 else str(p.birth.year + (self.rng.choice((-1, 1))
                                                                      if self.rng.random() < 0.05 else 0))
        if not year:
            tags.add("missing_field")
        town, region = self.place(p, 1, tags, 0.05)
        if region and self.rng.random() < 0.2:
            tags.add("region")
            place = region.upper()
        elif region:
            tags.add("region")
            place = f"{region}, г. {town}".upper()
        else:
            place = f"Г. {town}".upper() if town else ""
        return [*cells, year, place]


def write_lists(n_people: int, lists: tuple[str, ...], seed: int, out: Path) -> dict[str, object]:
    """Draw people, write one CSV per list and truth.csv (list, row, person, tags); return a summary."""
    rng = random.Random(seed)
    people = draw_people(n_people, rng)
    writer = Writer(rng)
    out.mkdir(parents=True, exist_ok=True)
    truth = []
    for name in lists:
        headers, _ = HEADERS[name]
        rows = []
        for p in people:
            if rng.random() >= CAPTURE[name]:
                continue
            tags = set(p.tags)
            cells = getattr(writer, name)(p, tags)
            if name == "ngo_ru":
                cells = [str(len(rows) + 1), *cells]
            rows.append(cells)
            truth.append((name, len(rows) + 1, p.pid, " ".join(sorted(tags))))
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=";" if name == "ngo_ru" else ",")
            w.writerow(headers)
            w.writerows(rows)
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["list", "row", "person", "tags"])
        w.writerows(truth)
    return {"people_drawn": n_people, "entries": len(truth), "people_listed": len({t[2] for t in truth})}
