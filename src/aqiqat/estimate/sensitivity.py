"""How the estimate moves with the linkage threshold: a missed link splits one person in two, each on fewer
lists, which looks like fewer overlaps and inflates N; a false link does the opposite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aqiqat.estimate.methods import estimate_table
from aqiqat.estimate.patterns import CapturePatterns
from aqiqat.estimate.result import EstimateError, EstimateResult


@dataclass(frozen=True)
class ThresholdEstimate:
    """The estimate obtained from the capture patterns linked at one match threshold."""

    threshold: float
    result: EstimateResult

    def to_dict(self) -> dict[str, Any]:
        return {"threshold": self.threshold, **self.result.to_dict()}


def estimates_by_threshold(
    tables: Sequence[tuple[float, CapturePatterns]], method: str = "loglinear", criterion: str = "bic", **options: Any
) -> list[ThresholdEstimate]:
    """One estimate per (threshold, table), sorted by threshold. Every table must cover the same lists."""
    if not tables:
        raise EstimateError("no thresholds given")
    lists = {table.lists for _, table in tables}
    if len(lists) > 1:
        raise EstimateError("tables for different thresholds cover different lists")
    out = []
    for threshold, table in sorted(tables, key=lambda pair: pair[0]):
        try:
            out.append(ThresholdEstimate(float(threshold), estimate_table(table, method, criterion, **options)))
        except EstimateError as exc:
            raise EstimateError(f"threshold {threshold}: {exc}") from None
    return out


def headline_outside(n_hat: float, points: Sequence[ThresholdEstimate | float]) -> str | None:
    """"above" or "below" when a headline estimate lies outside the range of the estimates by threshold,
    else None: a page showing both must then say why (the headline counts people as reviewed, the table as
    the linker clusters them before review)."""
    values = [p.result.n_hat if isinstance(p, ThresholdEstimate) else float(p) for p in points]
    if not values:
        return None
    if n_hat > max(values):
        return "above"
    if n_hat < min(values):
        return "below"
    return None
