"""The method dispatch, strata and the linkage-threshold sensitivity."""

from __future__ import annotations

import numpy as np
import pytest

from aqiqat.estimate.methods import estimate_strata, estimate_table
from aqiqat.estimate.patterns import by_stratum, from_memberships
from aqiqat.estimate.result import EstimateError
from aqiqat.estimate.sensitivity import estimates_by_threshold

LISTS = ("МВД", "Правозащитники", "СМИ")


def _people(seed: int, total: int, catch: tuple[float, float, float]) -> dict[str, set[str]]:
    rng = np.random.default_rng(seed)
    caught = rng.random((total, 3)) < np.array(catch)
    return {f"{seed}-{i}": {LISTS[j] for j in range(3) if row[j]} for i, row in enumerate(caught)}


def test_dispatch_and_option_checks() -> None:
    table = from_memberships(_people(1, 1000, (0.4, 0.5, 0.3)))
    result = estimate_table(table, "loglinear", "aic")
    assert result.criterion == "aic" and abs(result.n_hat - 1000) < 120
    with pytest.raises(EstimateError, match="method must be one of"):
        estimate_table(table, "petersen")
    with pytest.raises(EstimateError, match="not used by loglinear: seed"):
        estimate_table(table, "loglinear", seed=3)
    with pytest.raises(EstimateError, match="not used by lcmcr: interactions"):
        estimate_table(table, "lcmcr", interactions=["МВД:СМИ"])


def test_strata_add_up() -> None:
    almaty, taldykorgan = _people(2, 1200, (0.4, 0.5, 0.3)), _people(3, 600, (0.3, 0.3, 0.5))
    region = {pid: "Алматы" for pid in almaty} | {pid: "Талдыкорган" for pid in taldykorgan}
    tables = by_stratum(almaty | taldykorgan, region)
    per_stratum, total = estimate_strata(tables, "loglinear")
    assert set(per_stratum) == {"Алматы", "Талдыкорган"}
    assert per_stratum["Алматы"].stratum == "Алматы"
    assert total.n_hat == pytest.approx(sum(r.n_hat for r in per_stratum.values()))
    assert total.n_observed == sum(t.n_observed for t in tables.values())
    lower, upper = total.interval
    assert upper is not None and lower < 1800 < upper


def test_lcmcr_strata_sum_posterior_draws() -> None:
    people = _people(4, 800, (0.5, 0.5, 0.4)) | _people(5, 500, (0.4, 0.6, 0.5))
    region = {pid: pid.split("-")[0] for pid in people}
    options = {"k": 4, "burn_in": 300, "samples": 100, "thin": 2, "chains": 2, "seed": 9}
    per_stratum, total = estimate_strata(by_stratum(people, region), "lcmcr", **options)
    assert total.method == "lcmcr" and total.interval_kind.startswith("posterior")
    assert total.interval[0] < total.n_hat < (total.interval[1] or 0)
    assert 1100 < total.n_hat < 1550


def test_missed_links_inflate_the_estimate() -> None:
    people = _people(6, 1500, (0.4, 0.5, 0.45))
    lists = list(LISTS)
    # a stricter threshold misses links: every fifth person on two or more lists splits into one record per list
    def split(share: int) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for i, (pid, member_of) in enumerate(people.items()):
            if len(member_of) > 1 and i % share == 0:
                out.update({f"{pid}/{name}": {name} for name in member_of})
            else:
                out[pid] = member_of
        return out

    tables = [(0.99, from_memberships(split(2), lists)), (0.5, from_memberships(people, lists)),
              (0.9, from_memberships(split(5), lists))]
    points = estimates_by_threshold(tables)
    assert [p.threshold for p in points] == [0.5, 0.9, 0.99]
    estimates = [p.result.n_hat for p in points]
    assert estimates[0] < estimates[1] < estimates[2]
    assert abs(estimates[0] - 1500) < 150
    assert points[0].to_dict()["threshold"] == 0.5


def test_thresholds_over_different_lists_are_refused() -> None:
    a = from_memberships({"p1": {"A", "B"}, "p2": {"A"}, "p3": {"B"}})
    b = from_memberships({"p1": {"A", "C"}, "p2": {"A"}, "p3": {"C"}})
    with pytest.raises(EstimateError, match="different lists"):
        estimates_by_threshold([(0.5, a), (0.9, b)])
