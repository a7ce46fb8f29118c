"""Turn plain rows of people (from lists and documents) into the columns the victims model reads."""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

import pandas as pd

from aqiqat.domain.enums import Sex
from aqiqat.linkage.names import NameKey, name_key
from aqiqat.linkage.translit import skeleton

INPUT_COLUMNS = ("unique_id", "source", "name", "age", "birth_year", "sex", "event_date", "place")
_SEX = {"male": "m", "m": "m", "м": "m", "муж": "m", "мужской": "m", "female": "f", "f": "f", "ж": "f",
        "жен": "f", "женский": "f"}
_PLACE_NOISE = {"г", "гор", "город", "с", "село", "пос", "п", "аул", "обл", "область", "р", "район",
                "city", "town", "village", "region", "oblast", "district", "kala", "kalasi", "kalasy",
                "auil", "audan", "audani", "облысы", "қаласы", "ауданы", "ауылы"}
_PLACE_TOKEN = re.compile(r"[^\W\d_]+")
_EPOCH = date(1970, 1, 1)


class RecordsError(ValueError):
    """Records the linker cannot read (one line)."""


def place_key(place: Any) -> str | None:
    """``г. Талдыкорган``, ``Taldykorgan``, ``Талдықорған қаласы`` → ``taldikorgan``."""
    if not isinstance(place, str) or not place.strip():
        return None
    words = [w for w in _PLACE_TOKEN.findall(place.lower()) if w not in _PLACE_NOISE]
    key = skeleton("".join(words))
    return key or None


_VOWEL_RUN = re.compile(r"[aeiou]+")
_CASE_ENDING = re.compile(r"(?:om|em|oi|ei|iu|ia|u|a|e|i)$")


def given_stem(given_key: str) -> str:
    """A given-name key without a case ending, for names the dictionary does not know
    (``erlana``, ``erlanu``, ``erlanom`` → ``erlan``)."""
    stem = _CASE_ENDING.sub("", given_key)
    return stem if len(stem) >= 3 else given_key


def name_block(surname_key: str, given_key: str) -> str | None:
    """A blocking key that survives one typo or a vowel spelt differently in either name, and
    names in either order: the first four consonants of each key, sorted (``nurgalev`` +
    ``erlan`` → ``nrgl rln``)."""
    if not surname_key or not given_key:
        return None
    return " ".join(sorted((_VOWEL_RUN.sub("", surname_key)[:4], _VOWEL_RUN.sub("", given_key)[:4])))


def _sex(value: Any, hint: Sex) -> str | None:
    if isinstance(value, Sex):
        value = value.value
    if isinstance(value, str) and value.strip().lower() in _SEX:
        return _SEX[value.strip().lower()]
    return {Sex.MALE: "m", Sex.FEMALE: "f"}.get(hint)


PARALLEL_FROM = 20_000


def name_keys(names: list[str], workers: int | None = None) -> list[NameKey]:
    """``name_key`` of each name; unique names only, in worker processes when there are many."""
    unique = list(dict.fromkeys(names))
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if len(unique) < PARALLEL_FROM or workers < 2:
        table = {n: name_key(n) for n in unique}
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            table = dict(zip(unique, pool.map(name_key, unique, chunksize=2000), strict=True))
    return [table[n] for n in names]


def prepare_victims(records: pd.DataFrame) -> pd.DataFrame:
    """Add name keys, an estimated birth year, day/month numbers of the event and a place key."""
    if "unique_id" not in records.columns or "name" not in records.columns:
        raise RecordsError("records need at least the columns unique_id and name")
    df = pd.DataFrame({c: records[c] if c in records.columns else None for c in INPUT_COLUMNS})
    df = df.reset_index(drop=True)
    names = df["name"].fillna("").astype(str)
    keys = name_keys(names.tolist())
    df["name"] = names
    df["source"] = df["source"].fillna("").astype(str)
    df["surname_key"] = [k.surname_key or None for k in keys]
    df["given_key"] = [k.given_key or None for k in keys]
    df["patronymic_key"] = [k.patronymic_key or None for k in keys]
    df["full_key"] = [k.full_key or None for k in keys]
    for col in ("surname", "given"):
        df[f"{col}_count"] = df.groupby(f"{col}_key", dropna=False)[f"{col}_key"].transform("size").astype("int32")
    df["surname_prefix"] = df["surname_key"].str[:2]
    df["given_initial"] = df["given_key"].str[:1]
    df["given_stem"] = [given_stem(k.given_key) or None for k in keys]
    df["name_block"] = [name_block(k.surname_key, k.given_key) for k in keys]
    df["sex"] = [_sex(v, k.sex_hint) for v, k in zip(df["sex"], keys, strict=True)]

    when = pd.to_datetime(df["event_date"], errors="coerce")
    days = (when - pd.Timestamp(_EPOCH)).dt.days
    df["event_day"] = days.astype("Int64")
    df["event_month"] = when.dt.strftime("%Y-%m").where(when.notna(), None)
    event_year = when.dt.year
    reference = float(event_year.median()) if event_year.notna().any() else float(date.today().year)
    age = pd.to_numeric(df["age"], errors="coerce")
    birth = pd.to_numeric(df["birth_year"], errors="coerce")
    from_age = event_year.fillna(reference) - age
    df["birth_year_est"] = birth.where(birth.notna(), from_age).round().astype("Int64")
    df["place_key"] = [place_key(p) for p in df["place"]]
    df = df.drop(columns=["age", "birth_year", "event_date"])
    return df
