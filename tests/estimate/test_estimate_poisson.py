"""The written-out Poisson IRLS gives what statsmodels' GLM gives, on capture tables written here."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import statsmodels.api as sm

from aqiqat.estimate.poisson import fit_poisson


def _design(k: int, pairs: list[tuple[int, int]]) -> np.ndarray:
    bits = np.array([c for c in itertools.product((0, 1), repeat=k) if any(c)], dtype=float)
    return np.column_stack([np.ones(len(bits)), bits, *[bits[:, a] * bits[:, b] for a, b in pairs]])


TABLES = [  # (lists, interactions, counts of the observable cells in itertools.product order)
    (3, [], [40, 22, 5, 31, 8, 12, 3]),
    (3, [(0, 1)], [40, 22, 5, 31, 8, 12, 3]),
    (3, [(0, 1), (1, 2)], [120, 64, 30, 81, 20, 25, 11]),
    (4, [(0, 3), (1, 2)], [50, 20, 9, 31, 7, 6, 2, 27, 8, 10, 3, 9, 2, 4, 1]),
    (4, [], [0, 3, 0, 5, 1, 0, 0, 4, 0, 2, 1, 0, 0, 1, 0]),  # sparse, with empty cells
]


@pytest.mark.parametrize(("k", "pairs", "counts"), TABLES)
def test_the_fit_equals_statsmodels(k: int, pairs: list[tuple[int, int]], counts: list[int]) -> None:
    x, y = _design(k, pairs), np.array(counts, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = sm.GLM(y, x, family=sm.families.Poisson()).fit(maxiter=200)
    mine = fit_poisson(y, x)
    assert mine.converged == ref.converged
    np.testing.assert_allclose(mine.params, ref.params, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(mine.cov, ref.cov_params(), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(mine.mu, ref.mu, rtol=1e-7)
    assert mine.deviance == pytest.approx(ref.deviance, rel=1e-7, abs=1e-9)
    assert mine.iterations == ref.fit_history["iteration"]


def test_an_empty_margin_sends_its_interaction_to_minus_infinity_as_statsmodels_does() -> None:
    """Lists 1 and 2 never share anyone: their interaction has no finite maximum; the fit stops where the
    deviance stops moving, at a large negative value, and the unseen cell stays identified."""
    x = _design(3, [(0, 1)])
    y = np.array([30, 20, 0, 25, 6, 0, 0], dtype=float)  # cells 110 and 111 empty
    fit = fit_poisson(y, x)
    assert fit.params[-1] < -15 and fit.cov[0, 0] < 1


def test_a_saturated_model_is_flagged_as_fitting_every_cell() -> None:
    x = _design(2, [(0, 1)])  # 3 cells, 4 parameters: the intercept is free
    fit = fit_poisson(np.array([10.0, 7.0, 3.0]), x[:, :3])
    assert fit.separated
