"""Pages: the merge queue (candidate pairs from linkage, best first) with accept / reject / unsure, and splits."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.linking import DEFAULT_THRESHOLD, judge, link, mask_hidden_people, queue, visible_queue
from aqiqat.api.page_exports import queue_file
from aqiqat.api.register import Register
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.victim_pages import render_victims

router = APIRouter(include_in_schema=False)
PAGE = 200
WEIGHT_SCALE = 10.0  # a field weight (log2 Bayes factor) of ±10 fills its half of the bar
TABS = ("pending", "decided")


def side(ref: str, name: str, source: str) -> dict[str, Any]:
    kind, _, raw = ref.partition(":")
    return {"ref": ref, "name": name, "source": source, "person_id": int(raw) if kind == "p" else None}


def pair_view(row: dict[str, Any]) -> dict[str, Any]:
    """One candidate pair as the page shows it: both sides, each compared field's weight as a bar."""
    fw = row.get("field_weights") or {}
    names = list(fw.get("_names") or ["", ""])
    sources = list(fw.get("_sources") or ["", ""])
    fields = []
    for key, value in fw.items():
        if key.startswith("_") or not isinstance(value, dict):
            continue
        weight = value.get("weight")
        share = 0.0 if weight is None else min(1.0, abs(weight) / WEIGHT_SCALE)
        fields.append({"field": key, "weight": weight, "label": value.get("label") or "", "pct": round(share * 100, 1)})
    effect = fw.get("_effect") or {}
    person = effect.get("created") or (effect.get("merged") or [None, None])[1]
    return {
        "id": row["id"],
        "left": side(row["left_ref"], names[0], sources[0]),
        "right": side(row["right_ref"], names[1], sources[1]),
        "probability": row["match_probability"],
        "weight": round(sum(f["weight"] or 0.0 for f in fields), 2),
        "fields": fields,
        "judgement": row["judgement"],
        "decided_by": row.get("decided_by"),
        "decided_at": row.get("decided_at"),
        "note": fw.get("_note") or "",
        "person_id": person,
    }


def decided_rows(reg: Register, principal: Principal, limit: int = PAGE) -> list[dict[str, Any]]:
    rows = [r for r in visible_queue(reg, principal, "all", limit=100_000) if r["judgement"] != "pending"]
    rows.sort(key=lambda r: str(r.get("decided_at") or ""), reverse=True)
    return rows[:limit]


@router.get("/merge-queue", response_class=HTMLResponse)
def queue_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    tab: str = "pending",
    queued: int | None = None,
    records: int | None = None,
    clusters: int | None = None,
) -> Response:
    if tab not in TABS:
        raise Invalid(f"tab must be one of {', '.join(TABS)}")
    pending = queue(reg, "pending", limit=100_000)
    rows = visible_queue(reg, principal, "pending", PAGE) if tab == "pending" else decided_rows(reg, principal)
    run = {"queued": queued, "records": records, "clusters": clusters} if queued is not None else None
    return render_victims(
        request,
        "merge_queue.html",
        {"tab": tab, "pairs": [pair_view(r) for r in rows], "pending": len(pending), "run": run, "page_size": PAGE,
         "default_threshold": DEFAULT_THRESHOLD},
    )


@router.get("/merge-queue/export.{fmt}")
def queue_export(reg: RegisterDep, principal: PrincipalDep, fmt: str, tab: str = "pending") -> Response:
    """The queue's pending (or decided) pairs as the reader may read them, as CSV or XLSX."""
    if tab not in TABS:
        raise Invalid(f"tab must be one of {', '.join(TABS)}")
    data, media = queue_file(reg, principal, tab == "decided", fmt)
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="merge-queue.{fmt}"'})


@router.post("/merge-queue/{pair_id}", response_class=HTMLResponse, dependencies=[CsrfDep])
async def judge_pair(
    request: Request,
    reg: RegisterDep,
    principal: EditorDep,
    pair_id: int,
    judgement: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Accept (positive: merge), reject (negative: split a merged pair) or mark unsure; htmx swaps the pair."""
    new = await run_in_threadpool(judge, reg, principal, pair_id, judgement, note.strip())
    if not request.headers.get("hx-request"):
        return RedirectResponse("/merge-queue", status_code=303)
    row = mask_hidden_people(reg, principal, [new])[0]
    pending = len(queue(reg, "pending", limit=100_000))
    return render_victims(
        request, "partials/pair.html", {"p": pair_view(row), "just_decided": True, "pending": pending, "oob": True}
    )


@router.post("/link", dependencies=[CsrfDep])
async def run_link(
    reg: RegisterDep, principal: EditorDep, threshold: Annotated[float, Form(gt=0, lt=1)] = DEFAULT_THRESHOLD
) -> Response:
    """Score candidate pairs over every list (and the register's people); new pairs join the queue."""
    result = await run_in_threadpool(link, reg, principal, "duckdb", threshold)
    return RedirectResponse(
        f"/merge-queue?queued={result.queued}&records={result.records}&clusters={result.clusters}", status_code=303
    )
