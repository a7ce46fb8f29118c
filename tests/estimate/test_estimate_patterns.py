"""Capture-pattern tables: the reference CSVs, every refusal, and tables built from linked people."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aqiqat.estimate.patterns import (
    PatternError,
    by_stratum,
    from_arrays,
    from_memberships,
    read_patterns_csv,
    write_patterns_csv,
)

MSE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse"


def test_reads_kosovo_integer_table() -> None:
    table = read_patterns_csv(MSE / "kosovo_capture_patterns.csv")
    assert table.lists == ("EXH", "ABA", "OSCE", "HRW")
    assert table.n_observed == 4400
    assert table.list_totals() == {"EXH": 1910, "ABA": 1528, "OSCE": 1786, "HRW": 685}
    assert len(table.counts) == 15


def test_reads_hiv_float_table_with_zero_cells() -> None:
    table = read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")
    assert table.lists == ("c1", "c2", "c3", "c4")
    assert table.n_observed == 1896
    bits, counts = table.full_table()
    assert bits.shape == (15, 4) and counts.sum() == 1896
    assert counts[bits.tolist().index([1, 1, 1, 1])] == 0


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "patterns.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A,B,freq\n1,0,5\n0,2,3\n", "must be 0 or 1"),
        ("A,B,freq\n1,0,5\n1,0,3\n", "duplicate capture patterns"),
        ("A,freq\n1,5\n", "at least 2 list"),
        ("A,B,freq\n1,0,2.5\n", "whole number"),
        ("A,B,freq\n1,0,-2\n", "must not be negative"),
        ("A,B,freq\n0,0,7\n1,0,2\n", "all-zero pattern"),
        ("A,B,count\n1,0,2\n", "no 'freq' column"),
        ("A,B,freq\n1,0\n", "2 fields, expected 3"),
        ("A,B,freq\n1,x,4\n", "is not a number"),
        ("", "empty file"),
        ("A,B,freq\n1,0,0\n0,1,0\n", "counts nobody"),
    ],
)
def test_refuses_bad_tables_with_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PatternError, match=message) as caught:
        read_patterns_csv(_write(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_zero_row_with_zero_freq_is_skipped(tmp_path: Path) -> None:
    table = read_patterns_csv(_write(tmp_path, "A,B,freq\n0,0,0\n1,1,4\n1,0,6\n0,1,3\n"))
    assert table.n_observed == 13 and len(table.counts) == 3


def test_missing_file_is_a_pattern_error(tmp_path: Path) -> None:
    with pytest.raises(PatternError, match="no such file"):
        read_patterns_csv(tmp_path / "absent.csv")


def test_round_trip_through_csv(tmp_path: Path) -> None:
    table = read_patterns_csv(MSE / "kosovo_capture_patterns.csv")
    write_patterns_csv(table, tmp_path / "copy.csv")
    again = read_patterns_csv(tmp_path / "copy.csv")
    assert again.lists == table.lists
    assert np.array_equal(again.full_table()[1], table.full_table()[1])


def test_builds_table_from_linked_people() -> None:
    memberships = {
        "p1": {"Правозащитники", "Список 188"},
        "p2": {"Правозащитники"},
        "p3": {"Список 188", "Список 221"},
        "p4": {"Правозащитники", "Список 188"},
        "p5": set(),  # named only in documents: outside the lists
    }
    table = from_memberships(memberships)
    assert table.lists == ("Правозащитники", "Список 188", "Список 221")
    assert table.n_observed == 4
    rows = {tuple(r[name] for name in table.lists): r["freq"] for r in table.to_rows()}
    assert rows == {(1, 1, 0): 2, (1, 0, 0): 1, (0, 1, 1): 1}


def test_memberships_with_unknown_list_are_refused() -> None:
    with pytest.raises(PatternError, match="not among the given lists: C"):
        from_memberships({"p1": {"A", "C"}, "p2": {"B"}}, lists=["A", "B"])


def test_one_table_per_stratum_over_the_same_lists() -> None:
    memberships = {"p1": {"A", "B"}, "p2": {"A"}, "p3": {"B"}, "p4": {"C"}, "p5": {"A", "C"}}
    region = {"p1": "Алматы", "p2": "Алматы", "p3": "Талдыкорган", "p4": "Талдыкорган", "p5": "Алматы"}
    tables = by_stratum(memberships, region)
    assert sorted(tables) == ["Алматы", "Талдыкорган"]
    assert all(t.lists == ("A", "B", "C") for t in tables.values())
    assert tables["Алматы"].n_observed == 3 and tables["Талдыкорган"].n_observed == 2


def test_stratum_missing_for_a_person_is_refused() -> None:
    with pytest.raises(PatternError, match="1 people have no stratum"):
        by_stratum({"p1": {"A"}, "p2": {"B"}}, {"p1": "2022-01"})


def test_from_arrays_validates() -> None:
    with pytest.raises(PatternError, match="duplicate list names"):
        from_arrays(["A", "A"], [[1, 0]], [3])
