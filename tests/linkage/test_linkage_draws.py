"""People over drawn linkages: each pair joined with its probability."""

from __future__ import annotations

import numpy as np
import pytest

from aqiqat.linkage.draws import drawn_labels, drawn_people


def test_certain_pairs_give_the_count_of_their_groups_every_time() -> None:
    # 0-1-2 one person, 3-4 another, 5 alone
    count = drawn_people(np.ones(6, bool), [0, 1, 3], [1, 2, 4], [1.0, 1.0, 1.0], draws=20)
    assert (count.mean, count.low, count.high) == (3.0, 3, 3)


def test_pairs_of_no_chance_join_nothing() -> None:
    count = drawn_people(np.ones(4, bool), [0, 2], [1, 3], [0.0, 0.0], draws=20)
    assert (count.mean, count.low, count.high) == (4.0, 4, 4)


def test_a_pair_at_one_half_is_one_or_two_people_about_equally() -> None:
    count = drawn_people(np.ones(2, bool), [0], [1], [0.5], draws=4000, seed=3)
    assert count.mean == pytest.approx(1.5, abs=0.03)
    assert (count.low, count.high) == (1, 2)


def test_the_mean_is_the_expected_number_of_groups_on_a_chain() -> None:
    # a chain of 100 records, each link at 0.8: 1 + 99 * 0.2 groups expected
    n = 100
    count = drawn_people(np.ones(n, bool), np.arange(n - 1), np.arange(1, n), np.full(n - 1, 0.8), draws=2000, seed=1)
    assert count.mean == pytest.approx(1 + 99 * 0.2, rel=0.02)
    assert count.low < count.mean < count.high


def test_groups_without_a_counted_record_are_not_people() -> None:
    # records 0, 1 are list entries; 2 is a person of the register joined to both for certain
    counted = np.array([True, True, False, False])
    count = drawn_people(counted, [0, 1], [2, 2], [1.0, 1.0], draws=10)
    assert count.mean == 1.0  # one person; record 3 (not counted, in no pair) is nobody


def test_one_seed_one_answer() -> None:
    args = (np.ones(50, bool), np.arange(49), np.arange(1, 50), np.full(49, 0.6))
    assert drawn_people(*args, seed=7) == drawn_people(*args, seed=7)


@pytest.mark.parametrize(("left", "right", "probability", "message"), [
    ([0], [5], [0.5], "outside"),
    ([0, 1], [1], [0.5], "length"),
])
def test_bad_pairs_are_refused_in_one_line(left: list[int], right: list[int], probability: list[float],
                                           message: str) -> None:
    with pytest.raises(ValueError, match=message):
        drawn_people(np.ones(3, bool), left, right, probability)


def test_drawn_labels_give_each_drawing_its_groups() -> None:
    drawings = list(drawn_labels(4, [0, 2], [1, 3], [1.0, 0.0], draws=3))
    assert len(drawings) == 3
    for labels in drawings:
        assert labels[0] == labels[1] and labels[2] != labels[3] and labels[0] not in (labels[2], labels[3])


def test_drawn_labels_refuse_a_pair_outside_the_records() -> None:
    with pytest.raises(ValueError, match="outside"):
        list(drawn_labels(2, [0], [2], [0.5], draws=1))
