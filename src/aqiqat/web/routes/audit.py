"""Page: the audit log (who changed what, when, before and after); only for full clearance."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.audit import list_audit
from aqiqat.web.deps import AuditorDep, RegisterDep
from aqiqat.web.pages import render

router = APIRouter(include_in_schema=False)


def changes(before: str | None, after: str | None) -> list[tuple[str, Any, Any]]:
    """The fields that differ between before and after (JSON texts), as (field, old, new)."""
    b = json.loads(before) if before else {}
    a = json.loads(after) if after else {}
    if not isinstance(b, dict) or not isinstance(a, dict):
        return [("value", b, a)]
    skip = {"updated_at", "version"}
    return [(k, b.get(k), a.get(k)) for k in sorted(set(a) | set(b)) if k not in skip and b.get(k) != a.get(k)]


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    reg: RegisterDep,
    principal: AuditorDep,
    entity: str | None = None,
    entity_id: str | None = None,
    limit: int = 200,
) -> Response:
    rows = list_audit(
        reg, principal, limit=max(1, min(limit, 1000)), entity=entity or None, entity_id=entity_id or None
    )
    rows.reverse()
    for r in rows:
        r["changes"] = changes(r["before"], r["after"])
    return render(request, "audit.html", {"rows": rows, "f": {"entity": entity or "", "entity_id": entity_id or ""}})
