"""The convergence verdict: it passes only when R-hat, the effective sample size and Geweke all pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from aqiqat.estimate.diagnostics import convergence, summarise
from aqiqat.estimate.lcmcr import LcmcrSettings, estimate_lcmcr
from aqiqat.estimate.patterns import read_patterns_csv

MSE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse"
GOOD = {"rhat": 1.01, "ess": 900.0, "geweke_z": [0.3, -1.2], "chains": 2.0}


def test_all_three_pass() -> None:
    verdict = convergence(GOOD)
    assert verdict["passed"] is True
    assert verdict["checks"] == {"rhat": True, "ess": True, "geweke": True}


def test_any_one_failing_fails_the_verdict() -> None:
    assert convergence({**GOOD, "rhat": 1.3})["checks"]["rhat"] is False
    assert convergence({**GOOD, "rhat": 1.3})["passed"] is False
    assert convergence({**GOOD, "ess": 60.0})["passed"] is False  # below 100 per chain
    assert convergence({**GOOD, "geweke_z": [0.3, 2.6]})["passed"] is False
    assert convergence({**GOOD, "rhat": float("nan")})["passed"] is False


def test_a_drifting_low_ess_trace_fails_although_rhat_passes() -> None:
    # two chains that agree (R-hat near 1) but are each one slow random walk: few effective draws
    rng = np.random.default_rng(3)
    walk = np.cumsum(rng.normal(size=(2, 400)), axis=1) * 0.05
    diag = summarise(walk - walk.mean(axis=1, keepdims=True))
    verdict = convergence(diag)
    assert verdict["checks"]["ess"] is False and verdict["passed"] is False


def test_lcmcr_results_carry_the_verdict() -> None:
    table = read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")
    result = estimate_lcmcr(table, LcmcrSettings(burn_in=20, samples=20, thin=1, chains=2, seed=5))
    verdict = result.diagnostics["convergence"]
    assert verdict["passed"] is False and verdict["checks"]["ess"] is False  # 40 draws cannot be worth 200
