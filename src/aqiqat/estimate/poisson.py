"""A Poisson log-linear fit by iteratively reweighted least squares, for the small designs of capture-recapture.

The same algorithm, start and stopping rule as statsmodels' ``GLM(family=Poisson()).fit()`` (IRLS from
mu = (y + mean y) / 2, stopping when the deviance moves by at most ``tol``), without its per-iteration
bookkeeping: a log-linear search over five lists fits 1,024 models of 31 cells, and statsmodels spends about
0.1 s on each of them, mostly outside the arithmetic. tests/estimate/test_estimate_poisson.py checks the
parameters, covariance and deviance against statsmodels on tables written there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
EPS = float(np.finfo(np.float64).eps)
MAX_ETA = 700.0  # exp() of more overflows: a fit heading there has no finite maximum


@dataclass(frozen=True)
class PoissonFit:
    params: Array
    cov: Array  # the inverse information at the estimate
    mu: Array
    deviance: float
    converged: bool
    iterations: int
    separated: bool  # every cell fitted exactly (statsmodels' "perfect separation or prediction")


def deviance(y: Array, mu: Array) -> float:
    ratio = np.clip(y / mu, EPS, np.inf)
    return float(2.0 * np.sum(y * np.log(ratio) - (y - mu)))


def fit_poisson(y: Array, x: Array, maxiter: int = 200, tol: float = 1e-8) -> PoissonFit:
    """Maximum-likelihood Poisson regression of counts ``y`` on the design ``x`` (log link)."""
    mu = (y + y.mean()) / 2.0
    eta = np.log(mu)
    dev = deviance(y, mu)
    converged = separated = False
    iterations = 0
    beta = np.zeros(x.shape[1])
    wx = x
    while iterations < maxiter:
        iterations += 1
        z = eta + (y - mu) / mu
        root = np.sqrt(mu)
        wx = x * root[:, None]
        beta = np.linalg.lstsq(wx, z * root, rcond=None)[0]
        eta = np.minimum(x @ beta, MAX_ETA)
        mu = np.exp(eta)
        new = deviance(y, mu)
        separated = separated or bool(np.all(np.abs(mu - y) <= 1e-8))
        converged = abs(new - dev) <= tol
        dev = new
        if converged:
            break
    pinv = np.linalg.pinv(wx)
    return PoissonFit(beta, pinv @ pinv.T, mu, dev, converged, iterations, separated)
