"""A static SVG map: Natural Earth country borders (world-atlas TopoJSON, no tiles, no network) around the
points, in an equirectangular projection scaled by the cosine of the middle latitude."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

ATLAS = Path("world-atlas") / "countries-50m.json"
WIDTH, HEIGHT = 640, 400


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float
    label: str
    radius: float = 5.0


def find_atlas(node_modules: Path | None = None) -> Path | None:
    """The TopoJSON file: under the configured node_modules, else the nearest node_modules above this package."""
    candidates = [node_modules] if node_modules else []
    candidates += [p / "node_modules" for p in Path(__file__).resolve().parents]
    candidates.append(Path(sys.prefix).parent / "node_modules")  # a virtualenv inside the project checkout
    candidates.append(Path.cwd() / "node_modules")
    for folder in candidates:
        if folder is not None and (folder / ATLAS).is_file():
            return folder / ATLAS
    return None


@lru_cache(maxsize=2)
def _countries(path: str) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """Each country's name and rings as (lon, lat) lists, decoded from the quantised, delta-encoded arcs."""
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        line = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            line.append((x * sx + tx, y * sy + ty))
        arcs.append(line)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            points.extend(part[1:] if points else part)
        return points

    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys: list[Any] = geom.get("arcs") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        rings = [ring(r) for poly in polys for r in poly]
        out.append((str((geom.get("properties") or {}).get("name", "")), rings))
    return out


def _path(points: Iterable[tuple[float, float]]) -> str:
    """A ring as SVG path data, clamped to just outside the frame (the fill inside stays right) and thinned to
    one point per pixel: a country's thousands of points far off the map cost the PDF seconds otherwise."""
    out: list[str] = []
    last = None
    for x, y in points:
        p = (round(min(max(x, -8.0), WIDTH + 8.0)), round(min(max(y, -8.0), HEIGHT + 8.0)))
        if p != last:
            out.append(f"{p[0]},{p[1]}")
            last = p
    return "M" + " L".join(out) + " Z" if len(out) > 2 else ""


def _view(points: Sequence[Point]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points, at least 8 degrees of latitude tall (so that borders
    around a single town show where it is), with a margin."""
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    k = math.cos(math.radians(mid_lat))
    half_h = max((max(lats) - min(lats)) / 2 * 1.3, 4.0)
    half_w = max((max(lons) - min(lons)) / 2 * 1.3, half_h * WIDTH / HEIGHT / k)
    half_h = max(half_h, half_w * k * HEIGHT / WIDTH)
    return mid_lon - half_w, mid_lat - half_h, mid_lon + half_w, mid_lat + half_h


def render(points: Sequence[Point], atlas: Path | None, caption: str = "") -> str:
    """The SVG text: borders (when the atlas is there), the points numbered, a scale of degrees."""
    if not points:
        return ""
    west, south, east, north = _view(points)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) / (east - west) * WIDTH, (north - lat) / (north - south) * HEIGHT

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" font-family="DejaVu Sans, sans-serif">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#dbe7f0"/>']
    labels = []
    if atlas is not None:
        for name, rings in _countries(str(atlas)):
            if not any(west - 5 < lon < east + 5 and south - 5 < lat < north + 5 for r in rings for lon, lat in r[::8]):
                continue
            d = " ".join(_path(xy(lon, lat) for lon, lat in r) for r in rings if len(r) > 2)
            parts.append(f'<path d="{d}" fill="#f4f1ea" stroke="#8a8a8a" stroke-width="0.7" fill-rule="evenodd"/>')
            inside = [(lon, lat) for r in rings for lon, lat in r if west < lon < east and south < lat < north]
            if len(inside) > 20:
                cx = sum(p[0] for p in inside) / len(inside)
                cy = sum(p[1] for p in inside) / len(inside)
                x, y = xy(cx, cy)
                labels.append(f'<text x="{x:.0f}" y="{y + 18:.0f}" font-size="13" fill="#a0a0a0" '
                              f'text-anchor="middle" letter-spacing="2">{escape(name.upper())}</text>')
    parts += labels
    for i, p in enumerate(points, 1):
        x, y = xy(p.lon, p.lat)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{p.radius:.1f}" fill="#b3261e" fill-opacity="0.8" '
                     f'stroke="#fff" stroke-width="1"/>')
        label = f"{i}. {p.label}"
        parts.append(f'<rect x="{x + p.radius + 1:.1f}" y="{y - 8:.1f}" width="{len(label) * 6.6 + 4:.0f}" '
                     f'height="15" fill="#fff" fill-opacity="0.8" rx="2"/>')
        parts.append(f'<text x="{x + p.radius + 3:.1f}" y="{y + 4:.1f}" font-size="11" fill="#222">'
                     f'{escape(label)}</text>')
    parts.append(f'<rect x="0" y="{HEIGHT - 18}" width="{WIDTH}" height="18" fill="#fff" fill-opacity="0.85"/>')
    parts.append(f'<text x="6" y="{HEIGHT - 6}" font-size="9" fill="#555">{escape(caption)} '
                 f'{south:.1f}°–{north:.1f}° N, {west:.1f}°–{east:.1f}° E · Natural Earth</text>')
    parts.append("</svg>")
    return "\n".join(parts)
