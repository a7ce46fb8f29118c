"""Use cases: counts that show where each number comes from, the timeline, the map, figures over time,
and the adopted figure for a subject with the rule that chose it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.records import evidence_of, visible_levels
from aqiqat.api.register import Register, row_dict, utcnow
from aqiqat.domain.enums import AdoptionRule, AuditAction, VerificationGrade
from aqiqat.store.tables import AdoptedFigureRow, ClaimRow, EventRow, PlaceRow

HARMS = ("killed", "injured", "detained")
DEFAULT_GRADES = (VerificationGrade.CONFIRMED, VerificationGrade.FAIR)
GROUPS = ("type", "place", "day", "month", "grade")


def _grades(grades: Iterable[str] | None) -> set[str]:
    if not grades:
        return {str(g) for g in DEFAULT_GRADES}
    known = {str(g) for g in VerificationGrade}
    chosen = set(grades)
    if not chosen <= known:
        raise Invalid(f"grade is one of {', '.join(sorted(known))}")
    return chosen


def _visible_events(
    s: Any,
    principal: Principal,
    grades: set[str] | None,
    date_from: date | None,
    date_to: date | None,
    types: Iterable[str] | None = None,
    hidden: list[int] | None = None,
) -> list[EventRow]:
    """The events the reader may see (filtered in SQL); `hidden` gets how many others matched."""
    query = select(EventRow)
    if grades is not None:
        query = query.where(EventRow.grade.in_(sorted(grades)))
    if date_from:
        query = query.where(EventRow.start_date >= date_from)
    if date_to:
        query = query.where(EventRow.start_date <= date_to)
    if types:
        query = query.where(EventRow.type.in_(list(types)))
    seen = visible_levels(principal)
    if hidden is not None:
        conds = query.whereclause
        left = select(func.count(EventRow.id)).where(EventRow.confidentiality.not_in(seen))
        hidden.append(int(s.scalar(left.where(conds) if conds is not None else left) or 0))
    return list(s.scalars(query.where(EventRow.confidentiality.in_(seen))))


def counts(
    reg: Register,
    principal: Principal,
    by: str = "type",
    grades: Iterable[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict[str, Any]:
    """Totals of events and of people killed, injured and detained (min and max) per group, for events of
    the grades included (by default only "confirmed" and "fair")."""
    if by not in GROUPS:
        raise Invalid(f"group by one of {', '.join(GROUPS)}")
    chosen = _grades(grades)
    left_out: list[int] = []
    with reg.reading() as s:
        events = _visible_events(s, principal, chosen, date_from, date_to, hidden=left_out)
        places = _place_names(s, principal)
    groups: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"events": 0, **{f"{h}_{m}": 0 for h in HARMS for m in ("min", "max")}}
    )
    unknown_max: Counter[str] = Counter()
    for ev in events:
        key = _group_key(ev, by, places)
        g = groups[key]
        g["events"] += 1
        for h in HARMS:
            lo, hi = getattr(ev, f"{h}_min"), getattr(ev, f"{h}_max")
            g[f"{h}_min"] += lo or 0
            g[f"{h}_max"] += hi if hi is not None else (lo or 0)
            if lo is not None and hi is None:
                unknown_max[h] += 1
    rows = [{"group": k, **v} for k, v in sorted(groups.items())]
    total = {"group": "total", "events": len(events)}
    for col in (f"{h}_{m}" for h in HARMS for m in ("min", "max")):
        total[col] = sum(r[col] for r in rows)
    return {
        "by": by,
        "grades": sorted(chosen),
        "rows": rows,
        "total": total,
        "left_out": left_out[0],
        "note": "min and max add up each event's own range; events of other grades are left out"
        + (f"; {left_out[0]} events above your clearance are left out" if left_out[0] else ""),
    }


def _place_names(s: Any, principal: Principal) -> dict[int, str]:
    seen = visible_levels(principal)
    return {p.id: row_dict(p)["name"] for p in s.scalars(select(PlaceRow).where(PlaceRow.confidentiality.in_(seen)))}


def _group_key(ev: EventRow, by: str, places: dict[int, str]) -> str:
    if by == "type":
        return ev.type
    if by == "grade":
        return ev.grade
    if by == "place":
        return places.get(ev.place_id or -1, "(place unknown)")
    if ev.start_date is None:
        return "(date unknown)"
    return ev.start_date.isoformat() if by == "day" else ev.start_date.isoformat()[:7]


def timeline(
    reg: Register,
    principal: Principal,
    date_from: date | None = None,
    date_to: date | None = None,
    types: Iterable[str] | None = None,
    grades: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Events and deaths per day (events with a day-precise date), every grade unless some are named."""
    with reg.reading() as s:
        events = _visible_events(s, principal, set(grades) if grades else None, date_from, date_to, types)
    days: dict[date, dict[str, Any]] = {}
    for ev in events:
        if ev.start_date is None or ev.date_precision not in ("day", "week"):
            continue
        d = days.setdefault(
            ev.start_date,
            {"day": ev.start_date.isoformat(), "events": 0, "killed_min": 0, "killed_max": 0, "types": Counter()},
        )
        d["events"] += 1
        d["killed_min"] += ev.killed_min or 0
        d["killed_max"] += ev.killed_max if ev.killed_max is not None else (ev.killed_min or 0)
        d["types"][ev.type] += 1
    return [{**v, "types": dict(v["types"])} for _, v in sorted(days.items())]


