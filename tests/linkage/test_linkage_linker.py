"""Linking a few hundred synthetic victims with Splink on DuckDB (and on Spark in local mode)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest

from aqiqat.linkage.linker import LinkageError, LinkResult, cluster_at, link_records
from aqiqat.linkage.records import place_key, prepare_victims
from aqiqat.linkage.synthetic import pairwise_scores, synthetic_victims

PEOPLE = 250


@pytest.fixture(scope="module")
def victims() -> pd.DataFrame:
    return synthetic_victims(PEOPLE, seed=11)


@pytest.fixture(scope="module")
def linked(victims: pd.DataFrame) -> LinkResult:
    return link_records(victims.drop(columns=["person_id", "style"]), threshold=0.9, max_pairs=2e5)


def test_synthetic_set_is_deterministic_and_has_five_list_styles(victims: pd.DataFrame) -> None:
    again = synthetic_victims(PEOPLE, seed=11)
    pd.testing.assert_frame_equal(victims, again)
    assert set(victims["style"]) == {"ru", "kz", "latin", "press", "swapped"}
    counts = victims["source"].value_counts()
    assert counts.max() > 2 * counts.min()  # capture probabilities differ by list
    per_person = victims.groupby("person_id").size()
    assert per_person.min() >= 1 and per_person.max() <= 5
    assert victims["person_id"].nunique() < PEOPLE  # some people are on no list


def test_linking_synthetic_victims_reaches_cluster_f1(victims: pd.DataFrame, linked: LinkResult) -> None:
    truth = dict(zip(victims["unique_id"], victims["person_id"], strict=True))
    scores = pairwise_scores(linked.clusters, truth)
    assert scores["f1"] >= 0.9, scores
    assert set(linked.clusters) == set(victims["unique_id"])


def test_pairs_show_the_weight_of_each_field(linked: LinkResult) -> None:
    pairs = linked.pairs
    for column in ("id_l", "id_r", "match_probability", "match_weight", "name_l", "name_r", "source_l",
                   "surname_level", "surname_label", "surname_weight", "surname_bf", "place_weight",
                   "birth_year_label", "event_date_bf"):
        assert column in pairs.columns
    top = pairs.iloc[0]
    assert top["match_probability"] >= 0.99
    fields = [c[: -len("_weight")] for c in pairs.columns if c.endswith("_weight") and c != "match_weight"]
    assert set(fields) == set(linked.levels)
    assert pairs["match_probability"].is_monotonic_decreasing
    assert linked.levels["surname"][-1] == "missing"


def test_cluster_at_moves_with_the_threshold(linked: LinkResult) -> None:
    loose = cluster_at(linked.pairs, 0.3)
    strict = cluster_at(linked.pairs, 0.999)
    assert len(set(loose.values())) < len(set(strict.values()))
    assert cluster_at(linked.pairs, linked.threshold) == {k: v for k, v in linked.clusters.items() if k in loose}


def test_one_person_in_several_spellings_is_one_cluster() -> None:
    rows = pd.DataFrame([
        {"unique_id": "a", "source": "ngo", "name": "Нургалиев Ерлан Касымович", "age": 34,
         "sex": "male", "event_date": date(2022, 1, 5), "place": "г. Талдыкорган"},
        {"unique_id": "b", "source": "kz", "name": "Нұрғалиев Ерлан Қасымұлы", "birth_year": 1987,
         "event_date": date(2022, 1, 5), "place": "Талдықорған"},
        {"unique_id": "c", "source": "press", "name": "Yerlan Nurgaliyev", "age": 34,
         "event_date": date(2022, 1, 6), "place": "Taldykorgan"},
        {"unique_id": "d", "source": "ngo", "name": "Тлеубаева Айгерим", "age": 27, "sex": "female",
         "event_date": date(2022, 1, 7), "place": "Алматы"},
        {"unique_id": "e", "source": "press", "name": "Aigerim Tleubayeva", "age": 27,
         "event_date": date(2022, 1, 7), "place": "Almaty"},
    ])
    background = synthetic_victims(120, seed=2).drop(columns=["person_id", "style"])
    background["unique_id"] = background["unique_id"].map(lambda i: f"s{i}")
    result = link_records(pd.concat([rows, background], ignore_index=True), max_pairs=1e5)
    clusters = result.clusters
    assert clusters["a"] == clusters["b"] == clusters["c"]
    assert clusters["d"] == clusters["e"] != clusters["a"]


def test_predict_narrowed_to_the_scores_gives_the_same_pairs(victims: pd.DataFrame, linked: LinkResult,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The predict table holds only the scores and the retained columns are joined to the pairs kept
    (``linker._narrow_predict_api``); Splink's own wide predict table gives the same pairs, weights
    and clusters."""
    from splink import DuckDBAPI

    from aqiqat.linkage import linker

    narrowed: list[str] = []
    joined = linker._with_retained_sql
    monkeypatch.setattr(linker, "_with_retained_sql", lambda *a: narrowed.append(a[0]) or joined(*a))
    records = victims.drop(columns=["person_id", "style"])
    narrow = link_records(records, threshold=0.9, max_pairs=2e5, model=linked.model)
    assert len(narrowed) == 1 and narrowed[0].startswith("__splink__df_predict_")  # Splink's name for it
    monkeypatch.setattr(linker, "_narrow_predict_api", lambda: DuckDBAPI)
    wide = link_records(records, threshold=0.9, max_pairs=2e5, model=linked.model)
    assert len(narrowed) == 1
    pd.testing.assert_frame_equal(narrow.pairs, wide.pairs)
    pd.testing.assert_frame_equal(narrow.pairs, linked.pairs)
    assert narrow.clusters == wide.clusters == linked.clusters


