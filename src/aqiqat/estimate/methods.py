"""One entry point over both methods, per table or per stratum, with the total over strata."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy import stats

from aqiqat.estimate.lcmcr import LcmcrSettings, estimate_lcmcr
from aqiqat.estimate.loglinear import estimate_loglinear
from aqiqat.estimate.patterns import CapturePatterns
from aqiqat.estimate.result import EstimateError, EstimateResult
from aqiqat.estimate.two_lists import estimate_chapman

METHODS = ("loglinear", "lcmcr")
LOGLINEAR_OPTIONS = {"interactions", "level", "max_models"}
LCMCR_OPTIONS = {"k", "a_alpha", "b_alpha", "burn_in", "samples", "thin", "chains", "seed", "level"}


def estimate_table(
    table: CapturePatterns, method: str = "loglinear", criterion: str = "bic", **options: Any
) -> EstimateResult:
    """Estimate N from one table. Log-linear options: interactions, level, max_models; LCMCR options: k,
    a_alpha, b_alpha, burn_in, samples, thin, chains, seed, level. Options set to None are ignored.

    With two lists the log-linear method gives Chapman's Lincoln-Petersen estimate (the only log-linear model
    two lists allow), which says it cannot test dependence; LCMCR is refused below three lists."""
    options = {k: v for k, v in options.items() if v is not None}
    if method == "loglinear":
        _refuse(options, LOGLINEAR_OPTIONS, method)
        if table.n_lists == 2:
            if options.get("interactions"):
                raise EstimateError("two lists allow no interaction between them")
            return estimate_chapman(table, level=options.get("level", 0.95))
        return estimate_loglinear(table, criterion=criterion, **options)
    if method == "lcmcr":
        _refuse(options, LCMCR_OPTIONS, method)
        if table.n_lists < 3:
            raise EstimateError(
                f"LCMCR needs at least three lists, got {table.n_lists}: with two lists its latent classes are not "
                "identified and the posterior only repeats the prior; use the log-linear method (Chapman's "
                "two-list estimate)"
            )
        level = options.pop("level", 0.95)
        return estimate_lcmcr(table, LcmcrSettings(**options), level=level)
    raise EstimateError(f"method must be one of {', '.join(METHODS)}, got {method!r}")


def _refuse(options: Mapping[str, Any], allowed: set[str], method: str) -> None:
    extra = sorted(set(options) - allowed)
    if extra:
        raise EstimateError(f"option(s) not used by {method}: {', '.join(extra)}")


def estimate_strata(
    tables: Mapping[str, CapturePatterns], method: str = "loglinear", criterion: str = "bic", **options: Any
) -> tuple[dict[str, EstimateResult], EstimateResult]:
    """Estimate every stratum separately and add them up (strata are disjoint populations).

    The total's interval sums the posterior draws for LCMCR (strata independent, chains aligned); for
    log-linear models it is the normal interval from the summed variances, as profile likelihoods of
    different strata do not add.
    """
    if not tables:
        raise EstimateError("no strata to estimate")
    results: dict[str, EstimateResult] = {}
    for name, table in tables.items():
        try:
            result = estimate_table(table, method, criterion, **options)
        except EstimateError as exc:
            raise EstimateError(f"stratum {name}: {exc}") from None
        results[name] = EstimateResult(**{**vars(result), "stratum": name})
    return results, _total(results)


def _total(results: Mapping[str, EstimateResult]) -> EstimateResult:
    first = next(iter(results.values()))
    level = first.level
    n_obs = sum(r.n_observed for r in results.values())
    if first.method == "lcmcr":
        draws = np.sum([np.asarray(r.draws, dtype=np.float64) for r in results.values()], axis=0)
        tail = (1 - level) / 2
        lower, median, upper = (float(v) for v in np.quantile(draws, [tail, 0.5, 1 - tail]))
        n_hat, se, interval = median, float(draws.std(ddof=1)), (lower, upper)
        kind = "posterior credible (sum of strata)"
    else:
        n_hat = sum(r.n_hat for r in results.values())
        se = math.sqrt(sum((r.se or 0.0) ** 2 for r in results.values()))
        half = float(stats.norm.ppf(1 - (1 - level) / 2)) * se
        interval, kind = (max(n_hat - half, float(n_obs)), n_hat + half), "normal approximation (sum of strata)"
    return EstimateResult(
        method=first.method,
        model=f"sum over {len(results)} strata",
        n_hat=n_hat,
        se=se,
        interval=interval,
        n_observed=n_obs,
        lists=first.lists,
        level=level,
        interval_kind=kind,
        criterion=first.criterion,
        diagnostics={"strata": {name: r.n_hat for name, r in results.items()}},
        stratum="total",
    )
