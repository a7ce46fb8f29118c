"""Log-linear models against Rcapture's published results on the reference tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aqiqat.estimate.loglinear import ModelError, estimate_loglinear, fit_model, rank_models, two_way_terms
from aqiqat.estimate.patterns import CapturePatterns, from_arrays, read_patterns_csv

MSE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse"


@pytest.fixture(scope="module")
def kosovo() -> CapturePatterns:
    return read_patterns_csv(MSE / "kosovo_capture_patterns.csv")


@pytest.fixture(scope="module")
def hiv() -> CapturePatterns:
    return read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")


def close(value: float, reference: float, tolerance: float = 0.005) -> bool:
    return abs(value - reference) <= tolerance * reference


def test_kosovo_bic_best_model_estimate_and_profile_interval(kosovo: CapturePatterns) -> None:
    result = estimate_loglinear(kosovo, criterion="bic")
    assert result.model == "all two-way interactions except ABA:HRW"
    assert close(result.n_hat, 14341.7)
    assert result.se is not None and abs(result.se - 1018.3) < 1.0
    lower, upper = result.interval
    assert upper is not None
    assert close(lower, 12525.2) and close(upper, 16542.8)
    assert abs(result.diagnostics["multinomial_n_hat"] - 14325.7) < 1.0
    assert result.ranking[0]["bic"] < result.ranking[1]["bic"]
    assert len(result.ranking) == 64


def test_kosovo_independence_and_saturated_two_way(kosovo: CapturePatterns) -> None:
    independence = fit_model(kosovo, [])
    assert abs(independence.n_hat - 7394.6) < 0.1 and abs(independence.se - 129.6) < 0.1
    every = fit_model(kosovo, two_way_terms(kosovo.lists))
    assert abs(every.n_hat - 14402.5) < 0.1 and abs(every.se - 1050.9) < 0.1


def test_aic_ranking_is_sorted(kosovo: CapturePatterns) -> None:
    ranking = rank_models(kosovo, criterion="aic")
    aics = [fit.aic for fit in ranking if fit.converged]
    assert aics == sorted(aics)


def test_hiv_model_mt_with_c1_c2(hiv: CapturePatterns) -> None:
    result = estimate_loglinear(hiv, interactions=["c1:c2"])
    assert result.model == "main effects + c1:c2"
    assert close(result.n_hat, 12318.5)
    assert result.se is not None and abs(result.se - 1188.7) < 1.0
    lower, upper = result.interval
    assert upper is not None and close(lower, 10266.0) and close(upper, 14992.3)
    assert result.criterion is None


def test_result_serialises_to_json(kosovo: CapturePatterns) -> None:
    data = json.loads(estimate_loglinear(kosovo).to_json())
    assert data["method"] == "loglinear" and data["n_observed"] == 4400
    assert data["lists"] == ["EXH", "ABA", "OSCE", "HRW"]
    assert data["n_unobserved"] == pytest.approx(14341.7 - 4400, abs=0.1)
    assert "draws" not in data


def test_bad_criterion_and_interaction(kosovo: CapturePatterns) -> None:
    with pytest.raises(ModelError, match="criterion must be one of"):
        estimate_loglinear(kosovo, criterion="dic")
    with pytest.raises(ModelError, match="unknown list"):
        estimate_loglinear(kosovo, interactions=["EXH:UN"])


def test_lists_without_overlap_give_no_estimate() -> None:
    # two lists that share nobody: N = n_A * n_B / 0
    table = from_arrays(["A", "B"], [[1, 0], [0, 1], [1, 1]], [30, 40, 0])
    with pytest.raises(ModelError, match="did not converge"):
        estimate_loglinear(table)


def test_two_lists_allow_only_independence() -> None:
    table = from_arrays(["A", "B"], [[1, 0], [0, 1], [1, 1]], [30, 40, 12])
    ranking = rank_models(table)
    assert [fit.terms for fit in ranking] == [()]
    assert ranking[0].n_hat == pytest.approx(30 + 40 + 12 + 30 * 40 / 12)  # Lincoln-Petersen
    with pytest.raises(ModelError, match="4 parameters for 3 cells"):
        fit_model(table, ["A:B"])


def test_too_many_lists_for_the_model_search() -> None:
    lists = [f"L{i}" for i in range(6)]
    patterns = [[1 if j == i else 0 for j in range(6)] for i in range(6)] + [[1] * 6]
    table = from_arrays(lists, patterns, [10] * 7)
    with pytest.raises(ModelError, match="32768 two-way models"):
        rank_models(table)


def test_a_model_whose_unseen_cell_has_no_finite_estimate_is_not_taken_as_converged() -> None:
    """With every two-way interaction, three lists leave the unseen cell at y001 y010 y100 y111 / (y011 y101 y110):
    with nobody on lists B and C alone it is infinite. IRLS stops where the deviance stops moving, with the
    intercept's standard error in the hundreds; that model is not converged, and is not chosen."""
    patterns = [[0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
    table = from_arrays(["A", "B", "C"], patterns, [25, 30, 0, 40, 9, 12, 4])
    every = fit_model(table, two_way_terms(table.lists))
    assert not every.converged and any("not identified" in w for w in every.warnings)
    chosen = estimate_loglinear(table)
    assert chosen.n_hat < 10 * table.n_observed
