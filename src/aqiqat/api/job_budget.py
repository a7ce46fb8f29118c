"""How much computing one request may ask for, by role: the cost of a heavy job is estimated before it starts.

An LCMCR estimate costs chains × (burn_in + samples × thin) sweeps of its sampler; the light defaults of the
workbench cost 24,000. A request over its role's budget is refused at once, naming the cost and the budget,
instead of holding a worker for minutes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden
from aqiqat.domain.enums import UserRole

LCMCR_SWEEPS = {
    UserRole.VIEWER: 60_000,
    UserRole.ANALYST: 250_000,
    UserRole.EDITOR: 250_000,
    UserRole.ADMIN: 1_000_000,
}
DEFAULTS = {"burn_in": 10_000, "samples": 1_000, "thin": 100, "chains": 2}  # as the sampler's own defaults


def lcmcr_sweeps(options: Mapping[str, Any]) -> int:
    """Sampler sweeps an LCMCR run with these options makes (missing options at the sampler's defaults)."""
    o = {**DEFAULTS, **{k: v for k, v in options.items() if v is not None}}
    return int(o["chains"]) * (int(o["burn_in"]) + int(o["samples"]) * int(o["thin"]))


def check_job_budget(principal: Principal, method: str, options: Mapping[str, Any] | None) -> int:
    """The job's cost, or Forbidden (403) when it is over the principal's budget."""
    if method != "lcmcr":
        return 0
    cost = lcmcr_sweeps(options or {})
    budget = LCMCR_SWEEPS[principal.role]
    if cost > budget:
        raise Forbidden(
            f"these LCMCR settings need {cost:,} sampler sweeps (chains × (burn_in + samples × thin)); "
            f"{principal.role} may run at most {budget:,}: lower them"
        )
    return cost
