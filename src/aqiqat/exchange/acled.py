"""ACLED-style CSV: the columns of ACLED's 2023+ export, our taxonomy mapped onto theirs, and back.

An event reaches `acled_row` as a plain dict (see api/exchange_rows.py): its fields, its place with the
administrative areas above it, its perpetrator and victim actors, its sources and its fatalities figure."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from aqiqat.exchange.countries import code_for, country_of

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# ours, after ACLED's: the range of each harm, the grade and the record's id, and what a round trip needs
EXTRA_COLUMNS = (
    "killed_min", "killed_max", "injured_min", "injured_max", "detained_min", "detained_max", "grade",
    "aqiqat_id", "aqiqat_type", "aqiqat_title", "aqiqat_end_date", "aqiqat_date_precision",
    "aqiqat_location_precision",
)
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS

VAC = ("Political violence", "Violence against civilians")
SD = ("Strategic developments", "Strategic developments")
# our event type -> (disorder_type, event_type, sub_event_type); the table is in docs/exchange.md too
EVENT_TYPES: dict[str, tuple[str, str, str]] = {
    "protest": ("Demonstrations", "Protests", "Peaceful protest"),
    "riot": ("Demonstrations", "Riots", "Violent demonstration"),
    "arson": ("Political violence", "Riots", "Mob violence"),
    "shooting": (*VAC, "Attack"),
    "killing": (*VAC, "Attack"),
    "injury": (*VAC, "Attack"),
    "torture": (*VAC, "Attack"),
    "enforced_disappearance": (*VAC, "Abduction/forced disappearance"),
    "detention": (*SD, "Arrests"),
    "property_destruction": (*SD, "Looting/property destruction"),
    "planted_evidence": (*SD, "Other"),
    "fabricated_case": (*SD, "Other"),
    "prosecution": (*SD, "Other"),
    "order_to_shoot": (*SD, "Other"),
    "internet_shutdown": (*SD, "Other"),
    "threat": (*SD, "Other"),
    "statement": (*SD, "Other"),
    "other": (*SD, "Other"),
}
# an ACLED sub-event type read from a file without our own type column -> our type
FROM_SUB_EVENT = {
    "Peaceful protest": "protest", "Protest with intervention": "protest", "Excessive force against protesters":
    "shooting", "Violent demonstration": "riot", "Mob violence": "riot", "Attack": "killing",
    "Abduction/forced disappearance": "enforced_disappearance", "Arrests": "detention",
    "Looting/property destruction": "property_destruction", "Armed clash": "shooting",
}
# our actor kind -> ACLED's actor category (inter1/inter2)
INTER = {
    "state_security": "State forces", "military": "State forces", "police": "State forces",
    "government": "State forces", "armed_group": "Political militia", "civil_society": "Protesters",
    "media": "Civilians", "unknown": "External/Other forces",
}
FROM_INTER = {"State forces": "state_security", "Political militia": "armed_group", "Rebel group": "armed_group",
              "Identity militia": "armed_group", "Protesters": "civil_society", "Rioters": "civil_society",
              "Civilians": "unknown", "External/Other forces": "unknown"}
# our date precision -> ACLED's time_precision (1 day, 2 week or month, 3 longer)
TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3, "unknown": 3}
FROM_TIME_PRECISION = {"1": "day", "2": "month", "3": "year"}
# our location precision -> ACLED's geo_precision (1 the town itself, 2 near it or a district, 3 a region)
GEO_PRECISION = {"exact": 1, "town": 1, "district": 2, "region": 3, "country": 3, "unknown": 3}
FROM_GEO_PRECISION = {"1": "town", "2": "district", "3": "region"}
FROM_SOURCE_SCALE = {"National": "media", "Local partner-Other": "ngo", "New media": "social_media", "Other": "other",
                     "International": "media", "Regional": "media", "Subnational": "media"}
# our source kind -> ACLED's source_scale
SOURCE_SCALE = {"media": "National", "ngo": "Local partner-Other", "official": "National",
                "witness": "Local partner-Other", "social_media": "New media", "list": "Other", "other": "Other"}
CIVILIAN_TYPES = {"shooting", "killing", "injury", "torture", "enforced_disappearance"}


def _names(items: list[Mapping[str, Any]]) -> list[str]:
    return [str(a["name"]) for a in items if a.get("name")]


def _stamp(value: Any) -> int | str:
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, str) and value:
        return int(datetime.fromisoformat(value).timestamp())
    return ""


def acled_row(ev: Mapping[str, Any]) -> dict[str, Any]:
    """One event as an ACLED row (ACLED's columns, then ours)."""
    place = ev.get("place") or {}
    numeric, alpha3, country, region = country_of(place.get("country_code"))
    disorder, etype, sub = EVENT_TYPES.get(ev["type"], EVENT_TYPES["other"])
    perps, victims = list(ev.get("perpetrators") or []), list(ev.get("victim_actors") or [])
    civilians = bool(ev.get("victims_civilian"))
    actor2 = _names(victims)[:1] or ([f"Civilians ({country})" if country else "Civilians"] if civilians else [])
    inter1 = INTER.get(perps[0].get("kind", "unknown"), "") if perps else ""
    inter2 = INTER.get(victims[0].get("kind", "unknown"), "") if victims else ("Civilians" if civilians else "")
    admin = list(ev.get("admin") or []) + ["", "", ""]
    start = ev.get("start_date") or ""
    sources = list(ev.get("sources") or [])
    scales = sorted({SOURCE_SCALE.get(s.get("kind") or "other", "Other") for s in sources})
    row = {
        "event_id_cnty": f"{alpha3 or 'XXX'}{ev['id']}",
        "event_date": start,
        "year": start[:4],
        "time_precision": TIME_PRECISION.get(ev.get("date_precision") or "unknown", 3),
        "disorder_type": disorder,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": _names(perps)[0] if perps else "",
        "assoc_actor_1": "; ".join(_names(perps)[1:]),
        "inter1": inter1,
        "actor2": actor2[0] if actor2 else "",
        "assoc_actor_2": "; ".join(_names(victims)[1:]),
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else inter1 or inter2,
        "civilian_targeting": "Civilian targeting" if civilians and ev["type"] in CIVILIAN_TYPES else "",
        "iso": numeric,
        "region": region,
        "country": country,
        "admin1": admin[0],
        "admin2": admin[1],
        "admin3": admin[2],
        "location": place.get("name", ""),
        "latitude": place.get("latitude") if place.get("latitude") is not None else "",
        "longitude": place.get("longitude") if place.get("longitude") is not None else "",
        "geo_precision": GEO_PRECISION.get(ev.get("location_precision") or "unknown", 3),
        "source": "; ".join(_names(sources)),
        "source_scale": "-".join(scales),
        "notes": ev.get("description") or ev.get("title") or "",
        "fatalities": ev.get("fatalities") if ev.get("fatalities") is not None else 0,
        "tags": f"grade: {ev.get('grade', '')}",
        "timestamp": _stamp(ev.get("updated_at")),
    }
    row.update({k: ev.get(k) if ev.get(k) is not None else "" for k in EXTRA_COLUMNS[:7]})
    row.update(
        aqiqat_id=ev["id"], aqiqat_type=ev["type"], aqiqat_title=ev.get("title", ""),
        aqiqat_end_date=ev.get("end_date") or "", aqiqat_date_precision=ev.get("date_precision", ""),
        aqiqat_location_precision=ev.get("location_precision", ""),
    )
    return row


def _int(row: Mapping[str, str], key: str) -> int | None:
    text = (row.get(key) or "").strip()
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        raise ValueError(f"{key}: {text!r} is not a number") from None


def _float(row: Mapping[str, str], key: str, low: float, high: float) -> float | None:
    text = (row.get(key) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{key}: {text!r} is not a number") from None
    if not low <= value <= high:
        raise ValueError(f"{key}: {value} is outside {low}..{high}")
    return value


def _date(text: str, key: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d %B %Y").date()):
        try:
            return parse(text).isoformat()
        except ValueError:
            continue
    raise ValueError(f"{key}: {text!r} is not a date (YYYY-MM-DD or '7 January 2022')")


def split_names(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split(";") if p.strip()]


def parse_row(row: Mapping[str, str]) -> dict[str, Any]:
    """An ACLED row as what the register needs: event fields, place, actors, sources and the external id.
    Raises ValueError with one line naming the bad cell."""
    external = (row.get("event_id_cnty") or "").strip()
    if not external:
        raise ValueError("event_id_cnty is empty")
    kind = (row.get("aqiqat_type") or "").strip() or FROM_SUB_EVENT.get((row.get("sub_event_type") or "").strip())
    if kind is None or kind not in EVENT_TYPES:
        raise ValueError(f"sub_event_type: {row.get('sub_event_type')!r} has no matching event type")
    start = _date(row.get("event_date") or "", "event_date")
    fatalities = _int(row, "fatalities")
    event: dict[str, Any] = {
        "type": kind,
        "title": (row.get("aqiqat_title") or "").strip()
        or f"{row.get('sub_event_type', '')}: {row.get('location', '')}",
        "description": (row.get("notes") or "").strip(),
        "start_date": start,
        "end_date": _date(row.get("aqiqat_end_date") or "", "aqiqat_end_date"),
        "date_precision": (row.get("aqiqat_date_precision") or "").strip()
        or FROM_TIME_PRECISION.get((row.get("time_precision") or "").strip(), "unknown"),
        "location_precision": (row.get("aqiqat_location_precision") or "").strip()
        or FROM_GEO_PRECISION.get((row.get("geo_precision") or "").strip(), "unknown"),
        "grade": (row.get("grade") or "").strip() or "weak",
    }
    for harm in ("killed", "injured", "detained"):
        event[f"{harm}_min"], event[f"{harm}_max"] = _int(row, f"{harm}_min"), _int(row, f"{harm}_max")
    if "killed_min" not in row and fatalities is not None:  # a plain ACLED file: its one figure
        event["killed_min"] = event["killed_max"] = fatalities
    lat, lon = _float(row, "latitude", -90, 90), _float(row, "longitude", -180, 180)
    country = (row.get("country") or "").strip()
    place = None
    if (row.get("location") or "").strip():
        place = {"name": row["location"].strip(), "latitude": lat, "longitude": lon,
                 "country_code": code_for(country, row.get("iso") or ""),
                 "admin": [a for a in (row.get(f"admin{i}", "").strip() for i in (1, 2, 3)) if a]}
    perpetrators = [{"name": n, "kind": FROM_INTER.get((row.get("inter1") or "").strip(), "unknown")}
                    for n in split_names(row.get("actor1", "")) + split_names(row.get("assoc_actor_1", ""))]
    victims = [{"name": n, "kind": FROM_INTER.get((row.get("inter2") or "").strip(), "unknown")}
               for n in split_names(row.get("actor2", "")) + split_names(row.get("assoc_actor_2", ""))
               if not n.startswith("Civilians")]
    return {"external_id": external, "event": event, "place": place, "perpetrators": perpetrators,
            "victims": victims, "civilians": (row.get("actor2") or "").startswith("Civilians"),
            "sources": split_names(row.get("source", "")),
            "source_kind": FROM_SOURCE_SCALE.get((row.get("source_scale") or "").strip(), "media")}


def missing_columns(headers: list[str]) -> list[str]:
    """ACLED columns an import cannot do without."""
    return [c for c in ("event_id_cnty", "event_date", "sub_event_type") if c not in headers]
