"""Use cases of multiple systems estimation: how many people are missing from every list.

Every function returns a JSON-ready dict and raises ``EstimateInputError`` (an ``Invalid`` API error and a
ValueError, with a one-line message) on input or settings it cannot use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, cast

import numpy as np
from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.lists import hidden_entry_count, list_entries, list_labels, list_lists
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
    "estimate_over_drawn_links",
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
    people, _, _ = _register_people(reg, principal, page)
    return people, hidden_entry_count(reg, principal)


def _register_people(reg: Register, principal: Principal, page: int = 5000
                     ) -> tuple[dict[str, set[str]], dict[int, str], dict[int, int | None]]:
    """``register_memberships``' people, the person (``p:<id>``, or ``e:<id>`` for an entry linked to
    nobody) of each list entry the reader may see, and each merged person's id to the one it was merged into."""
    with reg.reading() as s:
        merged = dict(s.execute(select(PersonRow.id, PersonRow.merged_into_id).where(
            PersonRow.merged_into_id.is_not(None))).all())
    people: dict[str, set[str]] = {}
    person_of: dict[int, str] = {}
    visible = list_lists(reg, principal)
    labels = list_labels((v["id"], v["name"]) for v in visible)
    for vlist in visible:
        offset = 0
        while True:
            rows = list_entries(reg, principal, vlist["id"], limit=page, offset=offset)
            for entry in rows:
                pid = entry["person_id"]
                key = f"p:{_merged_root(pid, merged)}" if pid else f"e:{entry['id']}"
                person_of[int(entry["id"])] = key
                people.setdefault(key, set()).add(labels[vlist["id"]])
            if len(rows) < page:
                break
            offset += page
    return people, person_of, merged


def _merged_root(pid: int, merged: dict[int, int | None]) -> int:
    """The person that ``pid`` was merged into, through every merge since."""
    while (up := merged.get(pid)) is not None:
        pid = up
    return pid


DRAWN_LINKAGES = 20


@_user_errors
def estimate_over_drawn_links(
    reg: Register,
    principal: Principal,
    draws: int = DRAWN_LINKAGES,
    method: str = "loglinear",
    criterion: str = "bic",
    seed: int = 0,
    **opts: Any,
) -> dict[str, Any]:
    """The estimate over linkages drawn from the merge queue: the register's people as merged, and each
    pending pair the reader may see joining its two with its match probability, ``draws`` times.

    As linked, a pending pair counts as two people, and every true pair not yet decided splits a person in
    two, each on fewer lists, which inflates the estimate; drawn, each pair counts as often as its probability
    says. The pairs under the review floor that the link run kept (``linking.DRAW_FLOOR``) are drawn too; the
    spread over the draws is what the undecided pairs alone allow. Returns the estimate as linked (or why it
    cannot be fitted), one point per draw (people documented and the estimate), their median and 5th-95th
    percentiles, how many pairs were drawn, and how many draws gave no estimate (with the first reason).
    """
    from aqiqat.api.linking import DRAW_FLOOR, visible_queue  # pandas and the linker: loaded only when used
    from aqiqat.linkage.draws import drawn_labels

    if not 1 <= draws <= 1000:
        raise EstimateError(f"draws must be between 1 and 1000, got {draws}")
    people, person_of, merged = _register_people(reg, principal)
    if not people:
        raise EstimateError("the register has no list entries the reader may see")
    keys = list(people)
    number = {key: i for i, key in enumerate(keys)}

    def node(ref: str) -> int | None:
        kind, _, raw = ref.partition(":")
        if kind == "e":
            key = person_of.get(int(raw))  # None: an entry the reader may not see
        elif kind == "p":
            key = f"p:{_merged_root(int(raw), merged)}"
        else:
            return None
        if key is None:
            return None
        if key not in number:  # a person of the register named by no list: joins, counts for none
            number[key] = len(keys)
            keys.append(key)
        return number[key]

    left: list[int] = []
    right: list[int] = []
    chance: list[float] = []
    for pair in visible_queue(reg, principal, status="pending", limit=10**9, floor=DRAW_FLOOR):
        a, b = node(pair["left_ref"]), node(pair["right_ref"])
        if a is not None and b is not None and a != b:
            left.append(a)
            right.append(b)
            chance.append(float(pair["match_probability"] or 0.0))
    lists = sorted({name for named in people.values() for name in named})
    try:
        fitted = estimate_table(from_memberships(cast(Memberships, people), lists), method, criterion, **opts)
        as_linked: dict[str, Any] = {"n_observed": fitted.n_observed, "n_hat": fitted.n_hat,
                                     "interval": list(fitted.interval)}
    except EstimateError as exc:  # e.g. linked, not yet reviewed: no list shares anyone
        as_linked = {"n_observed": len(people), "n_hat": None, "error": str(exc)}
    points: list[dict[str, Any]] = []
    failed: list[str] = []
    for labels in drawn_labels(len(keys), left, right, chance, draws, seed):
        groups: dict[Hashable, set[str]] = {}
        for i, key in enumerate(keys):
            if key in people:
                groups.setdefault(int(labels[i]), set()).update(people[key])
        try:
            result = estimate_table(from_memberships(groups, lists), method, criterion, **opts)
        except EstimateError as exc:
            failed.append(str(exc))
            continue
        points.append({"n_observed": result.n_observed, "n_hat": result.n_hat})
    if not points:
        raise EstimateError(f"no drawn linkage gives an estimate: {failed[0]}")

    def spread(values: list[float]) -> dict[str, float]:
        low, median, high = (float(v) for v in np.percentile(values, [5, 50, 95]))
        return {"median": median, "low": low, "high": high}

    return {"method": method, "lists": lists, "draws": draws, "seed": seed, "pairs_drawn": len(left),
            "as_linked": as_linked, "failed_draws": len(failed), "failure": failed[0] if failed else None,
            "n_hat": spread([p["n_hat"] for p in points]),
            "n_observed": spread([float(p["n_observed"]) for p in points]),
            "points": points, "left_out": hidden_entry_count(reg, principal)}


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
