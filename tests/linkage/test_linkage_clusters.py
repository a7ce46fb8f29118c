"""Clusters from scored pairs: one list's two people stay apart however long the chain between them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aqiqat.linkage.clusters import (
    EXACT_UP_TO,
    cluster_at,
    exclusive_probabilities,
    matching_marginals,
    matching_propagation,
)


def _pairs(rows: list[tuple[str, str, float, str, str, str, str, object, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id_l", "id_r", "match_probability", "source_l", "source_r",
                                       "full_key_l", "full_key_r", "birth_year_est_l", "birth_year_est_r"])


def test_a_list_with_two_birth_years_splits_the_chain_at_its_weakest_pair() -> None:
    # a1 (born 1990) — b1 — c1 — a2 (born 1991): lists a, b, c; the weakest pair is c1-a2
    pairs = _pairs([
        ("a1", "b1", 0.99, "a", "b", "erlan nurgalev", "erlan nurgalev", 1990, None),
        ("b1", "c1", 0.98, "b", "c", "erlan nurgalev", "erlan nurgalev", None, None),
        ("c1", "a2", 0.95, "c", "a", "erlan nurgalev", "erlan nurgalev", None, 1991),
    ])
    clusters = cluster_at(pairs, 0.9)
    assert clusters["a1"] == clusters["b1"] == clusters["c1"] != clusters["a2"]


def test_entries_without_a_birth_year_join_either_side() -> None:
    pairs = _pairs([
        ("a1", "b1", 0.99, "a", "b", "erlan nurgalev", "erlan nurgalev", 1990, None),
        ("b1", "b2", 0.97, "b", "b", "erlan nurgalev", "erlan nurgalev", None, 1990),
    ])
    clusters = cluster_at(pairs, 0.9)
    assert len(set(clusters.values())) == 1


def test_a_long_chain_keeps_each_lists_people_apart() -> None:
    # 2,000 entries of list "b" chained through one entry of list "a" each: two people of list "a"
    # (different name keys) at the two ends never share a cluster
    rows = [(f"b{i}", f"b{i + 1}", 0.95, "b", "b", "k", "k", None, None) for i in range(2000)]
    rows[1000] = ("b1000", "b1001", 0.91, "b", "b", "k", "k", None, None)
    rows += [("a0", "b0", 0.99, "a", "b", "k", "k", None, None),
             ("a1", "b2000", 0.99, "a", "b", "other", "k", None, None)]
    clusters = cluster_at(_pairs(rows), 0.9)
    assert clusters["a0"] != clusters["a1"]


# (pairs: id_l, id_r, source_l, source_r, probability scored alone) -> probability of each pair given
# that each list names a person once
RIVALS = [
    # one candidate in the other list: unchanged
    ([("a1", "b1", "ngo", "media", 0.95)], [0.95]),
    # two namesakes on one list both fit a1: they cannot both be a1, so neither is likely
    ([("a1", "b1", "ngo", "media", 0.95), ("a1", "b2", "ngo", "media", 0.95)], [19 / 39, 19 / 39]),
    # a strong candidate and a weak one: the strong one keeps most of its probability
    ([("a1", "b1", "ngo", "media", 0.999), ("a1", "b2", "ngo", "media", 0.5)], [999 / 1001, 1 / 1001]),
    # candidates on two different lists are no rivals (a person is on many lists)
    ([("a1", "b1", "ngo", "media", 0.95), ("a1", "c1", "ngo", "english", 0.95)], [0.95, 0.95]),
    # the rival may be on the other side: b1's candidates in list ngo
    ([("a1", "b1", "ngo", "media", 0.95), ("a2", "b1", "ngo", "media", 0.95)], [19 / 39, 19 / 39]),
    # documents may name a person many times, and two rows of one list are scored as they are
    ([("a1", "d1", "ngo", "documents", 0.95), ("a1", "d2", "ngo", "documents", 0.95),
      ("a1", "a2", "ngo", "ngo", 0.6)], [0.95, 0.95, 0.6]),
]


@pytest.mark.parametrize(("rows", "expected"), RIVALS)
def test_rivals_in_one_list_share_the_probability(rows: list[tuple[str, str, str, str, float]],
                                                  expected: list[float]) -> None:
    pairs = pd.DataFrame(rows, columns=["id_l", "id_r", "source_l", "source_r", "match_probability"])
    assert exclusive_probabilities(pairs) == pytest.approx(expected, rel=1e-9)


# Candidate pairs between two lists (entry of list x, entry of list y, probability scored alone) ->
# each pair's probability given that each list names a person once. A rival that is itself another
# entry's likely match takes little («Ахметов Ерлан» A of list x fits B1 and B2 of list y, but B2
# is A2, the other Ахметов Ерлан of x); a lone rival takes its full share.
RIVALS = [
    ([("A", "B1", 0.95), ("A", "B2", 0.90), ("A2", "B2", 0.99)], [0.946, 0.004, 0.986]),
    ([("A", "B1", 0.95), ("A", "B2", 0.90)], [0.655, 0.310]),
    ([("A", "B1", 0.95)], [0.95]),
    # two namesakes on each list: (9 + 81) / (1 + 4 * 9 + 2 * 81)
    ([("A", "B1", 0.90), ("A", "B2", 0.90), ("A2", "B1", 0.90), ("A2", "B2", 0.90)], [0.452] * 4),
]


@pytest.mark.parametrize(("rows", "expected"), RIVALS)
def test_a_rival_that_is_another_entrys_match_takes_little(rows: list[tuple[str, str, float]],
                                                             expected: list[float]) -> None:
    pairs = pd.DataFrame({"id_l": [r[0] for r in rows], "id_r": [r[1] for r in rows], "source_l": "x",
                          "source_r": "y", "match_probability": [r[2] for r in rows]})
    assert exclusive_probabilities(pairs).tolist() == pytest.approx(expected, abs=0.001)


# Larger groups (more than EXACT_UP_TO pairs) are weighed by belief propagation: exact where the group
# has no cycle. A chain of namesakes between two long lists: A0-B0, B0-A1, A1-B1, ... each pair at
# the given probability; and a star of one entry against many namesakes.
def _chain(probabilities: list[float]) -> list[tuple[int, int, float]]:
    return [(i // 2 + (i % 2), 100 + i // 2, pr) for i, pr in enumerate(probabilities)]


CHAINS = [
    [0.95, 0.6, 0.95, 0.6, 0.95, 0.6, 0.95, 0.6, 0.95, 0.6, 0.95],
    [0.5, 0.99, 0.3, 0.8, 0.9, 0.2, 0.97, 0.7, 0.6, 0.95, 0.4, 0.85],
    [0.9] * 10,
]


@pytest.mark.parametrize("probabilities", CHAINS)
def test_propagation_is_exact_on_a_group_without_cycles(probabilities: list[float]) -> None:
    edges = _chain(probabilities)
    odds = np.array([pr / (1 - pr) for *_, pr in edges])
    exact = matching_marginals([(u, v) for u, v, _ in edges], odds.tolist())
    propagated = matching_propagation(np.array([u for u, _, _ in edges]), np.array([v for _, v, _ in edges]), odds)
    assert propagated.tolist() == pytest.approx(exact, abs=1e-6)


def test_a_large_group_of_pairs_is_weighed_through_its_matchings() -> None:
    # eleven pairs in one chain between lists x and y: more than exact enumeration takes, so propagated
    rows = [(f"x{u}", f"y{v}", pr) for u, v, pr in _chain(CHAINS[0])]
    pairs = pd.DataFrame({"id_l": [r[0] for r in rows], "id_r": [r[1] for r in rows], "source_l": "x",
                          "source_r": "y", "match_probability": [r[2] for r in rows]})
    assert len(pairs) > EXACT_UP_TO
    exact = matching_marginals([(int(r[0][1:]), 1000 + int(r[1][1:])) for r in rows],
                               [r[2] / (1 - r[2]) for r in rows])
    got = exclusive_probabilities(pairs)
    assert got.tolist() == pytest.approx(exact, abs=1e-6)
    # the strong pairs keep most of their probability: their rivals are the weak links between them
    assert min(got[::2]) > 0.85 and max(got[1::2]) < 0.2


def test_propagation_with_cycles_stays_near_the_exact_marginals() -> None:
    # three namesakes on each list, every pair possible (a complete 3 x 3 group: nine pairs, cycles)
    rng = np.random.default_rng(7)
    edges = [(u, 10 + v) for u in range(3) for v in range(3)]
    odds = rng.uniform(0.5, 30.0, size=len(edges))
    exact = matching_marginals(edges, odds.tolist())
    propagated = matching_propagation(np.array([u for u, _ in edges]), np.array([v for _, v in edges]), odds)
    assert propagated.tolist() == pytest.approx(exact, abs=0.1)  # the Bethe approximation: 0.08 here
    assert (propagated > 0).all() and (propagated < 1).all()


def test_a_certain_pair_and_its_rivals_give_finite_probabilities() -> None:
    # odds of 1e15 beside small ones: the others' sum is taken as all minus one's own, never below 0
    odds = np.array([1e15, 0.5, 0.5, 1e15, 0.2, 3.0, 1e15, 0.1, 0.4, 2.0])
    left = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
    right = np.array([10, 11, 11, 12, 12, 13, 13, 14, 14, 15])
    got = matching_propagation(left, right, odds)
    assert np.isfinite(got).all() and ((got >= 0) & (got <= 1)).all()
    assert got[[0, 3, 6]].min() > 0.999


def test_propagation_sums_over_an_entrys_pairs_on_either_side() -> None:
    # the chain of the test above with every other pair written the other way round (id_l from list
    # y): an entry is the left end of one pair and the right end of the next
    rows = [(f"x{u}", f"y{v}", pr) for u, v, pr in _chain(CHAINS[1])]
    flipped = [(r[1], r[0], r[2]) if i % 2 else r for i, r in enumerate(rows)]
    pairs = pd.DataFrame({"id_l": [r[0] for r in flipped], "id_r": [r[1] for r in flipped],
                          "source_l": [r[0][0] for r in flipped], "source_r": [r[1][0] for r in flipped],
                          "match_probability": [r[2] for r in flipped]})
    exact = matching_marginals([(int(r[0][1:]), 1000 + int(r[1][1:])) for r in rows],
                               [r[2] / (1 - r[2]) for r in rows])
    assert exclusive_probabilities(pairs).tolist() == pytest.approx(exact, abs=1e-6)
