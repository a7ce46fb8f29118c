"""Capture-pattern tables: which lists name each person, and how many people share each pattern.

A table over K lists holds the observed patterns (rows of 0/1, never all zero) and their counts. It is read
from the CSV format of the reference data (one 0/1 column per list plus ``freq``) or built from the
register's linked lists as ``{person_id: {list names}}``, optionally one table per stratum (region, period).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from aqiqat.estimate.result import EstimateError

FREQ_COLUMN = "freq"


class PatternError(EstimateError):
    """A capture-pattern table that cannot be used: the message is one line and says why."""


@dataclass(frozen=True)
class CapturePatterns:
    """Observed capture patterns over named lists.

    ``patterns`` is an (M, K) array of 0/1 (int8), one row per distinct observed pattern, none all zero;
    ``counts`` is the (M,) array of how many people have that pattern (int64, zero allowed).
    """

    lists: tuple[str, ...]
    patterns: npt.NDArray[np.int8]
    counts: npt.NDArray[np.int64]

    def __post_init__(self) -> None:
        validate(self.lists, self.patterns, self.counts)

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def n_observed(self) -> int:
        """The number of documented people (the sum of the counts)."""
        return int(self.counts.sum())

    def list_totals(self) -> dict[str, int]:
        """How many people each list names."""
        totals = (self.patterns.astype(np.int64) * self.counts[:, None]).sum(axis=0)
        return {name: int(t) for name, t in zip(self.lists, totals, strict=True)}

    def full_table(self) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int64]]:
        """All 2^K - 1 observable patterns (lexicographic, first list most significant) and their counts,
        unlisted patterns counted as zero."""
        k = self.n_lists
        codes = np.arange(1, 2**k)
        bits = ((codes[:, None] >> np.arange(k - 1, -1, -1)[None, :]) & 1).astype(np.int8)
        counts = np.zeros(2**k - 1, dtype=np.int64)
        observed = _codes(self.patterns)
        np.add.at(counts, observed - 1, self.counts)
        return bits, counts

    def to_rows(self) -> list[dict[str, int]]:
        """The table as CSV-ready rows (list columns and ``freq``)."""
        rows = []
        for pattern, count in zip(self.patterns, self.counts, strict=True):
            row = {name: int(v) for name, v in zip(self.lists, pattern, strict=True)}
            row[FREQ_COLUMN] = int(count)
            rows.append(row)
        return rows


def _codes(patterns: npt.NDArray[np.int8]) -> npt.NDArray[np.int64]:
    k = patterns.shape[1]
    weights = 2 ** np.arange(k - 1, -1, -1, dtype=np.int64)
    return np.asarray(patterns.astype(np.int64) @ weights, dtype=np.int64)


def validate(lists: Sequence[str], patterns: npt.NDArray[np.int8], counts: npt.NDArray[np.int64]) -> None:
    """Raise PatternError (one line) unless the table is usable."""
    if len(lists) < 2:
        raise PatternError(f"need at least 2 lists to estimate, got {len(lists)}")
    if len(set(lists)) != len(lists):
        raise PatternError(f"duplicate list names: {', '.join(sorted({x for x in lists if lists.count(x) > 1}))}")
    if patterns.ndim != 2 or patterns.shape[1] != len(lists):
        raise PatternError(f"pattern matrix has shape {patterns.shape}, expected (rows, {len(lists)})")
    if counts.shape != (patterns.shape[0],):
        raise PatternError(f"{counts.shape[0]} counts for {patterns.shape[0]} patterns")
    if patterns.size and not np.isin(patterns, (0, 1)).all():
        raise PatternError("patterns must contain only 0 and 1")
    if (counts < 0).any():
        raise PatternError("counts must not be negative")
    if (patterns.sum(axis=1) == 0).any():
        raise PatternError("the all-zero pattern is unobserved by definition and cannot be in the table")
    codes = _codes(patterns)
    if len(np.unique(codes)) != len(codes):
        raise PatternError("duplicate capture patterns in the table")
    if counts.sum() == 0:
        raise PatternError("the table counts nobody")


def from_arrays(lists: Sequence[str], patterns: Iterable[Sequence[int]], counts: Iterable[int]) -> CapturePatterns:
    """A table from plain Python sequences (validated)."""
    pat = np.asarray(list(patterns), dtype=np.int64).reshape(-1, len(lists))
    return CapturePatterns(tuple(lists), pat.astype(np.int8), np.asarray(list(counts), dtype=np.int64))


def _parse_number(text: str, what: str, line: int) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise PatternError(f"line {line}: {what} is not a number: {text!r}") from None
    if not math.isfinite(value):
        raise PatternError(f"line {line}: {what} is not a finite number: {text!r}")
    return value


def read_patterns_csv(path: Path | str) -> CapturePatterns:
    """Read a capture-pattern CSV: one 0/1 (or 0.0/1.0) column per list and an integer ``freq`` column.

    A row whose pattern is all zero is skipped when its freq is zero and refused otherwise.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise PatternError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternError(f"cannot read {path}: {exc}") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise PatternError(f"{path.name}: empty file")
    header = [h.strip() for h in rows[0]]
    if FREQ_COLUMN not in header:
        raise PatternError(f"{path.name}: no '{FREQ_COLUMN}' column (header: {', '.join(header)})")
    if any(not h for h in header):
        raise PatternError(f"{path.name}: a column has no name")
    freq_at = header.index(FREQ_COLUMN)
    lists = [h for i, h in enumerate(header) if i != freq_at]
    patterns: list[list[int]] = []
    counts: list[int] = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise PatternError(f"{path.name} line {line}: {len(row)} fields, expected {len(header)}")
        pattern: list[int] = []
        for i, cell in enumerate(row):
            if i == freq_at:
                continue
            value = _parse_number(cell, f"list {header[i]}", line)
            if value not in (0.0, 1.0):
                raise PatternError(f"{path.name} line {line}: list {header[i]} must be 0 or 1, got {cell.strip()!r}")
            pattern.append(int(value))
        freq = _parse_number(row[freq_at], FREQ_COLUMN, line)
        if freq != int(freq):
            raise PatternError(f"{path.name} line {line}: freq must be a whole number, got {row[freq_at].strip()!r}")
        if freq < 0:
            raise PatternError(f"{path.name} line {line}: freq must not be negative, got {int(freq)}")
        if not any(pattern):
            if freq != 0:
                raise PatternError(
                    f"{path.name} line {line}: the all-zero pattern is unobserved by definition, "
                    f"but its freq is {int(freq)}"
                )
            continue
        patterns.append(pattern)
        counts.append(int(freq))
    if len(lists) < 2:
        raise PatternError(f"{path.name}: need at least 2 list columns besides '{FREQ_COLUMN}', got {len(lists)}")
    if not patterns:
        raise PatternError(f"{path.name}: no capture patterns")
    try:
        return from_arrays(lists, patterns, counts)
    except PatternError as exc:
        raise PatternError(f"{path.name}: {exc}") from None


