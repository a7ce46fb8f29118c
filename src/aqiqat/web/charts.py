"""Server-side SVG charts (no chart library in the browser): bars per day, and figures over time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

Fmt = Callable[[Any], str]


def plain(value: Any) -> str:
    """A number without a needless ".0"; anything else as text."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float
    series: str


@dataclass(frozen=True, slots=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: int
    plot_bottom: int


def nice_max(value: float) -> float:
    """A round upper bound for an axis; at least 4 so that small counts get whole-number ticks."""
    if value <= 4:
        return 4.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 4, 5, 8, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def day_bars(
    days: Sequence[date],
    series: dict[str, Sequence[float]],
    fmt_day: Fmt = str,
    fmt_num: Fmt = plain,
    width: int = 960,
    height: int = 280,
    stacked_on: dict[str, str] | None = None,
) -> BarChart:
    """Grouped bars: one group per day, one bar per series (e.g. events and deaths); a series named in
    `stacked_on` is drawn on top of its base series (e.g. the uncertain part of a min–max count)."""
    stacked_on = stacked_on or {}
    left, right, top, bottom = 48, 12, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [
        v + (sum(series[s][i] for s, base in stacked_on.items() if base == name) if name not in stacked_on else 0)
        for name, vals in series.items()
        for i, v in enumerate(vals)
    ]
    top_value = nice_max(max(totals, default=0))
    n = max(1, len(days))
    group = plot_w / n
    slots = [name for name in series if name not in stacked_on]
    bar_w = max(1.0, group * 0.8 / max(1, len(slots)))
    bars: list[Bar] = []
    for name, values in series.items():
        base = stacked_on.get(name)
        slot = slots.index(base if base else name)
        for i, v in enumerate(values):
            under = series[base][i] if base else 0
            h = plot_h * (v / top_value)
            y0 = top + plot_h - plot_h * (under / top_value)
            bars.append(
                Bar(
                    x=left + i * group + group * 0.1 + slot * bar_w,
                    y=y0 - h,
                    width=bar_w,
                    height=h,
                    label=f"{fmt_day(days[i])}: {fmt_num(under + v)}",
                    value=v,
                    series=name,
                )
            )
    every = max(1, n // 10)
    x_ticks = [Tick(left + i * group + group / 2, fmt_day(d)) for i, d in enumerate(days) if i % every == 0]
    y_ticks = [Tick(top + plot_h - plot_h * f, fmt_num(top_value * f)) for f in (0, 0.25, 0.5, 0.75, 1)]
    return BarChart(width, height, bars, x_ticks, y_ticks, left, top + plot_h)


@dataclass(frozen=True, slots=True)
class RangePoint:
    x: float
    y_low: float
    y_high: float
    label: str


@dataclass(frozen=True, slots=True)
class RangeChart:
    width: int
    height: int
    points: list[RangePoint]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: int
    plot_bottom: int
    adopted: tuple[float, float] | None


def figure_chart(
    claims: Sequence[dict[str, object]],
    adopted: tuple[float | None, float | None] | None,
    fmt_day: Fmt = str,
    fmt_num: Fmt = plain,
    width: int = 960,
    height: int = 260,
) -> RangeChart:
    """Each claimed figure as a point (or a min–max bar) at the day it was claimed; the adopted range as a band."""
    left, right, top, bottom = 64, 16, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    items: list[tuple[date, float, float, str]] = []
    for c in claims:
        day = c.get("claimed_on")
        low = c.get("value_min") if c.get("value_min") is not None else c.get("value")
        high = c.get("value_max") if c.get("value_max") is not None else c.get("value")
        if not day or (low is None and high is None):
            continue
        d = date.fromisoformat(str(day)[:10])
        lo = float(low if low is not None else high)  # type: ignore[arg-type]
        hi = float(high if high is not None else low)  # type: ignore[arg-type]
        items.append((d, lo, hi, str(c.get("claimant_label") or "")))
    values = [v for _, lo, hi, _ in items for v in (lo, hi)]
    if adopted:
        values += [float(v) for v in adopted if v is not None]
    top_value = nice_max(max(values, default=0))
    days = sorted({d for d, *_ in items})
    span = max(1, (days[-1] - days[0]).days) if days else 1

    def x_of(d: date) -> float:
        if len(days) <= 1:
            return left + plot_w / 2
        return left + plot_w * 0.05 + plot_w * 0.9 * (d - days[0]).days / span

    def y_of(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    points = [
        RangePoint(
            x_of(d), y_of(lo), y_of(hi), f"{who}: {fmt_num(lo)}{'' if lo == hi else '–' + fmt_num(hi)} ({fmt_day(d)})"
        )
        for d, lo, hi, who in items
    ]
    x_ticks = [Tick(x_of(d), fmt_day(d)) for d in days[:: max(1, len(days) // 8)]]
    y_ticks = [Tick(y_of(top_value * f), fmt_num(top_value * f)) for f in (0, 0.25, 0.5, 0.75, 1)]
    band = None
    if adopted and (adopted[0] is not None or adopted[1] is not None):
        lo_a = adopted[0] if adopted[0] is not None else adopted[1]
        hi_a = adopted[1] if adopted[1] is not None else adopted[0]
        band = (y_of(float(hi_a)), y_of(float(lo_a)))  # type: ignore[arg-type]
    return RangeChart(width, height, points, x_ticks, y_ticks, left, top + plot_h, band)
