"""Uwazi CSV (huridocs/uwazi app/api/csv/): one CSV per template; headers are property names, `title` is
required; `|` joins multiple values; a geolocation is `lat|lon`; a date range `from:to`; a translated column
takes `__ru` or `__en`; files go in a zip beside the CSV and are named in `attachments`.

Relationships (an event's sources, a person's events) are written as the related entities' titles, as
Uwazi imports them; `aqiqat_id` keys a re-import."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

SEP = "|"
TEMPLATES: dict[str, tuple[str, ...]] = {
    "events": ("title", "type", "date", "geolocation", "location", "location_precision", "date_precision",
               "killed", "killed_max", "injured", "injured_max", "detained", "detained_max", "grade",
               "perpetrators", "sources", "description", "aqiqat_id"),
    "people": ("title", "title__ru", "title__en", "surname", "given_name", "patronymic", "sex", "age",
               "birth_year", "affiliation", "occupation", "victim_of", "perpetrator_of", "witness_of", "aqiqat_id"),
    "sources": ("title", "kind", "reliability", "url", "notes", "attachments", "aqiqat_id"),
}
ROLES = {"victim_of": "victim", "perpetrator_of": "perpetrator", "witness_of": "witness"}
CYRILLIC = re.compile("[\u0400-\u04ff]")


def join(values: list[Any]) -> str:
    """Multiple values, `|`-separated; a `|` inside one value would split it, so it becomes `/`."""
    return SEP.join(str(v).replace(SEP, "/") for v in values if v not in (None, ""))


def split(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split(SEP) if p.strip()]


def daterange(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    return f"{start}:{end or start}"


def geolocation(lat: float | None, lon: float | None) -> str:
    return f"{lat}{SEP}{lon}" if lat is not None and lon is not None else ""


def _num(v: Any) -> Any:
    return "" if v is None else v


def event_row(ev: Mapping[str, Any]) -> dict[str, Any]:
    place = ev.get("place") or {}
    return {
        "title": ev.get("title", ""),
        "type": ev["type"],
        "date": daterange(ev.get("start_date"), ev.get("end_date")),
        "geolocation": geolocation(place.get("latitude"), place.get("longitude")),
        "location": place.get("name", ""),
        "location_precision": ev.get("location_precision", ""),
        "date_precision": ev.get("date_precision", ""),
        **{f"{h}{suffix}": _num(ev.get(f"{h}_{m}")) for h in ("killed", "injured", "detained")
           for suffix, m in (("", "min"), ("_max", "max"))},
        "grade": ev.get("grade", ""),
        "perpetrators": join([a["name"] for a in ev.get("perpetrators") or []]),
        "sources": join([s["name"] for s in ev.get("sources") or []]),
        "description": ev.get("description", ""),
        "aqiqat_id": ev["id"],
    }


def person_row(p: Mapping[str, Any], events: Mapping[str, list[str]]) -> dict[str, Any]:
    """A person; `events` maps each role column (victim_of ...) to the titles of their events."""
    names = [n for n in p.get("names") or [] if n]
    cyr = next((n for n in names if CYRILLIC.search(n)), "")
    lat = next((n for n in names if not CYRILLIC.search(n)), "")
    return {
        "title": p.get("display_name", ""),
        "title__ru": cyr,
        "title__en": lat,
        **{k: _num(p.get(k)) for k in ("surname", "given_name", "patronymic", "sex", "age", "birth_year",
                                         "affiliation", "occupation")},
        **{col: join(events.get(col, [])) for col in ROLES},
        "aqiqat_id": p["id"],
    }


def source_row(s: Mapping[str, Any], files: list[str]) -> dict[str, Any]:
    return {"title": s.get("name", ""), "kind": s.get("kind", ""), "reliability": s.get("reliability", ""),
            "url": s.get("url") or "", "notes": s.get("notes", ""), "attachments": join(files),
            "aqiqat_id": s["id"]}


def template_of(headers: list[str]) -> str | None:
    """Which of our templates a CSV's headers fit best (None when there is no `title` column)."""
    if "title" not in headers:
        return None
    score = {name: len(set(cols) & set(headers)) for name, cols in TEMPLATES.items()}
    return max(score, key=lambda k: score[k])


def parse_daterange(text: str) -> tuple[str | None, str | None]:
    text = (text or "").strip()
    if not text:
        return None, None
    start, _, end = text.partition(":")
    try:
        first = date.fromisoformat(start.strip()).isoformat()
        last = date.fromisoformat(end.strip()).isoformat() if end.strip() else None
    except ValueError:
        raise ValueError(f"date: {text!r} is not YYYY-MM-DD or YYYY-MM-DD:YYYY-MM-DD") from None
    return first, (last if last != first else None)


def parse_geolocation(text: str) -> tuple[float | None, float | None]:
    parts = split(text)
    if not parts:
        return None, None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except (ValueError, IndexError):
        raise ValueError(f"geolocation: {text!r} is not lat|lon") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"geolocation: {text!r} is outside the globe")
    return lat, lon


def parse_int(row: Mapping[str, str], key: str) -> int | None:
    text = (row.get(key) or "").strip()
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        raise ValueError(f"{key}: {text!r} is not a number") from None


def parse_event(row: Mapping[str, str]) -> dict[str, Any]:
    start, end = parse_daterange(row.get("date", ""))
    lat, lon = parse_geolocation(row.get("geolocation", ""))
    event: dict[str, Any] = {
        "title": row["title"].strip(), "type": (row.get("type") or "other").strip() or "other",
        "start_date": start, "end_date": end, "description": row.get("description", "").strip(),
        "date_precision": (row.get("date_precision") or "").strip() or ("day" if start else "unknown"),
        "location_precision": (row.get("location_precision") or "").strip() or "unknown",
        "grade": (row.get("grade") or "").strip() or "weak",
    }
    for harm in ("killed", "injured", "detained"):
        event[f"{harm}_min"], event[f"{harm}_max"] = parse_int(row, harm), parse_int(row, f"{harm}_max")
    location = (row.get("location") or "").strip()
    place = {"name": location, "latitude": lat, "longitude": lon} if location else None
    return {"event": event, "place": place, "perpetrators": split(row.get("perpetrators", "")),
            "sources": split(row.get("sources", ""))}


def parse_person(row: Mapping[str, str]) -> dict[str, Any]:
    person: dict[str, Any] = {"display_name": row["title"].strip()}
    for key in ("surname", "given_name", "patronymic", "occupation"):
        person[key] = (row.get(key) or "").strip()
    for key in ("sex", "affiliation"):
        person[key] = (row.get(key) or "").strip() or "unknown"
    person["age"], person["birth_year"] = parse_int(row, "age"), parse_int(row, "birth_year")
    names = [n for n in ((row.get("title__ru") or "").strip(), (row.get("title__en") or "").strip()) if n]
    links = {ROLES[col]: split(row.get(col, "")) for col in ROLES}
    return {"person": person, "names": names, "links": links}


def parse_source(row: Mapping[str, str]) -> dict[str, Any]:
    return {"source": {"name": row["title"].strip(), "kind": (row.get("kind") or "other").strip() or "other",
                       "reliability": (row.get("reliability") or "unknown").strip() or "unknown",
                       "url": (row.get("url") or "").strip() or None, "notes": (row.get("notes") or "").strip()},
            "attachments": split(row.get("attachments", ""))}
