"""Pages: multiple systems estimation, on the register's linked lists or on an uploaded capture-pattern table,
with the model ranking (log-linear) or the posterior and its convergence (LCMCR), and how the estimate moves
with the linkage threshold."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.access import Principal
from aqiqat.api.clusters import linkage_summary
from aqiqat.api.errors import Invalid
from aqiqat.api.estimate import (
    METHODS,
    estimate_from_memberships,
    estimate_from_patterns,
    estimate_over_drawn_links,
    estimate_sensitivity,
    headline_outside,
    read_patterns,
    register_memberships,
)
from aqiqat.api.linking import clusters_by_threshold, visible_queue
from aqiqat.api.lists import list_lists
from aqiqat.api.register import Register
from aqiqat.web.charts import histogram_chart, line_chart
from aqiqat.web.deps import CsrfDep, FormatterDep, PrincipalDep, RegisterDep
from aqiqat.web.estimate_text import estimate_helpers
from aqiqat.web.formatting import Formatter
from aqiqat.web.routes.lists import read_upload, upload_name
from aqiqat.web.victim_pages import render_victims

router = APIRouter(include_in_schema=False)
CRITERIA = ("aic", "bic")
THRESHOLDS = (0.5, 0.7, 0.9, 0.99)
# LCMCR on a page: light sampler settings (the published reference runs 10,000 burn-in and thinning 100)
LIGHT_LCMCR: dict[str, Any] = {"burn_in": 2000, "samples": 1000, "thin": 10, "chains": 2, "seed": 1}
MAX_PATTERNS_BYTES = 2_000_000


def check_method(method: str, criterion: str) -> None:
    if method not in METHODS:
        raise Invalid(f"method must be one of {', '.join(METHODS)}")
    if criterion not in CRITERIA:
        raise Invalid(f"criterion must be one of {', '.join(CRITERIA)}")


def options_for(method: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**LIGHT_LCMCR, **(overrides or {})} if method == "lcmcr" else {}


def estimate_patterns_bytes(
    data: bytes, filename: str, method: str, criterion: str, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Estimate from an uploaded capture-pattern CSV (the ../shared/data/mse format)."""
    check_method(method, criterion)
    with tempfile.TemporaryDirectory(prefix="aqiqat-mse-") as folder:
        path = Path(folder) / "patterns.csv"
        path.write_bytes(data)
        try:
            table = read_patterns(path)
            result = estimate_from_patterns(path, method=method, criterion=criterion, **options_for(method, overrides))
        except Invalid as exc:  # name the upload, not the temporary file
            raise Invalid(str(exc).replace(str(path), filename)) from None
    return {**result, "source": filename, "table": table}


def estimate_register(
    reg: Register, principal: Principal, method: str, criterion: str, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Estimate from the register's lists as ``principal`` may see them, people as linked in the merge queue;
    ``left_out`` counts the list rows hidden from the reader (the estimate does not include them)."""
    check_method(method, criterion)
    people, left_out = register_memberships(reg, principal)
    if not people:
        raise Invalid("no lists in the register yet: import lists, or upload a capture-pattern table")
    result = estimate_from_memberships(
        cast(Any, people), method=method, criterion=criterion, **options_for(method, overrides)
    )
    return {**result, "source": "register", "left_out": left_out}


def estimate_by_threshold(
    reg: Register,
    principal: Principal,
    method: str,
    criterion: str,
    thresholds: tuple[float, ...] = THRESHOLDS,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The estimate at each linkage threshold (people as the linker clusters them, before review)."""
    check_method(method, criterion)
    if any(not 0 < t < 1 for t in thresholds):
        raise Invalid("thresholds lie between 0 and 1")
    if len(list_lists(reg, principal)) < 2:
        raise Invalid("the estimate by threshold needs at least two lists in the register")
    try:
        groups = clusters_by_threshold(reg, principal, sorted(thresholds))
    except ValueError as exc:  # the linker's one-line LinkageError
        raise Invalid(str(exc)) from None
    return estimate_sensitivity(
        cast(Any, list(groups.items())), method=method, criterion=criterion, **options_for(method, overrides)
    )


def result_charts(result: dict[str, Any], fmt: Formatter) -> dict[str, Any]:
    hist = result.get("histogram")
    if not hist or not hist.get("counts"):
        return {"posterior_chart": None}
    interval = result.get("interval") or [None, None]
    return {
        "posterior_chart": histogram_chart(
            hist["edges"], hist["counts"], result.get("n_hat"), (interval[0], interval[1]), fmt_num=fmt.number
        )
    }


def page(
    request: Request, reg: Register, principal: Principal, fmt: Formatter, status_code: int = 200, **context: Any
) -> HTMLResponse:
    lists = list_lists(reg, principal)
    result = context.get("result")
    return render_victims(
        request,
        "estimate.html",
        {
            "methods": METHODS,
            "criteria": CRITERIA,
            "light": LIGHT_LCMCR,
            "thresholds": THRESHOLDS,
            "lists": lists,
            "pending": len(visible_queue(reg, principal, "pending", limit=100_000)) if lists else 0,
            "linkage": linkage_summary(reg, principal) if lists else None,
            "method": "loglinear",
            "criterion": "bic",
            **estimate_helpers(fmt),
            **(result_charts(result, fmt) if result else {}),
            **context,
        },
        status_code,
    )


@router.get("/estimate", response_class=HTMLResponse)
def estimate_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: FormatterDep,
    method: str | None = None,
    criterion: str = "bic",
) -> Response:
    """The form; with ?method=… the estimate on the register's linked lists."""
    if method is None:
        return page(request, reg, principal, fmt)
    try:
        result = estimate_register(reg, principal, method, criterion)
    except Invalid as exc:
        return page(request, reg, principal, fmt, error=str(exc), method=method, criterion=criterion, status_code=422)
    return page(request, reg, principal, fmt, result=result, method=method, criterion=criterion)


