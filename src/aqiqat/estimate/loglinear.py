"""Log-linear capture-recapture models (Fienberg 1972) with profile-likelihood intervals.

Each model is a Poisson GLM over the 2^K - 1 observable capture patterns: an intercept, one main effect per
list and a set of two-way interactions. The unobserved cell's expected count is exp(intercept), so
N = n + exp(intercept). Every hierarchical model up to two-way interactions (main effects always in, any
subset of the two-way terms) is fitted and ranked by AIC or BIC as Rcapture's ``closedpMS.t`` does
(AIC = -2 log L + 2 rank, BIC = -2 log L + log(n) rank, n the number of people documented). The interval is
Rcapture's ``closedpCI.t`` multinomial profile-likelihood interval.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize, special, stats

from aqiqat.estimate.patterns import CapturePatterns
from aqiqat.estimate.poisson import PoissonFit, fit_poisson
from aqiqat.estimate.result import EstimateError, EstimateResult

Term = tuple[str, str]
CRITERIA = ("aic", "bic")
MAX_MODELS_DEFAULT = 1024
MAX_ITERATIONS = 200
MAX_INTERCEPT_SE = 5.0  # log scale: the unseen count known within a factor e^10 at 95%, or the model is not used


class ModelError(EstimateError):
    """A model that cannot be fitted or searched: one-line message."""


@dataclass(frozen=True)
class ModelFit:
    """One fitted log-linear model."""

    terms: tuple[Term, ...]
    name: str
    n_hat: float
    se: float
    deviance: float
    df: int
    aic: float
    bic: float
    intercept: float
    converged: bool
    warnings: tuple[str, ...] = ()

    def as_row(self) -> dict[str, object]:
        return {
            "model": self.name,
            "interactions": [":".join(t) for t in self.terms],
            "n_hat": self.n_hat,
            "se": self.se,
            "deviance": self.deviance,
            "df": self.df,
            "aic": self.aic,
            "bic": self.bic,
            "converged": self.converged,
            "warnings": list(self.warnings),
        }


def two_way_terms(lists: Sequence[str]) -> tuple[Term, ...]:
    """Every two-way interaction between the lists, in list order."""
    return tuple(itertools.combinations(lists, 2))


def parse_terms(lists: Sequence[str], terms: Iterable[str | Sequence[str]]) -> tuple[Term, ...]:
    """Normalise interactions given as ``"A:B"`` or ``("A", "B")``; lists may also be named c1..cK."""
    alias = {f"c{i + 1}": name for i, name in enumerate(lists)}
    order = {name: i for i, name in enumerate(lists)}
    out: list[Term] = []
    for term in terms:
        parts = term.split(":") if isinstance(term, str) else list(term)
        names = [alias.get(p.strip(), p.strip()) for p in parts]
        if len(names) != 2 or names[0] == names[1]:
            raise ModelError(f"an interaction joins two different lists: {term!r}")
        unknown = [p for p in names if p not in order]
        if unknown:
            raise ModelError(f"unknown list in interaction {term!r}: {', '.join(unknown)}")
        a, b = sorted(names, key=order.__getitem__)
        if (a, b) not in out:
            out.append((a, b))
    return tuple(sorted(out, key=lambda t: (order[t[0]], order[t[1]])))


def describe(lists: Sequence[str], terms: Sequence[Term]) -> str:
    """A readable model name: independence, all two-way, all two-way except ..., or main effects + ...."""
    every = two_way_terms(lists)
    if not terms:
        return "independence (main effects only)"
    if len(terms) == len(every):
        return "all two-way interactions"
    missing = [t for t in every if t not in terms]
    if len(missing) < len(terms):
        return "all two-way interactions except " + ", ".join(":".join(t) for t in missing)
    return "main effects + " + " + ".join(":".join(t) for t in terms)


def design(table: CapturePatterns, terms: Sequence[Term]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Design matrix (intercept, main effects, interactions) over the 2^K - 1 cells, and the cell counts."""
    bits, counts = table.full_table()
    col = {name: bits[:, i].astype(np.float64) for i, name in enumerate(table.lists)}
    columns = [np.ones(len(counts))] + [col[name] for name in table.lists] + [col[a] * col[b] for a, b in terms]
    return np.column_stack(columns), counts


def _fit(y: npt.NDArray[np.float64], x: npt.NDArray[np.float64]) -> PoissonFit:
    """The Poisson GLM fit (statsmodels' IRLS, written out for speed: ``poisson.py``)."""
    return fit_poisson(y, x, maxiter=MAX_ITERATIONS)


