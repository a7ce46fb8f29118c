"""MCMC convergence diagnostics for a scalar trace: effective sample size, Geweke z, split R-hat."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def autocorrelation(x: FloatArray) -> FloatArray:
    """Sample autocorrelation of a 1-D trace at every lag (FFT)."""
    n = len(x)
    centred = x - x.mean()
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size)
    acov = np.fft.irfft(spectrum * np.conjugate(spectrum), size)[:n]
    if acov[0] <= 0:
        return np.ones(1)
    return np.asarray(acov / acov[0], dtype=np.float64)


def effective_sample_size(x: FloatArray) -> float:
    """ESS of one chain by Geyer's initial monotone positive sequence (Geyer 1992)."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    if n < 4 or np.ptp(x) == 0:
        return float(n)
    rho = autocorrelation(x)
    pairs = [rho[2 * i] + rho[2 * i + 1] for i in range(len(rho) // 2)]
    total = 0.0
    previous = math.inf
    for value in pairs:
        if value <= 0:
            break
        value = min(value, previous)
        total += value
        previous = value
    tau = max(2.0 * total - 1.0, 1.0 / n)
    return float(min(n / tau, n * math.log10(n)))


def geweke_z(x: FloatArray, first: float = 0.1, last: float = 0.5) -> float:
    """Geweke's z: the difference of the means of the first 10% and the last 50% of the trace over its
    standard error, each variance taken as var / ESS (a spectral-density-at-zero estimate)."""
    x = np.asarray(x, dtype=np.float64)
    a = x[: max(int(first * len(x)), 2)]
    b = x[len(x) - max(int(last * len(x)), 2) :]
    var = np.var(a, ddof=1) / effective_sample_size(a) + np.var(b, ddof=1) / effective_sample_size(b)
    if var <= 0:
        return 0.0
    return float((a.mean() - b.mean()) / math.sqrt(var))


def split_rhat(chains: FloatArray) -> float:
    """Gelman-Rubin potential scale reduction over the two halves of every chain (rows = chains)."""
    chains = np.atleast_2d(np.asarray(chains, dtype=np.float64))
    half = chains.shape[1] // 2
    if half < 2:
        return math.nan
    split = np.vstack([chains[:, :half], chains[:, half : 2 * half]])
    n = split.shape[1]
    within = split.var(axis=1, ddof=1).mean()
    between = n * split.mean(axis=1).var(ddof=1)
    if within <= 0:
        return 1.0
    pooled = (n - 1) / n * within + between / n
    return float(math.sqrt(pooled / within))


def summarise(chains: FloatArray) -> dict[str, float | list[float]]:
    """ESS (summed over chains), Geweke z per chain and split R-hat for traces shaped (chains, draws)."""
    chains = np.atleast_2d(np.asarray(chains, dtype=np.float64))
    return {
        "ess": float(sum(effective_sample_size(c) for c in chains)),
        "geweke_z": [geweke_z(c) for c in chains],
        "rhat": split_rhat(chains),
        "chains": float(chains.shape[0]),
        "draws_per_chain": float(chains.shape[1]),
    }


RHAT_MAX = 1.1  # Gelman et al.: above 1.1 the chains have not mixed
ESS_PER_CHAIN_MIN = 100.0  # Vehtari et al. (2021): at least 100 effective draws per chain
GEWEKE_MAX = 2.0  # |z| beyond 2: the chain still drifts between its start and its end


def convergence(diagnostics: Mapping[str, Any]) -> dict[str, Any]:
    """The verdict a convergence badge shows: passed only when R-hat, ESS and every chain's Geweke z pass."""
    rhat = diagnostics.get("rhat")
    ess = diagnostics.get("ess")
    chains = float(diagnostics.get("chains") or 1.0)
    geweke = list(diagnostics.get("geweke_z") or [])
    checks = {
        "rhat": rhat is not None and math.isfinite(rhat) and rhat < RHAT_MAX,
        "ess": ess is not None and math.isfinite(ess) and ess >= ESS_PER_CHAIN_MIN * chains,
        "geweke": bool(geweke) and all(math.isfinite(z) and abs(z) <= GEWEKE_MAX for z in geweke),
    }
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "thresholds": {"rhat_below": RHAT_MAX, "ess_at_least": ESS_PER_CHAIN_MIN * chains, "geweke_within": GEWEKE_MAX},
    }
