"""Use cases of multiple systems estimation: how many people are missing from every list.

Every function returns a JSON-ready dict and raises ``EstimateInputError`` (an ``Invalid`` API error and a
ValueError, with a one-line message) on input or settings it cannot use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.lists import hidden_entry_count, list_entries, list_lists
from aqiqat.api.register import Register
from aqiqat.estimate.methods import METHODS, estimate_strata, estimate_table
from aqiqat.estimate.patterns import CapturePatterns, by_stratum, from_memberships, read_patterns_csv
from aqiqat.estimate.result import EstimateError
from aqiqat.estimate.sensitivity import estimates_by_threshold, headline_outside
from aqiqat.store.tables import PersonRow

__all__ = [
    "METHODS",
    "EstimateInputError",
    "estimate_from_memberships",
    "estimate_from_patterns",
    "estimate_sensitivity",
    "headline_outside",
    "read_patterns",
    "register_memberships",
]

Memberships = Mapping[Hashable, Iterable[str]]
P = ParamSpec("P")
R = TypeVar("R")


class EstimateInputError(Invalid, ValueError):
    """A capture-pattern table, membership map or setting the estimate cannot use."""


def _user_errors(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except EstimateError as exc:
            raise EstimateInputError(str(exc)) from None
        except TypeError as exc:  # an option name no method knows
            raise EstimateInputError(str(exc).splitlines()[0]) from None

    return wrapper


def register_memberships(reg: Register, principal: Principal, page: int = 5000) -> tuple[dict[str, set[str]], int]:
    """The register's people as ``principal`` may see them, each with the lists that name them (people as
    merged in the merge queue; an entry linked to nobody is a person of its own), and how many list rows
    were left out because the reader may not see them."""
    with reg.reading() as s:
        merged = dict(s.execute(select(PersonRow.id, PersonRow.merged_into_id).where(
            PersonRow.merged_into_id.is_not(None))).all())
    people: dict[str, set[str]] = {}
    for vlist in list_lists(reg, principal):
        offset = 0
        while True:
            rows = list_entries(reg, principal, vlist["id"], limit=page, offset=offset)
            for entry in rows:
                pid = entry["person_id"]
                while pid in merged:
                    pid = merged[pid]
                people.setdefault(f"p:{pid}" if pid else f"e:{entry['id']}", set()).add(vlist["name"])
            if len(rows) < page:
                break
            offset += page
    return people, hidden_entry_count(reg, principal)


@_user_errors
def read_patterns(path: Path | str) -> dict[str, Any]:
    """The capture-pattern table of a CSV file: lists, rows, people documented and per-list totals."""
    table = read_patterns_csv(path)
    return _table_summary(table)


def _table_summary(table: CapturePatterns) -> dict[str, Any]:
    return {
        "lists": list(table.lists),
        "n_observed": table.n_observed,
        "list_totals": table.list_totals(),
        "patterns": table.to_rows(),
    }


@_user_errors
def estimate_from_patterns(
    path: Path | str, method: str = "loglinear", criterion: str = "bic", **opts: Any
) -> dict[str, Any]:
    """Estimate the total from a capture-pattern CSV (one 0/1 column per list plus ``freq``).

    ``method`` is "loglinear" (options: interactions, level, max_models) or "lcmcr" (options: k, a_alpha,
    b_alpha, burn_in, samples, thin, chains, seed, level); ``criterion`` ("aic" or "bic") picks the
    log-linear model.
    """
    table = read_patterns_csv(path)
    result = estimate_table(table, method, criterion, **opts).to_dict()
    result["source"] = str(path)
    return result


@_user_errors
def estimate_from_memberships(
    memberships: Memberships,
    method: str = "loglinear",
    criterion: str = "bic",
    lists: Sequence[str] | None = None,
    strata: Mapping[Hashable, Hashable] | None = None,
    **opts: Any,
) -> dict[str, Any]:
    """Estimate from the register's linked lists: ``{person_id: {names of the lists that name them}}``.

    With ``strata`` (``{person_id: region or period}``) every stratum is estimated on its own and the
    result holds ``strata`` (one estimate each) and ``total`` (their sum); otherwise it is one estimate.
    """
    if strata is None:
        table = from_memberships(memberships, lists)
        return {**estimate_table(table, method, criterion, **opts).to_dict(), "table": _table_summary(table)}
    tables = by_stratum(memberships, strata, lists)
    per_stratum, total = estimate_strata(tables, method, criterion, **opts)
    return {
        "strata": {name: result.to_dict() for name, result in per_stratum.items()},
        "total": total.to_dict(),
    }


@_user_errors
def estimate_sensitivity(
    linked: Sequence[tuple[float, Memberships | CapturePatterns]],
    method: str = "loglinear",
    criterion: str = "bic",
    lists: Sequence[str] | None = None,
    **opts: Any,
) -> dict[str, Any]:
    """How the estimate moves with the linkage threshold: one estimate per (threshold, linked people or
    table), in threshold order. Memberships at every threshold are tabulated over the same lists."""
    if not linked:
        raise EstimateError("no thresholds given")  # becomes EstimateInputError
    names = list(lists) if lists is not None else _all_lists(linked)
    tables = [
        (threshold, item if isinstance(item, CapturePatterns) else from_memberships(item, names))
        for threshold, item in linked
    ]
    points = estimates_by_threshold(tables, method, criterion, **opts)
    return {
        "method": method,
        "points": [p.to_dict() for p in points],
        "n_hat_range": [min(p.result.n_hat for p in points), max(p.result.n_hat for p in points)],
    }


def _all_lists(linked: Sequence[tuple[float, Memberships | CapturePatterns]]) -> list[str]:
    names: set[str] = set()
    for _, item in linked:
        if isinstance(item, CapturePatterns):
            names.update(item.lists)
        else:
            for member_of in item.values():
                names.update(member_of)
    return sorted(names)