def fit_model(table: CapturePatterns, terms: Iterable[str | Sequence[str]] = ()) -> ModelFit:
    """Fit one model: main effects plus the given two-way interactions."""
    chosen = parse_terms(table.lists, terms)
    x, y = design(table, chosen)
    rank = int(np.linalg.matrix_rank(x))
    if rank < x.shape[1]:
        raise ModelError(f"'{describe(table.lists, chosen)}' has {x.shape[1]} parameters for {len(y)} cells")
    result = _fit(y.astype(np.float64), x)
    notes = ("Perfect separation or prediction detected, parameter may not be identified",) if result.separated else ()
    b0 = float(result.params[0])
    var0 = float(result.cov[0, 0])
    n = table.n_observed
    loglik = float(np.sum(stats.poisson.logpmf(y, result.mu)))
    aic = -2.0 * loglik + 2.0 * rank
    # An interaction whose margin is empty, or nearly so, has no finite maximum: IRLS walks the intercept up
    # until the deviance stops moving and may call that converged. Such a model says nothing of the unseen
    # cell: its log is unknown by more than MAX_INTERCEPT_SE either way.
    identified = math.isfinite(var0) and 0.0 <= var0 <= MAX_INTERCEPT_SE**2
    converged = result.converged and not result.separated and math.isfinite(b0) and b0 < 50 and identified
    if not identified:
        notes = (*notes, "the unseen cell is not identified (its log has a standard error above "
                         f"{MAX_INTERCEPT_SE:g})")
    return ModelFit(
        terms=chosen,
        name=describe(table.lists, chosen),
        n_hat=n + math.exp(min(b0, 700.0)),
        se=math.sqrt(math.exp(min(b0, 350.0)) + math.exp(min(2 * b0, 700.0)) * var0),
        deviance=float(result.deviance),
        df=len(y) - rank,
        aic=aic,
        bic=aic + (math.log(n) - 2.0) * rank,
        intercept=b0,
        converged=converged,
        warnings=notes,
    )


def rank_models(table: CapturePatterns, criterion: str = "bic", max_models: int = MAX_MODELS_DEFAULT) -> list[ModelFit]:
    """Fit every hierarchical model up to two-way interactions and sort them by the criterion, best first.

    Models that did not converge (an interaction with an empty margin sends N to infinity) sort last.
    """
    if criterion not in CRITERIA:
        raise ModelError(f"criterion must be one of {', '.join(CRITERIA)}, got {criterion!r}")
    every = two_way_terms(table.lists)
    count = 2 ** len(every)
    if count > max_models:
        raise ModelError(
            f"{table.n_lists} lists give {count} two-way models (limit {max_models}); "
            "merge lists, or pass interactions= to fit one model"
        )
    cells = 2**table.n_lists - 1
    fits = [
        fit_model(table, subset)
        for size in range(len(every) + 1)
        for subset in itertools.combinations(every, size)
        if 1 + table.n_lists + size <= cells  # more parameters than cells: not estimable
    ]
    return sorted(fits, key=lambda f: (not f.converged, getattr(f, criterion)))


def _profile(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], n: int, n_total: float) -> float:
    n0 = max(n_total - n, 0.0)
    x_aug = np.vstack([x, np.eye(1, x.shape[1])])
    result = _fit(np.append(y, n0), x_aug)
    correction = (
        special.xlogy(n0, n0) + special.gammaln(n_total + 1) - n_total * math.log(n_total) - special.gammaln(n0 + 1)
    )
    return float(-(result.deviance - 2.0 * correction) / 2.0)


def profile_interval(
    table: CapturePatterns, terms: Sequence[Term], n_hat: float, level: float = 0.95, fmax: float = 3.0
) -> tuple[float, float, float | None]:
    """(N maximising the profile likelihood, lower bound, upper bound or None beyond fmax * n_hat)."""
    x, y_int = design(table, terms)
    y = y_int.astype(np.float64)
    n = table.n_observed

    def loglik(n_total: float) -> float:
        return _profile(x, y, n, n_total)

    upper_search = max(fmax * n_hat, n + 1.0)
    best = optimize.minimize_scalar(
        lambda v: -loglik(v), bounds=(n, upper_search), method="bounded", options={"xatol": 1e-4}
    )
    n_max, l_max = float(best.x), -float(best.fun)
    cut = l_max - stats.chi2.ppf(level, 1) / 2.0

    def gap(v: float) -> float:
        return loglik(v) - cut

    lower = float(n) if gap(float(n)) >= 0 else float(optimize.brentq(gap, n, n_max, xtol=1e-4))
    upper: float | None = None
    if gap(upper_search) < 0:
        upper = float(optimize.brentq(gap, n_max, upper_search, xtol=1e-4))
    return n_max, lower, upper


def estimate_loglinear(
    table: CapturePatterns,
    criterion: str = "bic",
    interactions: Iterable[str | Sequence[str]] | None = None,
    level: float = 0.95,
    max_models: int = MAX_MODELS_DEFAULT,
) -> EstimateResult:
    """Choose the best two-way log-linear model by AIC or BIC (or fit the given ``interactions``) and return
    N-hat, its standard error, the profile-likelihood interval and the ranking of all models."""
    if not 0 < level < 1:
        raise ModelError(f"level must be between 0 and 1, got {level}")
    if interactions is not None:
        chosen = fit_model(table, interactions)
        ranking: list[ModelFit] = [chosen]
    else:
        ranking = rank_models(table, criterion, max_models)
        chosen = ranking[0]
    empty = [name for name, total in table.list_totals().items() if total == 0]
    if empty:
        raise ModelError(f"list(s) with nobody on them: {', '.join(empty)}; drop them before estimating")
    if not chosen.converged:
        raise ModelError(f"the model '{chosen.name}' did not converge (N is not identifiable from these data)")
    n_mult, lower, upper = profile_interval(table, chosen.terms, chosen.n_hat, level)
    return EstimateResult(
        method="loglinear",
        model=chosen.name,
        n_hat=chosen.n_hat,
        se=chosen.se,
        interval=(lower, upper),
        n_observed=table.n_observed,
        lists=table.lists,
        level=level,
        interval_kind="profile likelihood",
        criterion=None if interactions is not None else criterion,
        ranking=tuple(f.as_row() for f in ranking),
        diagnostics={"multinomial_n_hat": n_mult, "warnings": list(chosen.warnings)},
        settings={"interactions": [":".join(t) for t in chosen.terms], "max_order": 2},
    )