@router.post("/estimate", response_class=HTMLResponse, dependencies=[CsrfDep])
async def estimate_upload(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: FormatterDep,
    patterns: UploadFile,
    method: Annotated[str, Form()] = "loglinear",
    criterion: Annotated[str, Form()] = "bic",
) -> Response:
    """The estimate on an uploaded capture-pattern table: it changes nothing, so any reader may run it."""
    try:
        data = await read_upload(patterns, MAX_PATTERNS_BYTES)
        result = await run_in_threadpool(estimate_patterns_bytes, data, upload_name(patterns), method, criterion)
    except Invalid as exc:
        return page(request, reg, principal, fmt, error=str(exc), method=method, criterion=criterion, status_code=422)
    return page(request, reg, principal, fmt, result=result, method=method, criterion=criterion)


@router.get("/estimate/thresholds", response_class=HTMLResponse)
def thresholds_fragment(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: FormatterDep,
    method: str = "loglinear",
    criterion: str = "bic",
    headline: float | None = None,
    documented: int | None = None,
) -> Response:
    """How the estimate moves with the linkage threshold: a table and a line (loaded after the page). With the
    page's ``headline`` estimate (and its ``documented`` people), a sentence says why it lies outside the range."""
    helpers = estimate_helpers(fmt)
    try:
        data = estimate_by_threshold(reg, principal, method, criterion)
    except Invalid as exc:
        return render_victims(request, "partials/thresholds.html", {"error": str(exc), **helpers})
    outside = headline_outside(headline, [p["n_hat"] for p in data["points"]]) if headline is not None else None
    documented_range = [min(p["n_observed"] for p in data["points"]), max(p["n_observed"] for p in data["points"])]
    points = data["points"]
    chart = line_chart(
        [p["threshold"] for p in points],
        [p["n_hat"] for p in points],
        [p["interval"][0] for p in points],
        [p["interval"][1] for p in points],
        fmt_x=fmt.number,
        fmt_num=fmt.number,
        width=460,
        height=230,
    )
    return render_victims(
        request,
        "partials/thresholds.html",
        {"data": data, "chart": chart, "headline": headline, "documented": documented, "outside": outside,
         "documented_range": documented_range, "method": method, **helpers},
    )


WEB_DRAWS = {"loglinear": 20, "lcmcr": 5}  # LCMCR runs its sampler once per draw


@router.get("/estimate/draws", response_class=HTMLResponse)
def draws_fragment(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: FormatterDep,
    method: str = "loglinear",
    criterion: str = "bic",
) -> Response:
    """The estimate over linkages drawn from the merge queue, each pending pair joining its two with its match
    probability (loaded after the page, like the thresholds)."""
    helpers = estimate_helpers(fmt)
    try:
        check_method(method, criterion)
        data = estimate_over_drawn_links(reg, principal, WEB_DRAWS[method], method=method, criterion=criterion,
                                         **options_for(method))
    except Invalid as exc:
        return render_victims(request, "partials/draws.html", {"error": str(exc), **helpers})
    return render_victims(request, "partials/draws.html", {"data": data, **helpers})

