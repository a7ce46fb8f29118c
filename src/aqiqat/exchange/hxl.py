"""HXL-tagged CSV of events: the header row, then a row of HXL hashtags, then the data
(https://hxlstandard.org/standard/1-1final/dictionary/)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# (column header, HXL hashtag with attributes, how the value is read from an exchange event)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "#event+id"),
    ("type", "#event+type"),
    ("title", "#event+name"),
    ("start_date", "#date+start"),
    ("end_date", "#date+end"),
    ("date_precision", "#meta+date_precision"),
    ("country", "#country+code"),
    ("admin1", "#adm1+name"),
    ("admin2", "#adm2+name"),
    ("location", "#loc+name"),
    ("latitude", "#geo+lat"),
    ("longitude", "#geo+lon"),
    ("location_precision", "#meta+location_precision"),
    ("perpetrators", "#org+perpetrator"),
    ("killed_min", "#affected+killed+min"),
    ("killed_max", "#affected+killed+max"),
    ("injured_min", "#affected+injured+min"),
    ("injured_max", "#affected+injured+max"),
    ("detained_min", "#affected+detained+min"),
    ("detained_max", "#affected+detained+max"),
    ("grade", "#status+verification"),
    ("sources", "#meta+source"),
)
HEADERS = [c for c, _ in COLUMNS]
TAGS = [t for _, t in COLUMNS]


def hxl_row(ev: Mapping[str, Any]) -> list[Any]:
    place = ev.get("place") or {}
    admin = list(ev.get("admin") or []) + ["", ""]
    values = {
        **{k: ev.get(k) for k in HEADERS},
        "country": place.get("country_code") or "",
        "admin1": admin[0],
        "admin2": admin[1],
        "location": place.get("name") or "",
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "perpetrators": "; ".join(a["name"] for a in ev.get("perpetrators") or []),
        "sources": "; ".join(s["name"] for s in ev.get("sources") or []),
    }
    return ["" if values[h] is None else values[h] for h in HEADERS]
