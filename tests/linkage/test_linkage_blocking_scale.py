"""Blocking at scale: typo neighbours listed on the rarer side, large blocks left out; tables of pairs."""

from __future__ import annotations

import pandas as pd
import pytest

from aqiqat.linkage.linker import capped_blocks
from aqiqat.linkage.model import ModelSpec
from aqiqat.linkage.records import typo_neighbours

# (key, rows, key, rows, one typo apart): a letter changed, dropped, added, two swapped; not two edits
TYPO_PAIRS = [
    ("ivonov", 1, "ivanov", 50, True),
    ("ivnov", 1, "ivanov", 50, True),
    ("ivannov", 2, "ivanov", 50, True),
    ("ivnaov", 1, "ivanov", 50, True),
    ("vanov", 1, "ivanov", 50, True),  # at the head, where the consonant heads differ
    ("erjan", 20, "erlan", 60, True),  # two names: the comparison tells them apart, not the block
    ("ivanenko", 1, "ivanov", 50, False),
    ("petrov", 40, "ivanov", 50, False),
    ("erzhan", 20, "erlan", 60, False),
    ("kim", 1, "lim", 5, False),  # keys under four letters drop no letter
    # a letter dropped between two alike, merged by the key: «Сааргалиева», «Еенбаков», «Аамат»
    ("sargalev", 1, "sapargalev", 30, True),
    ("enbakov", 1, "esenbakov", 30, True),
    ("amat", 1, "azamat", 80, True),
    ("sargalev", 1, "sapargulov", 30, False),  # two edits besides
]


@pytest.mark.parametrize(("rare", "n_rare", "common", "n_common", "near"), TYPO_PAIRS)
def test_typo_neighbours_are_listed_on_the_rarer_side_only(rare: str, n_rare: int, common: str, n_common: int,
                                                            near: bool) -> None:
    for counts in ({rare: n_rare, common: n_common}, {common: n_common, rare: n_rare}):
        listed = typo_neighbours(counts)
        assert (common in listed.get(rare, ())) is near
        assert rare not in listed.get(common, ())


def test_typo_neighbours_of_equal_counts_are_listed_on_both_sides() -> None:
    # neither is the rarer: a row with a typo in each name («Безату Ежрарову», «Ержаров Бекзат», each
    # written once) meets the other through both its lists only if each lists the other
    listed = typo_neighbours({"nurlan": 3, "nurlam": 3, "ejrarov": 1, "erjarov": 1})
    assert listed == {"nurlam": ("nurlan",), "nurlan": ("nurlam",), "ejrarov": ("erjarov",),
                      "erjarov": ("ejrarov",)}


SPEC = ModelSpec(comparisons=(), blocking=(("a",), ("a", "b"), ("c=a",)), training=(), deterministic=(), block_cap=2)
ROWS = pd.DataFrame({
    "unique_id": [1, 2, 3, 4, 5, 6, 7],
    "a": ["x", "x", "x", "y", "y", None, "z"],
    "b": [1, 1, None, 2, 2, 3, 3],
    "c": ["y", None, None, None, None, None, "x"],
})
# (id, id, rule, meet): a block of three is left out, of two kept, a missing value meets nothing
CAPPED = [
    (1, 2, 0, False),  # a = x in three rows: over the cap
    (4, 5, 0, True),
    (1, 2, 1, True),  # (x, 1) in two rows
    (1, 3, 1, False),  # b missing
    (4, 5, 1, True),
    (6, 7, 1, False),  # a missing
]


@pytest.mark.parametrize(("left", "right", "rule", "meet"), CAPPED)
def test_blocks_over_the_cap_are_left_out_of_their_rule(left: int, right: int, rule: int, meet: bool) -> None:
    table, spec = capped_blocks(ROWS, SPEC)
    column = spec.blocking[rule][0]
    assert spec.blocking[rule] == (column,) and column not in ROWS.columns
    row = table.set_index("unique_id")[column]
    for l_id, r_id in ((left, right), (right, left)):
        together = bool(pd.notna(row[l_id]) and pd.notna(row[r_id]) and row[l_id] == row[r_id])
        assert together is meet
    assert list(ROWS.columns) == ["unique_id", "a", "b", "c"]  # the caller's frame is left alone


# (left id, right id, meet) for the rule c=a: the left row's c is the right row's a
CAPPED_ACROSS = [
    (1, 4, True),  # c = y, and a = y in two rows
    (1, 5, True),
    (7, 1, False),  # c = x, but a = x in three rows: over the cap
    (4, 1, False),  # the rule is one way round: row 4 has no c
    (6, 2, False),
]


@pytest.mark.parametrize(("left", "right", "meet"), CAPPED_ACROSS)
def test_a_rule_across_columns_gets_a_number_on_each_side(left: int, right: int, meet: bool) -> None:
    table, spec = capped_blocks(ROWS, SPEC)
    assert spec.blocking[2] == ("block_2_l=block_2_r",)
    rows = table.set_index("unique_id")
    l_key, r_key = rows.at[left, "block_2_l"], rows.at[right, "block_2_r"]
    assert bool(pd.notna(l_key) and pd.notna(r_key) and l_key == r_key) is meet


def test_a_rule_with_its_own_cap_leaves_out_smaller_blocks() -> None:
    spec = ModelSpec(comparisons=(), blocking=(("a",), ("a", "b")), training=(), deterministic=(), block_cap=3,
                     rule_caps=((("a", "b"), 1),))
    table, capped = capped_blocks(ROWS, spec)
    rows = table.set_index("unique_id")
    general, own = capped.blocking[0][0], capped.blocking[1][0]
    assert rows.at[1, general] == rows.at[2, general]  # a = x in three rows: within the general cap
    assert pd.isna(rows.at[1, own]) and pd.isna(rows.at[2, own])  # (x, 1) in two rows: over its own cap


def test_without_a_cap_the_rules_are_unchanged() -> None:
    spec = ModelSpec(comparisons=(), blocking=(("a",),), training=(), deterministic=())
    table, same = capped_blocks(ROWS, spec)
    assert same is spec and table is ROWS
