"""LCMCR: the Bayesian non-parametric latent-class capture-recapture model of Manrique-Vallier (2016,
Biometrics 72(4), "Bayesian population size estimation using Dirichlet process mixtures").

People fall into K latent classes (a truncated stick-breaking Dirichlet process with concentration alpha);
within class k, list j names a person with probability lambda[j, k], independently across lists. The Gibbs
sampler follows the full conditionals of the R package LCMCR (its C++ ``CNPLCM_CR_Basic_Freq``): per
iteration it draws the class counts of each observed pattern, lambda ~ Beta(1 + in, 1 + out), the stick
weights, the number of unobserved people n0 ~ NegBin(n, 1 - P(all zero)) (the prior P(N) ∝ 1/N), their
classes, and alpha ~ Gamma(a + K - 1, b - log nu_K). People are grouped by pattern, so one iteration costs
O(patterns x K x lists) whatever n is. The sampler itself is compiled with numba (``lcmcr_kernel``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aqiqat.estimate import lcmcr_kernel as kernel
from aqiqat.estimate.diagnostics import convergence, summarise
from aqiqat.estimate.patterns import CapturePatterns
from aqiqat.estimate.result import EstimateError, EstimateResult, Histogram

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
WARM_UP = 500  # LCMCR's fixed warm-up before its permutation of the classes


class SamplerError(EstimateError):
    """Bad sampler settings: one-line message."""


@dataclass(frozen=True)
class LcmcrSettings:
    """Sampler settings; the defaults are LCMCR's published reference settings (K = 10, a = b = 0.25,
    burn-in 10,000, 1,000 samples thinned by 100)."""

    k: int = 10
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    burn_in: int = 10_000
    samples: int = 1_000
    thin: int = 100
    chains: int = 2
    seed: int | None = None

    def check(self) -> None:
        if self.k < 1:
            raise SamplerError(f"K (latent classes) must be at least 1, got {self.k}")
        if self.a_alpha <= 0 or self.b_alpha <= 0:
            raise SamplerError("the Gamma prior of alpha needs a > 0 and b > 0")
        if self.burn_in < 0 or self.samples < 10 or self.thin < 1 or self.chains < 1:
            raise SamplerError("need burn_in >= 0, samples >= 10, thin >= 1 and chains >= 1")


def _start(table: CapturePatterns, k: int) -> tuple[FloatArray, FloatArray]:
    """LCMCR's starting point: every class at the lists' marginal capture rates, weights front-loaded."""
    x = table.patterns.astype(np.float64)
    freq = table.counts.astype(np.int64)
    marginal = (x * freq[:, None]).sum(axis=0) / freq.sum()
    lam = np.repeat(marginal[:, None], k, axis=1)
    nu = np.full(k, 1.0 / k) if k <= 4 else np.r_[np.full(4, 0.225), np.full(k - 4, 0.1 / (k - 4))]
    return lam, np.log(nu)


def sample_lcmcr(table: CapturePatterns, settings: LcmcrSettings) -> tuple[IntArray, dict[str, FloatArray]]:
    """Posterior draws of N, shaped (chains, samples), and traces of alpha and the occupied classes.

    The chains run one after another in compiled code (``lcmcr_kernel``) from one seeded random stream."""
    settings.check()
    seed = settings.seed if settings.seed is not None else int(np.random.default_rng().integers(2**31))
    kernel.seed_stream(seed % 2**32)
    x = np.ascontiguousarray(table.patterns, dtype=np.float64)
    freq = np.ascontiguousarray(table.counts, dtype=np.int64)
    shape = (settings.chains, settings.samples)
    draws, alpha, occupied = np.empty(shape, dtype=np.int64), np.empty(shape), np.empty(shape)
    for chain in range(settings.chains):
        lam, log_nu = _start(table, settings.k)
        draws[chain], alpha[chain], occupied[chain] = kernel.run_chain(
            x, freq, lam, log_nu, 0.3 / settings.k, settings.a_alpha, settings.b_alpha,
            WARM_UP, settings.burn_in, settings.samples, settings.thin,
        )
    return draws, {"alpha": alpha, "occupied_classes": occupied}


def histogram(draws: npt.NDArray[np.int64] | FloatArray, bins: int = 40) -> Histogram:
    counts, edges = np.histogram(np.ravel(draws), bins=bins)
    return Histogram(edges=tuple(float(e) for e in edges), counts=tuple(int(c) for c in counts))


def estimate_lcmcr(
    table: CapturePatterns, settings: LcmcrSettings | None = None, level: float = 0.95
) -> EstimateResult:
    """Run the sampler and summarise: N-hat is the posterior median, the interval the equal-tailed credible
    interval, diagnostics the ESS, Geweke z per chain and split R-hat of N."""
    settings = settings or LcmcrSettings()
    if not 0 < level < 1:
        raise SamplerError(f"level must be between 0 and 1, got {level}")
    draws, traces = sample_lcmcr(table, settings)
    pooled = draws.ravel().astype(np.float64)
    tail = (1.0 - level) / 2.0
    lower, median, upper = np.quantile(pooled, [tail, 0.5, 1.0 - tail])
    diagnostics: dict[str, object] = dict(summarise(draws.astype(np.float64)))
    diagnostics["alpha_mean"] = float(traces["alpha"].mean())
    diagnostics["occupied_classes_mean"] = float(traces["occupied_classes"].mean())
    diagnostics["convergence"] = convergence(diagnostics)
    return EstimateResult(
        method="lcmcr",
        model=f"latent classes, truncated Dirichlet process, K = {settings.k}",
        n_hat=float(median),
        se=float(pooled.std(ddof=1)),
        interval=(float(lower), float(upper)),
        n_observed=table.n_observed,
        lists=table.lists,
        level=level,
        interval_kind="posterior credible (equal-tailed)",
        diagnostics=diagnostics,
        posterior={"median": float(median), "mean": float(pooled.mean()), "sd": float(pooled.std(ddof=1)),
                   "min": float(pooled.min()), "max": float(pooled.max()), "draws": float(len(pooled))},
        histogram=histogram(pooled),
        settings=dict(vars(settings)),
        draws=tuple(int(v) for v in draws.ravel()),
    )
