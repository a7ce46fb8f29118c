"""Pages: the timeline (events and deaths per day) and the map (events at their places)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.stats import timeline
from aqiqat.domain.enums import EventType, VerificationGrade
from aqiqat.web.charts import day_bars
from aqiqat.web.deps import FormatterDep, PrincipalDep, RegisterDep
from aqiqat.web.pages import render
from aqiqat.web.params import parse_day

router = APIRouter(include_in_schema=False)
MAX_FILLED_DAYS = 400


def filled_days(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every day from the first to the last (zeros included) so that the bars keep the passage of time."""
    if not rows:
        return []
    by_day = {date.fromisoformat(r["day"]): r for r in rows}
    first, last = min(by_day), max(by_day)
    if (last - first).days > MAX_FILLED_DAYS:
        return [{**r, "date": d} for d, r in sorted(by_day.items())]
    out = []
    d = first
    while d <= last:
        r = by_day.get(d) or {"day": d.isoformat(), "events": 0, "killed_min": 0, "killed_max": 0, "types": {}}
        out.append({**r, "date": d})
        d += timedelta(days=1)
    return out


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: FormatterDep,
    date_from: str | None = None,
    date_to: str | None = None,
    type: str | None = None,
    grade: str | None = None,
) -> Response:
    rows = filled_days(
        timeline(
            reg,
            principal,
            date_from=parse_day(date_from, "from"),
            date_to=parse_day(date_to, "to"),
            types=[type] if type else None,
            grades=[grade] if grade else None,
        )
    )
    chart = None
    if rows:
        chart = day_bars(
            [r["date"] for r in rows],
            {
                "events": [r["events"] for r in rows],
                "killed_min": [r["killed_min"] for r in rows],
                "killed_max": [r["killed_max"] - r["killed_min"] for r in rows],
            },
            fmt_day=lambda d: fmt.date(d, "d MMM"),
            fmt_num=fmt.number,
            stacked_on={"killed_max": "killed_min"},
        )
    return render(
        request,
        "timeline.html",
        {
            "rows": [r for r in rows if r["events"]],
            "chart": chart,
            "f": {"date_from": date_from or "", "date_to": date_to or "", "type": type or "", "grade": grade or ""},
            "types": [t.value for t in EventType],
            "grades": [g.value for g in VerificationGrade],
            "totals": {
                "events": sum(r["events"] for r in rows),
                "killed_min": sum(r["killed_min"] for r in rows),
                "killed_max": sum(r["killed_max"] for r in rows),
            },
        },
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    principal: PrincipalDep,
    date_from: str | None = None,
    date_to: str | None = None,
    type: str | None = None,
) -> Response:
    parse_day(date_from, "from")
    parse_day(date_to, "to")
    query = str(request.url.query)
    return render(
        request,
        "map.html",
        {
            "points_url": "/api/v1/map" + (f"?{query}" if query else ""),
            "f": {"date_from": date_from or "", "date_to": date_to or "", "type": type or ""},
            "types": [t.value for t in EventType],
        },
    )
