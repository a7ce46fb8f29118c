"""The project's synthetic victims set carries the noise of real lists, each row tagged with it."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from aqiqat.linkage.places import place_keys
from aqiqat.linkage.synthetic import synthetic_victims

NOISE = ("typo", "age_off", "date_off", "missing_field", "region", "korean", "anglicised", "patr_surname",
         "father_name", "genitive", "latin2021")


@pytest.fixture(scope="module")
def victims() -> pd.DataFrame:
    frame = synthetic_victims(1500, seed=3)
    return frame.assign(tags=frame.attrs["tags"])


def test_every_noise_type_of_the_issue_appears(victims: pd.DataFrame) -> None:
    counts = Counter(t for tags in victims["tags"] for t in tags.split())
    assert set(NOISE) <= set(counts), counts
    assert counts["typo"] > 0.1 * len(victims)


def test_a_region_row_names_the_region_of_the_persons_town(victims: pd.DataFrame) -> None:
    for _, rows in victims[victims["place"].notna()].groupby("person_id"):
        regions = {place_keys(p)[1] for p in rows["place"]}
        assert len(regions) == 1, rows[["place", "tags"]]


def test_father_name_rows_have_no_surname_and_a_patronymic(victims: pd.DataFrame) -> None:
    rows = victims[victims["tags"].str.contains("father_name") & ~victims["tags"].str.contains("typo")]
    assert len(rows)
    assert rows["name"].str.split().str.len().eq(2).all()
    assert rows["name"].str.contains("ұлы$|қызы$").all()


def test_korean_surnames_take_a_latin_spelling_of_their_own(victims: pd.DataFrame) -> None:
    latin = victims[victims["tags"].str.contains("korean") & (victims["style"] == "latin")]
    assert len(latin)
    assert latin["name"].str.fullmatch(r"[A-Za-z\u00c0-\u024f ]+").all()