def write_patterns_csv(table: CapturePatterns, path: Path | str) -> None:
    """Write a table in the same CSV format read_patterns_csv reads."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*table.lists, FREQ_COLUMN])
        writer.writeheader()
        writer.writerows(table.to_rows())


def from_memberships(
    memberships: Mapping[Hashable, Iterable[str]], lists: Sequence[str] | None = None
) -> CapturePatterns:
    """A table from ``{person_id: {list names that name the person}}``.

    ``lists`` fixes the lists and their order (default: every list named, sorted); a list name outside it is
    an error. People on no list are not counted (they are outside the capture experiment).
    """
    sets = {pid: frozenset(names) for pid, names in memberships.items()}
    seen = sorted(set().union(*sets.values())) if sets else []
    names = list(lists) if lists is not None else seen
    unknown = sorted(set(seen) - set(names))
    if unknown:
        raise PatternError(f"list(s) not among the given lists: {', '.join(map(str, unknown))}")
    index = {name: i for i, name in enumerate(names)}
    if len(names) < 2:
        raise PatternError(f"need at least 2 lists to estimate, got {len(names)}")
    tally: dict[tuple[int, ...], int] = {}
    for member_of in sets.values():
        if not member_of:
            continue
        row = [0] * len(names)
        for name in member_of:
            row[index[name]] = 1
        key = tuple(row)
        tally[key] = tally.get(key, 0) + 1
    if not tally:
        raise PatternError("nobody is on any list")
    keys = sorted(tally, reverse=True)
    return from_arrays(names, keys, [tally[k] for k in keys])


def by_stratum(
    memberships: Mapping[Hashable, Iterable[str]],
    stratum_of: Mapping[Hashable, Hashable],
    lists: Sequence[str] | None = None,
) -> dict[str, CapturePatterns]:
    """One table per stratum (e.g. region or period): ``stratum_of[person_id]`` names the stratum.

    Every stratum uses the same lists (the given ones, or all lists named anywhere) so strata are comparable.
    """
    missing = [pid for pid in memberships if pid not in stratum_of]
    if missing:
        raise PatternError(f"{len(missing)} people have no stratum, e.g. {missing[0]!r}")
    names = list(lists) if lists is not None else sorted(set().union(*map(set, memberships.values())))
    groups: dict[str, dict[Hashable, Iterable[str]]] = {}
    for pid, member_of in memberships.items():
        groups.setdefault(str(stratum_of[pid]), {})[pid] = member_of
    tables: dict[str, CapturePatterns] = {}
    for stratum in sorted(groups):
        try:
            tables[stratum] = from_memberships(groups[stratum], names)
        except PatternError as exc:
            raise PatternError(f"stratum {stratum}: {exc}") from None
    return tables
