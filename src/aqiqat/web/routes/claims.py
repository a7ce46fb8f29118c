"""Pages: claims and figures: every figure about one subject across sources, over time, and the adopted one."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.errors import Invalid
from aqiqat.api.page_exports import claims_file
from aqiqat.api.records import get_record
from aqiqat.api.stats import figures
from aqiqat.api.web_queries import claim_subjects, sources_of
from aqiqat.web.charts import figure_chart
from aqiqat.web.deps import FormatterDep, PrincipalDep, RegisterDep
from aqiqat.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request, reg: RegisterDep, principal: PrincipalDep, fmt: FormatterDep, subject: str | None = None
) -> Response:
    subjects = claim_subjects(reg, principal)
    chosen = subject or (subjects[0][0] if subjects else None)
    data = figures(reg, principal, chosen) if chosen else None
    if data:
        data = {**data, "claims": data["claims"]}
    chart = None
    if data and data["claims"]:
        adopted = data["adopted"]
        chart = figure_chart(
            data["claims"],
            (adopted["value_min"], adopted["value_max"]) if adopted else None,
            fmt_day=lambda d: fmt.date(d, "short"),
            fmt_num=fmt.number,
        )
    sources = sources_of(
        reg,
        principal,
        [{**e, "for": c.get("claimant_label") or ""} for c in (data["claims"] if data else []) for e in c["evidence"]],
    )
    return render(
        request,
        "claims.html",
        {"subjects": subjects, "subject": chosen, "data": data, "chart": chart, "sources": sources},
    )


@router.get("/claims/export.{fmt}")
def claims_export(reg: RegisterDep, principal: PrincipalDep, fmt: str, subject: str | None = None) -> Response:
    """The claims page's view (the figures claimed about one subject, what the reader may see) as CSV or XLSX."""
    chosen = subject or next(iter(s for s, _ in claim_subjects(reg, principal)), None)
    if chosen is None:
        raise Invalid("no claimed figures yet: nothing to export")
    data, media = claims_file(reg, principal, chosen, fmt)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="claims.{fmt}"'})


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, reg: RegisterDep, principal: PrincipalDep, claim_id: int) -> Response:
    claim = get_record(reg, principal, "claim", claim_id)
    if claim.get("event_id"):
        get_record(reg, principal, "event", claim["event_id"])  # NotFound when the event is hidden from the reader
    return render(
        request,
        "claim.html",
        {"c": claim, "sources": sources_of(reg, principal, [{**e, "for": ""} for e in claim.get("evidence", [])])},
    )
