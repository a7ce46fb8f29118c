"""LCMCR: the Kosovo reference, recovery of a known total, reproducibility, diagnostics, bad settings."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
from scipy import special

from aqiqat.estimate.diagnostics import effective_sample_size, geweke_z, split_rhat
from aqiqat.estimate.lcmcr import LcmcrSettings, SamplerError, estimate_lcmcr, sample_lcmcr
from aqiqat.estimate.patterns import from_memberships, read_patterns_csv

MSE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse"


def test_kosovo_posterior_matches_the_reference() -> None:
    # Lighter than LCMCR's reference run (burn-in 10,000, 1,000 draws thinned by 100, one chain): eight chains
    # side by side, each 10,000 burn-in and 500 draws thinned by 20. Shorter burn-ins (2,000 to 6,000) leave
    # chains below the posterior (they start near the independence estimate) and medians near 10,100.
    table = read_patterns_csv(MSE / "kosovo_capture_patterns.csv")
    result = estimate_lcmcr(table, LcmcrSettings(burn_in=10_000, samples=500, thin=20, chains=8, seed=20240107))
    assert 10_200 <= result.n_hat <= 10_800
    lower, upper = result.interval
    assert upper is not None and lower <= 13_281 and upper >= 9_146
    assert result.diagnostics["rhat"] < 1.2
    assert result.diagnostics["ess"] > 100
    assert len(result.diagnostics["geweke_z"]) == 8
    assert result.histogram is not None and sum(result.histogram.counts) == 4000
    assert len(result.histogram.edges) == len(result.histogram.counts) + 1
    assert result.posterior["draws"] == 4000 and result.n_observed == 4400


def test_one_class_matches_the_exact_posterior_of_model_mt() -> None:
    # With K = 1 the model is Mt with uniform priors on the capture probabilities and LCMCR's prior P(N) ~ 1/N:
    # p(N | data) ~ (1/N) N!/(N - n)! prod_j B(n_j + 1, N - n_j + 1), computed here on a grid.
    table = read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")
    n, caught = table.n_observed, np.array(list(table.list_totals().values()))
    grid = np.arange(n, 40_000)
    log_post = -np.log(grid) + special.gammaln(grid + 1) - special.gammaln(grid - n + 1)
    log_post += sum(special.betaln(c + 1, grid - c + 1) for c in caught)
    cdf = np.cumsum(np.exp(log_post - log_post.max()))
    exact = [grid[np.searchsorted(cdf, q * cdf[-1])] for q in (0.025, 0.5, 0.975)]
    draws, _ = sample_lcmcr(table, LcmcrSettings(k=1, burn_in=300, samples=500, thin=5, chains=8, seed=4))
    gibbs = np.quantile(draws, [0.025, 0.5, 0.975])
    assert abs(gibbs[1] - exact[1]) < 0.01 * exact[1]
    assert abs(gibbs[0] - exact[0]) < 0.02 * exact[0] and abs(gibbs[2] - exact[2]) < 0.03 * exact[2]


def _simulated_lists(seed: int) -> dict[int, set[str]]:
    """2,000 people, three lists catching each person independently with 0.3, 0.4 and 0.5."""
    rng = np.random.default_rng(seed)
    caught = rng.random((2000, 3)) < np.array([0.3, 0.4, 0.5])
    names = ("МВД", "Правозащитники", "СМИ")
    return {i: {names[j] for j in range(3) if row[j]} for i, row in enumerate(caught)}


def test_recovers_a_known_total() -> None:
    table = from_memberships(_simulated_lists(7))
    assert 1500 < table.n_observed < 1800
    result = estimate_lcmcr(table, LcmcrSettings(k=5, burn_in=1000, samples=300, thin=5, chains=2, seed=3))
    lower, upper = result.interval
    assert upper is not None and lower <= 2000 <= upper
    assert abs(result.n_hat - 2000) < 150


def test_same_seed_same_draws() -> None:
    table = read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")
    settings = LcmcrSettings(burn_in=50, samples=20, thin=2, chains=2, seed=11)
    first, _ = sample_lcmcr(table, settings)
    again, _ = sample_lcmcr(table, settings)
    assert first.shape == (2, 20)
    assert np.array_equal(first, again)
    assert (first >= table.n_observed).all()


def test_result_json_has_posterior_histogram() -> None:
    table = read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")
    result = estimate_lcmcr(table, LcmcrSettings(burn_in=50, samples=20, thin=2, chains=1, seed=1))
    data = json.loads(result.to_json())
    assert data["method"] == "lcmcr" and data["settings"]["seed"] == 1
    assert len(data["histogram"]["edges"]) == len(data["histogram"]["counts"]) + 1
    assert "draws" not in data and len(json.loads(result.to_json(include_draws=True))["draws"]) == 20


@pytest.mark.parametrize(
    "settings",
    [LcmcrSettings(k=0), LcmcrSettings(a_alpha=0), LcmcrSettings(samples=2), LcmcrSettings(thin=0)],
)
def test_bad_settings_are_refused(settings: LcmcrSettings) -> None:
    table = read_patterns_csv(MSE / "hiv_rome_capture_patterns.csv")
    with pytest.raises(SamplerError):
        estimate_lcmcr(table, settings)


def test_diagnostics_on_known_traces() -> None:
    rng = np.random.default_rng(0)
    white = rng.normal(size=4000)
    assert effective_sample_size(white) > 3000
    ar = np.zeros(20000)
    for i in range(1, len(ar)):
        ar[i] = 0.9 * ar[i - 1] + rng.normal()
    assert effective_sample_size(ar) == pytest.approx(20000 * 0.1 / 1.9, rel=0.35)
    assert abs(geweke_z(white)) < 3
    assert abs(geweke_z(np.linspace(0, 10, 2000) + rng.normal(size=2000))) > 5
    chains = rng.normal(size=(4, 1000))
    assert split_rhat(chains) < 1.02
    assert split_rhat(chains + np.arange(4)[:, None]) > 1.5


def test_sampler_speed_stays_within_three_times_r() -> None:
    # R's LCMCR runs Kosovo's 110,500 iterations of one chain in about 1.5 s: 3x that is 41 microseconds an
    # iteration. CPU time, not wall time, so other processes on the machine do not count; the first call
    # (loading the compiled sampler) is left out.
    table = read_patterns_csv(MSE / "kosovo_capture_patterns.csv")
    sample_lcmcr(table, LcmcrSettings(burn_in=0, samples=10, thin=1, chains=1, seed=1))
    settings = LcmcrSettings(burn_in=0, samples=100, thin=100, chains=1, seed=1)
    start = time.process_time()
    sample_lcmcr(table, settings)
    seconds = time.process_time() - start
    assert seconds < 3 * 1.5 * (500 + 100 * 100) / 110_500
