"""Two lists: Chapman's bias-corrected Lincoln-Petersen estimate (Chapman 1951), Seber's variance (Seber 1970)
and Chao's log-normal interval (Chao 1987), which keeps the lower bound above the people documented.

With two lists the log-linear independence model is saturated (three cells, three parameters): it gives
Lincoln-Petersen's n1 n2 / m exactly and leaves no degree of freedom, so whether the lists depend on each
other (people on one list more or less likely to be on the other) cannot be tested, only assumed away.
"""

from __future__ import annotations

import math

from scipy import stats

from aqiqat.estimate.patterns import CapturePatterns
from aqiqat.estimate.result import EstimateError, EstimateResult

NO_DEPENDENCE_TEST = (
    "two lists cannot test dependence between them: the estimate assumes that being on one list does not "
    "change the chance of being on the other; a third list is needed to check it"
)
NO_OVERLAP = "nobody is on both lists: the estimate is unreliable and its interval very wide"


def estimate_chapman(table: CapturePatterns, level: float = 0.95) -> EstimateResult:
    """N-hat = (n1 + 1)(n2 + 1) / (m + 1) - 1 with its standard error and a log-normal interval."""
    if table.n_lists != 2:
        raise EstimateError(f"the two-list estimate needs exactly 2 lists, got {table.n_lists}")
    if not 0 < level < 1:
        raise EstimateError(f"level must be between 0 and 1, got {level}")
    totals = table.list_totals()
    empty = [name for name, total in totals.items() if total == 0]
    if empty:
        raise EstimateError(f"list(s) with nobody on them: {', '.join(empty)}; drop them before estimating")
    n1, n2 = totals[table.lists[0]], totals[table.lists[1]]
    m = n1 + n2 - table.n_observed
    n_hat = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    var = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    interval = _chao_interval(table.n_observed, n_hat, var, level)
    warnings = [NO_DEPENDENCE_TEST] + ([NO_OVERLAP] if m == 0 else [])
    return EstimateResult(
        method="chapman",
        model="two lists: Chapman's Lincoln-Petersen estimate",
        n_hat=n_hat,
        se=math.sqrt(var),
        interval=interval,
        n_observed=table.n_observed,
        lists=table.lists,
        level=level,
        interval_kind="log-normal (Chao)",
        diagnostics={
            "lincoln_petersen": n1 * n2 / m if m else None,
            "overlap": m,
            "dependence_testable": False,
            "warnings": warnings,
        },
        settings={"lists": 2},
    )


def _chao_interval(n: int, n_hat: float, var: float, level: float) -> tuple[float, float]:
    unseen = n_hat - n
    if unseen <= 0 or var <= 0:
        return float(n), float(max(n_hat, n))
    z = float(stats.norm.ppf(1 - (1 - level) / 2))
    c = math.exp(z * math.sqrt(math.log(1 + var / unseen**2)))
    return n + unseen / c, n + unseen * c
