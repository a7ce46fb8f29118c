"""The result of an estimate, shared by every method; serialises to JSON."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any


class EstimateError(ValueError):
    """Input or settings an estimate cannot use; the message is one line and says why."""


@dataclass(frozen=True)
class Histogram:
    """Binned posterior draws of N, for any UI to draw: len(edges) == len(counts) + 1."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class EstimateResult:
    """An estimate of the total population N (documented plus undocumented) and its uncertainty.

    ``interval`` is the 95% (``level``) interval: profile-likelihood for log-linear models, the posterior
    credible interval for LCMCR. ``interval[1]`` is None when the upper bound lies beyond the search range.
    ``ranking`` lists the competing models best first (log-linear); ``diagnostics`` holds convergence
    figures (LCMCR) or fit warnings; ``histogram`` the posterior of N (LCMCR).
    """

    method: str
    model: str
    n_hat: float
    se: float | None
    interval: tuple[float, float | None]
    n_observed: int
    lists: tuple[str, ...]
    level: float = 0.95
    interval_kind: str = ""
    criterion: str | None = None
    ranking: tuple[dict[str, Any], ...] = ()
    diagnostics: dict[str, Any] = field(default_factory=dict)
    posterior: dict[str, float] = field(default_factory=dict)
    histogram: Histogram | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    stratum: str | None = None
    draws: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @property
    def n_unobserved(self) -> float:
        """The estimated number of people on no list."""
        return self.n_hat - self.n_observed

    def to_dict(self, include_draws: bool = False) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists, non-finite floats become None); posterior draws only
        when asked for."""
        data = asdict(self)
        if not include_draws:
            data.pop("draws")
        data["n_unobserved"] = self.n_unobserved
        return dict(_finite(data))

    def to_json(self, include_draws: bool = False, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(include_draws), ensure_ascii=False, **kwargs)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return _finite(value.item())
    return value