def test_prepared_columns() -> None:
    frame = prepare_victims(pd.DataFrame([
        {"unique_id": 1, "name": "Ерланом Нургалиевым", "age": 34, "event_date": "2022-01-05",
         "place": "Талдықорған қаласы"},
    ]))
    row = frame.iloc[0]
    assert row["surname_key"] == "nurgalev" and row["given_key"] == "erlan" and row["sex"] == "m"
    # 34 on 5 January 2022: born in 1987 unless the birthday fell on 1-5 January
    assert row["birth_year_est"] == 1987 and row["event_month"] == "2022-01"
    assert place_key("г. Талдыкорган") == place_key("Taldykorgan") == row["place_key"]
    assert row["region_key"] == "almati_obl"
    later = prepare_victims(pd.DataFrame([{"unique_id": 1, "name": "Нургалиев Ерлан", "age": 34,
                                           "event_date": "2022-08-01"}]))
    assert later.iloc[0]["birth_year_est"] == 1988


def test_bad_input_is_one_clear_error() -> None:
    with pytest.raises(LinkageError, match="unknown engine"):
        link_records(pd.DataFrame({"unique_id": [1], "name": ["Ким"]}), engine="oracle")
    with pytest.raises(LinkageError, match="not unique"):
        link_records(pd.DataFrame({"unique_id": [1, 1], "name": ["Ким", "Цой"]}))
    with pytest.raises(ValueError, match="unique_id and name"):
        link_records(pd.DataFrame({"id": [1]}))


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    from aqiqat.linkage.linker import local_spark_session

    spark = local_spark_session(cores=2, memory="1g", partitions=2)
    yield spark
    spark.stop()


@pytest.mark.slow
def test_spark_local_mode_agrees_with_duckdb(spark_session: Any) -> None:
    """The model trained on DuckDB scores the same records on Spark (every comparison level in
    Spark SQL); clusters agree."""
    small = synthetic_victims(60, seed=11)
    records = small.drop(columns=["person_id", "style"])
    duck = link_records(records, threshold=0.9, max_pairs=2e5)
    spark = link_records(records, engine="spark", threshold=0.9, spark_session=spark_session, model=duck.model)
    assert spark.engine == "spark" and "train_u" not in spark.timings
    both = duck.pairs.merge(spark.pairs, on=["id_l", "id_r"], suffixes=("_duck", "_spark"))
    assert len(both) >= 0.98 * max(len(duck.pairs), len(spark.pairs)) and len(both) > 20
    assert (both["match_probability_duck"] - both["match_probability_spark"]).abs().max() < 1e-6
    assert (both["surname_level_duck"] == both["surname_level_spark"]).all()
    truth = dict(zip(small["unique_id"], small["person_id"], strict=True))
    assert pairwise_scores(spark.clusters, truth)["f1"] >= 0.9
    assert spark.clusters == duck.clusters


def test_one_list_never_names_two_people_in_one_cluster() -> None:
    """A weak pair that would chain two entries of one list (different names) into one person is
    the link dropped; people from documents may repeat."""
    pairs = pd.DataFrame({
        "id_l": ["a", "b", "a", "d"], "id_r": ["c", "c", "b", "e"],
        "match_probability": [0.99, 0.93, 0.95, 0.97],
        "source_l": ["ngo", "ngo", "ngo", "documents"], "source_r": ["press", "press", "ngo", "documents"],
        "full_key_l": ["erlan nurgalev", "erjan nurgalev", "erlan nurgalev", "nurgalev", ],
        "full_key_r": ["erlan nurgalev", "erlan nurgalev", "erjan nurgalev", "erlan nurgalev"],
    })
    kept = cluster_at(pairs, 0.9)
    assert kept["a"] == kept["c"] != kept["b"]  # a-c strongest; b (same list as a) stays apart
    assert kept["d"] == kept["e"]
    loose = cluster_at(pairs, 0.9, lists_name_once=False)
    assert loose["a"] == loose["b"] == loose["c"]


def test_typo_tolerant_keys() -> None:
    from aqiqat.linkage.records import given_stem, name_block

    assert given_stem("erlana") == given_stem("erlanu") == given_stem("erlanom") == "erlan"
    assert given_stem("aigerim") == "aigerim"
    # one typo, a vowel spelt otherwise, or the order swapped: same block
    assert name_block("nurgalev", "erlan") == name_block("nurgaliev", "erlan") == name_block("erlan", "nurgalev")
    assert name_block("nurgalev", "") is None


# (pairs certain to match, pairs with no evidence either way, the deterministic rules' prior) ->
# the prior the scores give among 10,000 pairs: the certain ones, plus the prior's share of the rest
PRIORS = [
    (10, 0, 0.0015, 0.001),
    (10, 0, 0.00001, 0.00002),  # at most twice the first estimate
    (10, 0, 0.0007, 0.001),
    (0, 100, 0.001, 0.001 / 2),  # no pair that matches for sure: down, as far as allowed
]


@pytest.mark.parametrize(("certain", "even", "prior", "expected"), PRIORS)
def test_prior_from_scores(certain: int, even: int, prior: float, expected: float) -> None:
    from aqiqat.linkage.linker import prior_from_scores

    logit = float(np.log2(prior / (1 - prior)))
    weights = np.array([logit + 60.0] * certain + [logit] * even)
    assert prior_from_scores(weights, prior, 10_000) == pytest.approx(expected, rel=0.02)
