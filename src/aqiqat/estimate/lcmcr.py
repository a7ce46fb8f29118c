"""LCMCR: the Bayesian non-parametric latent-class capture-recapture model of Manrique-Vallier (2016,
Biometrics 72(4), "Bayesian population size estimation using Dirichlet process mixtures").

People fall into K latent classes (a truncated stick-breaking Dirichlet process with concentration alpha);
within class k, list j names a person with probability lambda[j, k], independently across lists. The Gibbs
sampler follows the full conditionals of the R package LCMCR (its C++ ``CNPLCM_CR_Basic_Freq``): per
iteration it draws the class counts of each observed pattern, lambda ~ Beta(1 + in, 1 + out), the stick
weights, the number of unobserved people n0 ~ NegBin(n, 1 - P(all zero)) (the prior P(N) ∝ 1/N), their
classes, and alpha ~ Gamma(a + K - 1, b - log nu_K). People are grouped by pattern, so one iteration costs
O(patterns x K x lists) whatever n is; several chains run side by side in the same arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aqiqat.estimate.diagnostics import summarise
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


def _log_gamma_variate(rng: np.random.Generator, shape: FloatArray) -> FloatArray:
    """log of Gamma(shape, 1) draws, exact for tiny shapes: G(a) = G(a + 1) * U^(1/a)."""
    return np.asarray(np.log(rng.standard_gamma(shape + 1.0)) + np.log(rng.random(shape.shape)) / shape)


def _normalise_log(logp: FloatArray) -> FloatArray:
    p = np.exp(logp - logp.max(axis=-1, keepdims=True))
    return np.asarray(p / p.sum(axis=-1, keepdims=True))


class _Chains:
    """The state of C chains: lam (C, J, K), log_nu (C, K), alpha (C,), n0 (C,), count0 (C, K), and the
    class counts of the observed patterns (C, M, K).

    LCMCR draws the observed people's classes at the start of an iteration and the unobserved people's at
    the end, both given the same lambda and nu (alpha, drawn in between, enters neither), so one multinomial
    call over the M observed patterns plus the unobserved cell draws both.
    """

    def __init__(self, table: CapturePatterns, settings: LcmcrSettings, rng: np.random.Generator) -> None:
        self.rng = rng
        self.s = settings
        self.x = table.patterns.astype(np.float64)  # (M, J)
        self.cells = np.vstack([self.x, np.zeros((1, self.x.shape[1]))])  # observed patterns + all-zero
        self.freq = table.counts.astype(np.int64)  # (M,)
        self.n = int(self.freq.sum())
        c, j, k = settings.chains, table.n_lists, settings.k
        marginal = (self.x * self.freq[:, None]).sum(axis=0) / self.n
        self.lam = np.broadcast_to(marginal[None, :, None], (c, j, k)).copy()
        nu = np.full(k, 1.0 / k) if k <= 4 else np.r_[np.full(4, 0.225), np.full(k - 4, 0.1 / (k - 4))]
        self.log_nu = np.broadcast_to(np.log(nu), (c, k)).copy()
        self.alpha = np.full(c, 0.3 / k)
        self.n0 = np.zeros(c, dtype=np.int64)
        self.occupied = np.zeros(c, dtype=np.int64)
        self.sizes = np.zeros((c, len(self.freq) + 1), dtype=np.int64)
        self.sizes[:, :-1] = self.freq
        self._draw_classes()

    def _draw_classes(self) -> None:
        """Classes of the people behind each observed pattern and of the n0 unobserved (last row)."""
        lam = np.minimum(self.lam, 1.0 - 1e-16)
        log_1m = np.log1p(-lam)
        logp = self.log_nu[:, None, :] + self.cells @ (np.log(lam) - log_1m) + log_1m.sum(axis=1)[:, None, :]
        self.sizes[:, -1] = self.n0
        drawn = self.rng.multinomial(self.sizes, _normalise_log(logp))
        self.counts, self.count0 = drawn[:, :-1, :], drawn[:, -1, :]

    def step(self, with_alpha: bool = True) -> None:
        rng, s = self.rng, self.s
        # lambda | classes ~ Beta(1 + captured, 1 + not captured); the unobserved count as not captured
        captured = np.einsum("mj,cmk->cjk", self.x, self.counts)
        count_k = self.counts.sum(axis=1) + self.count0
        self.lam = rng.beta(1.0 + captured, 1.0 + (count_k[:, None, :] - captured))
        # stick-breaking weights: V_k ~ Beta(1 + n_k, alpha + N - sum_{l<=k} n_l), drawn as log-gammas
        self.occupied = (count_k > 0).sum(axis=1)
        if s.k > 1:  # one class (K = 1) is the model Mt: nu = 1
            rest = (self.n + self.n0)[:, None] - np.cumsum(count_k, axis=1)
            shapes = np.concatenate([1.0 + count_k[:, :-1], self.alpha[:, None] + rest[:, :-1]], axis=1)
            log_g = _log_gamma_variate(rng, shapes)
            lg1, lg2 = log_g[:, : s.k - 1], log_g[:, s.k - 1 :]
            total = np.logaddexp(lg1, lg2)
            log_1mv = lg2 - total
            before = np.cumsum(log_1mv, axis=1)
            self.log_nu = np.concatenate([lg1 - total + before - log_1mv, before[:, -1:]], axis=1)
        # how many are unobserved: NegBin(n, 1 - P(all zero)), drawn as Poisson(Gamma(n) * p0 / (1 - p0))
        lam = np.minimum(self.lam, 1.0 - 1e-16)
        prob_zero = np.exp(self.log_nu + np.log1p(-lam).sum(axis=1)).sum(axis=1)
        prob_zero = np.minimum(prob_zero, 1.0 - 1e-12)
        self.n0 = rng.poisson(rng.standard_gamma(np.full(s.chains, float(self.n))) * prob_zero / (1.0 - prob_zero))
        self._draw_classes()
        if with_alpha:
            self.alpha = rng.gamma(s.a_alpha + s.k - 1.0, 1.0 / (s.b_alpha - self.log_nu[:, -1]))

    def sort_classes(self) -> None:
        """LCMCR's post-warm-up permutation: classes in decreasing order of weight."""
        order = np.argsort(-self.log_nu, axis=1, kind="stable")
        self.log_nu = np.take_along_axis(self.log_nu, order, axis=1)
        self.lam = np.take_along_axis(self.lam, order[:, None, :], axis=2)
        self._draw_classes()


def sample_lcmcr(table: CapturePatterns, settings: LcmcrSettings) -> tuple[IntArray, dict[str, FloatArray]]:
    """Posterior draws of N, shaped (chains, samples), and traces of alpha and the occupied classes."""
    settings.check()
    rng = np.random.default_rng(settings.seed)
    state = _Chains(table, settings, rng)
    for _ in range(WARM_UP):
        state.step(with_alpha=False)
    state.sort_classes()
    for _ in range(settings.burn_in):
        state.step()
    draws = np.empty((settings.chains, settings.samples), dtype=np.int64)
    alpha = np.empty((settings.chains, settings.samples))
    occupied = np.empty((settings.chains, settings.samples))
    for i in range(settings.samples):
        for _ in range(settings.thin):
            state.step()
        draws[:, i] = state.n0 + state.n
        alpha[:, i] = state.alpha
        occupied[:, i] = state.occupied
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
