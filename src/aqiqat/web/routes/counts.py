"""Pages: counts of events and of people harmed (min–max) by type, place, day, month or grade, for the
grades included, and the figures adopted from sources' claims with the rule that chose them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.access import Principal
from aqiqat.api.clusters import linkage_summary
from aqiqat.api.errors import Invalid
from aqiqat.api.page_exports import counts_file
from aqiqat.api.register import Register
from aqiqat.api.stats import DEFAULT_GRADES, GROUPS, counts, figures, subjects
from aqiqat.domain.enums import VerificationGrade
from aqiqat.web.deps import PrincipalDep, RegisterDep
from aqiqat.web.params import parse_day
from aqiqat.web.victim_pages import render_victims

router = APIRouter(include_in_schema=False)
MAX_SUBJECTS = 40


def figure_rows(reg: Register, principal: Principal) -> list[dict[str, Any]]:
    """Per subject (most claimed first): every visible claimed figure, its range, and the adopted value."""
    out = []
    for subject, _ in subjects(reg, principal)[:MAX_SUBJECTS]:
        data = figures(reg, principal, subject)
        claims = data["claims"]
        values = [
            float(v) for c in claims for v in (c.get("value_min"), c.get("value_max"), c.get("value")) if v is not None
        ]
        if not claims and not data["adopted"]:
            continue
        out.append(
            {
                "subject": subject,
                "claims": claims,
                "low": min(values) if values else None,
                "high": max(values) if values else None,
                "adopted": data["adopted"],
            }
        )
    return out


@router.get("/counts/export.{fmt}")
def counts_export(
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: str,
    by: str = "type",
    grade: Annotated[list[str] | None, Query()] = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Response:
    """The counts page's table (its grouping, grades and period, what the reader may see) as CSV or XLSX."""
    data, media = counts_file(reg, principal, fmt, by=by, grades=grade or None,
                              date_from=parse_day(date_from, "from"), date_to=parse_day(date_to, "to"))
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="counts.{fmt}"'})


@router.get("/counts", response_class=HTMLResponse)
def counts_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    by: str = "type",
    grade: Annotated[list[str] | None, Query()] = None,
    date_from: str | None = None,
    date_to: str | None = None,
    sent: str | None = None,
) -> Response:
    if sent and not grade:
        raise Invalid("tick at least one grade to count")
    if by not in GROUPS:
        raise Invalid(f"group by one of {', '.join(GROUPS)}")
    data = counts(
        reg,
        principal,
        by=by,
        grades=grade or None,
        date_from=parse_day(date_from, "from"),
        date_to=parse_day(date_to, "to"),
    )
    everything = counts(reg, principal, by="grade", grades=[g.value for g in VerificationGrade],
                        date_from=parse_day(date_from, "from"), date_to=parse_day(date_to, "to"))
    not_counted = [(r["group"], r["events"]) for r in everything["rows"] if r["group"] not in set(data["grades"])]
    return render_victims(
        request,
        "counts.html",
        {
            "data": data,
            "by": by,
            "groups": GROUPS,
            "grades": [g.value for g in VerificationGrade],
            "chosen": set(data["grades"]),
            "default_grades": {str(g) for g in DEFAULT_GRADES},
            "f": {"date_from": date_from or "", "date_to": date_to or ""},
            "figure_rows": figure_rows(reg, principal),
            "not_counted": not_counted,
            "linkage": linkage_summary(reg, principal),
        },
    )
