"""Server-side SVG charts (no chart library in the browser): bars per day, figures over time, a posterior
histogram and a line with intervals (an estimate by linkage threshold)."""

from __future__ import annotations

import math
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


def number_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values spread over [low, high] for an axis of estimates (1, 2 or 5 times a power of ten)."""
    span = max(high - low, 1e-9)
    raw = span / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    out, v = [], first
    while v <= high + 1e-9:
        out.append(v)
        v += step
    return out


@dataclass(frozen=True, slots=True)
class HistogramChart:
    """Bars of a posterior with the median and the interval marked (x positions)."""

    width: int
    height: int
    bars: list[Bar]
    x_ticks: list[Tick]
    plot_left: int
    plot_right: int
    plot_bottom: int
    median: float | None
    interval: tuple[float, float] | None


def histogram_chart(
    edges: Sequence[float],
    counts: Sequence[int],
    median: float | None = None,
    interval: tuple[float | None, float | None] | None = None,
    fmt_num: Fmt = plain,
    width: int = 720,
    height: int = 220,
) -> HistogramChart:
    """The posterior of N as bars over its bins; the median as a line, the interval as a band."""
    left, right, top, bottom = 16, 16, 12, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    lo, hi = float(edges[0]), float(edges[-1])
    span = max(hi - lo, 1e-9)
    peak = max(counts, default=0) or 1

    def x_of(v: float) -> float:
        return left + plot_w * (min(max(v, lo), hi) - lo) / span

    bars = [
        Bar(
            x=x_of(edges[i]),
            y=top + plot_h - plot_h * c / peak,
            width=max(0.5, x_of(edges[i + 1]) - x_of(edges[i]) - 0.5),
            height=plot_h * c / peak,
            label=f"{fmt_num(round(edges[i]))}–{fmt_num(round(edges[i + 1]))}: {fmt_num(c)}",
            value=c,
            series="posterior",
        )
        for i, c in enumerate(counts)
    ]
    ticks = [Tick(x_of(v), fmt_num(round(v))) for v in number_ticks(lo, hi, 6)]
    band = None
    if interval and interval[0] is not None and interval[1] is not None:
        band = (x_of(float(interval[0])), x_of(float(interval[1])))
    return HistogramChart(
        width, height, bars, ticks, left, width - right, top + plot_h, None if median is None else x_of(median), band
    )


@dataclass(frozen=True, slots=True)
class LinePoint:
    x: float
    y: float
    y_low: float | None
    y_high: float | None
    label: str


@dataclass(frozen=True, slots=True)
class LineChart:
    width: int
    height: int
    points: list[LinePoint]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


def line_chart(
    xs: Sequence[float],
    ys: Sequence[float],
    lows: Sequence[float | None] | None = None,
    highs: Sequence[float | None] | None = None,
    fmt_x: Fmt = plain,
    fmt_num: Fmt = plain,
    width: int = 560,
    height: int = 220,
) -> LineChart:
    """A line through (x, y) with an optional interval bar at each point (e.g. the estimate by threshold)."""
    left, right, top, bottom = 64, 16, 12, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    lows = lows or [None] * len(ys)
    highs = highs or [None] * len(ys)
    values = [float(v) for v in (*ys, *lows, *highs) if v is not None]
    y_lo, y_hi = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (y_hi - y_lo) * 0.08 or max(1.0, abs(y_hi) * 0.1)
    y_min, y_max = max(0.0, y_lo - pad), y_hi + pad
    ticks_y = number_ticks(y_min, y_max, 5)
    x_lo, x_hi = (min(xs), max(xs)) if xs else (0.0, 1.0)

    def x_of(v: float) -> float:
        return left + plot_w * (0.5 if x_hi == x_lo else 0.04 + 0.92 * (v - x_lo) / (x_hi - x_lo))

    def y_of(v: float) -> float:
        return top + plot_h - plot_h * (v - y_min) / max(y_max - y_min, 1e-9)

    points = [
        LinePoint(
            x_of(x),
            y_of(y),
            None if lo is None else y_of(lo),
            None if hi is None else y_of(hi),
            f"{fmt_x(x)}: {fmt_num(round(y, 1))}",
        )
        for x, y, lo, hi in zip(xs, ys, lows, highs, strict=True)
    ]
    return LineChart(
        width,
        height,
        points,
        [Tick(x_of(x), fmt_x(x)) for x in xs],
        [Tick(y_of(v), fmt_num(v)) for v in ticks_y],
        left,
        width - right,
        top,
        top + plot_h,
    )