def map_points(
    reg: Register,
    principal: Principal,
    date_from: date | None = None,
    date_to: date | None = None,
    types: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Events at their places (only places with coordinates), with deaths and location precision."""
    with reg.reading() as s:
        events = _visible_events(s, principal, None, date_from, date_to, types)
        seen = visible_levels(principal)
        places = {
            p.id: p
            for p in s.scalars(
                select(PlaceRow).where(PlaceRow.latitude.is_not(None), PlaceRow.confidentiality.in_(seen))
            )
        }
        titles = {ev.id: row_dict(ev)["title"] for ev in events if ev.sealed is not None}
        names = {pid: row_dict(p)["name"] for pid, p in places.items() if p.sealed is not None}
    out = []
    for ev in events:
        place = places.get(ev.place_id or -1)
        if place is None:
            continue
        out.append(
            {
                "event_id": ev.id,
                "title": titles.get(ev.id, ev.title),
                "type": ev.type,
                "grade": ev.grade,
                "date": ev.start_date.isoformat() if ev.start_date else None,
                "place": names.get(place.id, place.name),
                "lat": place.latitude,
                "lon": place.longitude,
                "location_precision": ev.location_precision,
                "killed_min": ev.killed_min,
                "killed_max": ev.killed_max,
            }
        )
    return out


def figures(reg: Register, principal: Principal, subject: str) -> dict[str, Any]:
    """Every claimed figure about one subject (e.g. "killed") across sources, in time order, and the adopted one."""
    with reg.reading() as s:
        seen = visible_levels(principal)
        claims = s.scalars(
            select(ClaimRow)
            .where(ClaimRow.subject == subject, ClaimRow.kind == "figure", ClaimRow.confidentiality.in_(seen))
            .order_by(ClaimRow.claimed_on.is_(None), ClaimRow.claimed_on, ClaimRow.id)
        ).all()
        visible = [{**row_dict(c), "evidence": evidence_of(s, "claim", c.id, principal)} for c in claims]
        adopted = s.scalar(select(AdoptedFigureRow).where(AdoptedFigureRow.subject == subject))
        return {"subject": subject, "claims": visible, "adopted": adopted_view(adopted, principal)}


def adopted_view(row: AdoptedFigureRow | None, principal: Principal) -> dict[str, Any] | None:
    """An adopted figure as the reader may see it: one adopted from claims above their clearance is said to
    exist, never given (its value would reveal theirs)."""
    if row is None:
        return None
    if not principal.may_see(row.confidentiality):
        return {"id": row.id, "subject": row.subject, "withheld": True, "value_min": None, "value_max": None,
                "rule": None, "claim_ids": [], "note": ""}
    return row_dict(row)


def subjects(reg: Register, principal: Principal) -> list[tuple[str, int]]:
    seen = visible_levels(principal)
    with reg.reading() as s:
        c: Counter[str] = Counter(
            s.scalars(
                select(ClaimRow.subject).where(ClaimRow.kind == "figure", ClaimRow.confidentiality.in_(seen))
            )
        )
    return c.most_common()


def _point(c: dict[str, Any]) -> tuple[float | None, float | None]:
    lo = c.get("value_min") if c.get("value_min") is not None else c.get("value")
    hi = c.get("value_max") if c.get("value_max") is not None else c.get("value")
    return lo, hi


def adopt_figure(
    reg: Register,
    principal: Principal,
    subject: str,
    rule: str,
    value_min: float | None = None,
    value_max: float | None = None,
    claim_ids: list[int] | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Adopt a value for a subject from its claims by a named rule; the claims stay as they were."""
    try:
        chosen_rule = AdoptionRule(rule)
    except ValueError:
        raise Invalid(f"rule {rule!r} is not one of {', '.join(r.value for r in AdoptionRule)}") from None
    claims = figures(reg, principal, subject)["claims"]
    if claim_ids:
        claims = [c for c in claims if c["id"] in set(claim_ids)]
    if chosen_rule is AdoptionRule.ANALYST:
        if value_min is None and value_max is None:
            raise Invalid("the analyst's rule needs --min and/or --max")
        lo, hi = value_min, value_max
    else:
        points = [p for p in (_point(c) for c in claims) if p[0] is not None or p[1] is not None]
        if not points:
            raise Invalid(f"no claimed figure about {subject!r} to adopt from")
        if chosen_rule is AdoptionRule.MOST_CONSERVATIVE:
            lo = min(p[0] if p[0] is not None else p[1] for p in points)  # type: ignore[type-var]
            hi = min(p[1] if p[1] is not None else p[0] for p in points)  # type: ignore[type-var]
        else:
            (lo, hi), _ = Counter(points).most_common(1)[0]
    with reg.unit(principal) as unit:
        s = unit.session
        row = s.scalar(select(AdoptedFigureRow).where(AdoptedFigureRow.subject == subject))
        before = row_dict(row) if row else None
        now = utcnow()
        if row is None:
            row = AdoptedFigureRow(subject=subject, created_at=now)
            s.add(row)
        row.value_min, row.value_max, row.rule = lo, hi, str(chosen_rule)
        row.claim_ids = [c["id"] for c in claims]
        row.note = note
        row.updated_at = now
        s.flush()
        after = row_dict(row)
        unit.audit(AuditAction.UPDATE if before else AuditAction.CREATE, "adopted_figure", row.id, before, after)
        return after
