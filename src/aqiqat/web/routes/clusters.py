"""Pages: the people the linkage produced, as data: each cluster with its list entries (list, row, name as
listed) and the pairs, with their match probability and field weights, that joined it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.clusters import clusters, default_threshold, last_link_threshold
from aqiqat.api.linking import visible_queue
from aqiqat.web.deps import PrincipalDep, RegisterDep
from aqiqat.web.victim_pages import render_victims

router = APIRouter(include_in_schema=False)
PAGE = 50
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)


@router.get("/lists/clusters", response_class=HTMLResponse)
def clusters_page(
    request: Request, reg: RegisterDep, principal: PrincipalDep, threshold: float | None = None, page: int = 1
) -> Response:
    """The clusters at ``threshold`` (default: the last link run's), largest first, a page at a time."""
    last = last_link_threshold(reg)
    used = threshold if threshold is not None else default_threshold(reg)
    data = clusters(reg, principal, used)
    page = max(1, page)
    total = len(data["clusters"])
    shown = data["clusters"][(page - 1) * PAGE: page * PAGE]
    names = {r["ref"]: r["name"] for c in shown for r in c["records"]}
    return render_victims(
        request,
        "lists_clusters.html",
        {
            "data": data,
            "shown": shown,
            "first": (page - 1) * PAGE,
            "names": names,
            "last_threshold": last,
            "thresholds": sorted({*THRESHOLDS, used}),
            "page": page,
            "pages": max(1, (total + PAGE - 1) // PAGE),
            "pending": len(visible_queue(reg, principal, "pending", limit=100_000)),
        },
    )
