"""Report models of many records: the memorial list (a victims list, or everyone recorded as killed) and the
figures report for a period (counts by type, place and grade; claimed against adopted; the MSE estimate)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, cast

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid, NotFound
from aqiqat.api.estimate import estimate_from_memberships, register_memberships
from aqiqat.api.exchange_rows import EventFilter, iter_events, iter_people
from aqiqat.api.lists import list_entries, list_lists
from aqiqat.api.records import visible_levels
from aqiqat.api.register import Register
from aqiqat.api.report_builders import claims_section, span
from aqiqat.api.report_reads import affiliations
from aqiqat.api.stats import figures, subjects
from aqiqat.reports.labels import value
from aqiqat.reports.model import Report
from aqiqat.store.tables import PlaceRow

PAGE = 5000


def place_named(reg: Register, principal: Principal, name: str) -> int:
    with reg.reading() as s:
        found = s.scalar(select(PlaceRow).where(PlaceRow.name == name,
                                                PlaceRow.confidentiality.in_(visible_levels(principal))).limit(1))
        if found is None:
            raise NotFound(f"no place named {name!r}")
        return int(found.id)


def _list_rows(reg: Register, principal: Principal, list_id: int, lang: str) -> tuple[str, list[dict[str, Any]]]:
    meta = next((x for x in list_lists(reg, principal) if x["id"] == list_id), None)
    if meta is None:
        raise NotFound(f"no list {list_id}")
    entries: list[dict[str, Any]] = []
    while batch := list_entries(reg, principal, list_id, limit=PAGE, offset=len(entries)):
        entries += batch
    status = affiliations(reg, principal, [e["person_id"] for e in entries if e.get("person_id")])
    rows = [{"name": e["name"], "age": e.get("age"), "place": e.get("place_text") or "",
             "date": e.get("event_date") or e.get("date_text") or "",
             "circumstances": "; ".join(x for x in (e.get("cause"), e.get("notes")) if x),
             "sources": meta.get("source") or meta["name"],
             "status": value(lang, status.get(e.get("person_id") or -1, "unknown"))} for e in entries]
    return meta["name"], rows


def _killed_rows(reg: Register, principal: Principal, lang: str) -> list[dict[str, Any]]:
    killed: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for p in iter_people(reg, principal):
        for role, event_id, harm in p.get("involvements") or []:
            if role == "victim" and harm == "killed" and not p.get("redacted"):
                killed[event_id].append(p)
    rows = []
    for ev in iter_events(reg, principal, EventFilter(event_ids=tuple(killed))) if killed else ():
        for p in killed[ev["id"]]:
            rows.append({"name": p["display_name"], "age": p.get("age"), "place": (ev["place"] or {}).get("name", ""),
                         "date": ev.get("start_date") or "", "circumstances": ev["title"],
                         "sources": "; ".join(s["name"] for s in ev["sources"]),
                         "status": value(lang, p.get("affiliation"))})
    return rows


def memorial(reg: Register, principal: Principal, list_ref: str, group: str, r: Report, L: dict[str, str],
             lang: str) -> None:
    if group not in ("place", "date"):
        raise Invalid("group the memorial list by place or date")
    if list_ref in ("all", "0"):
        name, rows = L["all_lists"], _killed_rows(reg, principal, lang)
    else:
        try:
            name, rows = _list_rows(reg, principal, int(list_ref), lang)
        except ValueError:
            raise Invalid(f"list: {list_ref!r} is not a list id (or 'all')") from None
    r.title = f"{L['memorial']}: {name}"
    r.subtitle = L["memorial_sub"].format(n=len(rows), by=L["place"] if group == "place" else L["date"])
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[str(row[group] or "—")].append(row)
    for key in sorted(groups):
        r.h2(key)
        r.table([L["name"], L["age"], L["date"] if group == "place" else L["place"], L["circumstances"],
                 L["status"], L["sources"]],
                [[x["name"], x["age"], x["date"] if group == "place" else x["place"], x["circumstances"],
                  x["status"], x["sources"]] for x in sorted(groups[key], key=lambda x: x["name"])])
    if not rows:
        r.note(L["none"])


def figures_report(reg: Register, principal: Principal, f: EventFilter, r: Report, L: dict[str, str],
                   lang: str, place: str | None = None) -> None:
    period = f"{f.date_from or '…'} – {f.date_to or '…'}" if f.date_from or f.date_to else L["all_dates"]
    r.title = f"{L['figures']}: {period}"
    r.subtitle = f"{L['period']}: {period}" + (f" · {L['place']}: {place}" if place else "")
    tally: dict[str, dict[str, dict[str, int]]] = {k: defaultdict(lambda: defaultdict(int))
                                                   for k in ("type", "place", "grade")}
    for ev in iter_events(reg, principal, f):
        keys = {"type": value(lang, ev["type"]), "place": (ev["place"] or {}).get("name") or "—",
                "grade": value(lang, ev["grade"])}
        for dim, key in keys.items():
            t = tally[dim][key]
            t["events"] += 1
            for h in ("killed", "injured", "detained"):
                lo, hi = ev.get(f"{h}_min"), ev.get(f"{h}_max")
                t[f"{h}_min"] += lo or 0
                t[f"{h}_max"] += hi if hi is not None else (lo or 0)
    for dim, label in (("type", "by_type"), ("place", "by_place"), ("grade", "by_grade")):
        r.h2(L[label])
        r.table([L["group"], L["events"], L["killed"], L["injured"], L["detained"]],
                [[k, t["events"], *(span(t[f"{h}_min"], t[f"{h}_max"]) for h in ("killed", "injured", "detained"))]
                 for k, t in sorted(tally[dim].items())], L["none"])
    claims = []
    for subject, _ in subjects(reg, principal):
        for c in figures(reg, principal, subject)["claims"]:
            when = c.get("claimed_on")
            if when is None or ((not f.date_from or when >= f.date_from.isoformat())
                                and (not f.date_to or when <= f.date_to.isoformat())):
                claims.append(c)
    claims_section(r, reg, principal, claims, L, lang)
    r.h2(L["estimate"])
    try:
        people, left_out = register_memberships(reg, principal)  # the lists the reader may see
        est = estimate_from_memberships(cast(Any, people))
        r.kv([(L["value"], f"{est['n_hat']:.0f}"), (L["interval"], span(*[round(x) if x is not None else None
                                                                        for x in est["interval"]])),
              (L["observed"], est["n_observed"]), (L["model"], f"{est['method']}: {est['model']}"),
              (L["list"], ", ".join(est["lists"])),
              *([(L["withheld"], left_out)] if left_out else [])])
    except (Invalid, ValueError) as exc:
        r.note(L["no_estimate"].format(reason=str(exc)))


