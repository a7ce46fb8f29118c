"""GeoJSON (RFC 7946) of events: one Feature per event, a Point at its place (longitude first, WGS 84), or
a null geometry when the place has no coordinates; the location precision is a property."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

HEAD = '{"type":"FeatureCollection","features":[\n'
TAIL = "\n]}\n"
PROPERTIES = (
    "id", "type", "title", "description", "start_date", "end_date", "date_precision", "location_precision",
    "killed_min", "killed_max", "injured_min", "injured_max", "detained_min", "detained_max", "grade",
    "fatalities",
)


def feature(ev: Mapping[str, Any]) -> dict[str, Any]:
    place = ev.get("place") or {}
    lat, lon = place.get("latitude"), place.get("longitude")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    props = {k: ev.get(k) for k in PROPERTIES}
    props["place"] = place.get("name")
    props["perpetrators"] = [a["name"] for a in ev.get("perpetrators") or []]
    props["sources"] = [s["name"] for s in ev.get("sources") or []]
    return {"type": "Feature", "id": ev["id"], "geometry": geometry, "properties": props}


def feature_text(ev: Mapping[str, Any]) -> str:
    return json.dumps(feature(ev), ensure_ascii=False, default=str)
