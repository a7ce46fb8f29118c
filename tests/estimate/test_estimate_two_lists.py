"""Two lists: Chapman's Lincoln-Petersen estimate checked against a table computed by hand; LCMCR refused."""

from __future__ import annotations

import math

import pytest

from aqiqat.estimate.methods import estimate_table
from aqiqat.estimate.patterns import from_arrays
from aqiqat.estimate.result import EstimateError
from aqiqat.estimate.sensitivity import estimates_by_threshold

# The example: 12 people on each list, 3 on both (Lincoln-Petersen 12 x 12 / 3 = 48).
TABLE = from_arrays(["МВД", "Правозащитники"], [[1, 0], [0, 1], [1, 1]], [9, 9, 3])

# By hand, n1 = n2 = 12, m = 3, n = 21 documented:
#   Chapman N = (n1 + 1)(n2 + 1) / (m + 1) - 1 = 13 * 13 / 4 - 1 = 41.25
#   Seber's variance (n1 + 1)(n2 + 1)(n1 - m)(n2 - m) / ((m + 1)^2 (m + 2)) = 13 * 13 * 9 * 9 / (16 * 5) = 171.1125
#   Chao's log-normal interval for the unseen f0 = 41.25 - 21 = 20.25:
#     C = exp(1.959964 * sqrt(log(1 + 171.1125 / 20.25^2))) = exp(1.959964 * 0.590557) = 3.18185
#     21 + 20.25 / C = 27.364 to 21 + 20.25 * C = 85.432
HAND_N, HAND_VAR, HAND_LOW, HAND_HIGH = 41.25, 171.1125, 27.364, 85.432


def test_two_lists_give_chapman_with_its_interval() -> None:
    result = estimate_table(TABLE, "loglinear")
    assert result.method == "chapman"
    assert result.n_hat == pytest.approx(HAND_N)
    assert result.se == pytest.approx(math.sqrt(HAND_VAR))
    lower, upper = result.interval
    assert lower == pytest.approx(HAND_LOW, abs=0.01) and upper == pytest.approx(HAND_HIGH, abs=0.01)
    assert result.diagnostics["lincoln_petersen"] == pytest.approx(48.0)
    assert result.diagnostics["overlap"] == 3 and result.n_observed == 21


def test_two_lists_say_dependence_cannot_be_tested() -> None:
    result = estimate_table(TABLE, "loglinear")
    assert result.diagnostics["dependence_testable"] is False
    assert any("cannot test" in w and "dependence" in w for w in result.diagnostics["warnings"])


def test_two_lists_with_no_overlap_warn_that_the_estimate_is_unreliable() -> None:
    result = estimate_table(from_arrays(["A", "B"], [[1, 0], [0, 1]], [5, 4]), "loglinear")
    assert result.n_hat == pytest.approx(6 * 5 / 1 - 1)
    assert any("nobody is on both lists" in w for w in result.diagnostics["warnings"])


def test_lcmcr_is_refused_below_three_lists() -> None:
    with pytest.raises(EstimateError, match="at least three lists"):
        estimate_table(TABLE, "lcmcr", seed=1)


def test_the_sensitivity_table_with_two_lists_uses_chapman_too() -> None:
    points = estimates_by_threshold([(0.9, TABLE), (0.5, TABLE)])
    assert [p.result.method for p in points] == ["chapman", "chapman"]
    assert points[0].result.n_hat == pytest.approx(HAND_N)
