"""Page: the audit log as sentences (who did what to which record, when), then the fields that changed,
before and after; paged and filtered by user, action, record and date. Only for full clearance."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.audit import list_audit
from aqiqat.domain.enums import AuditAction
from aqiqat.web.deps import AuditorDep, RegisterDep
from aqiqat.web.labels import LABELS
from aqiqat.web.pages import render
from aqiqat.web.params import parse_day

router = APIRouter(include_in_schema=False)
PAGE = 50
LINKS = {"event": "/events/", "person": "/people/", "claim": "/claims/", "document": "/documents/",
         "list": "/lists/"}
SKIP = {"updated_at", "version", "created_at", "sealed"}


def _value(text: str | None) -> Any:
    if not text:
        return {}
    try:
        return json.loads(text)
    except ValueError:
        return text  # "(sealed)" and the like


def changes(before: str | None, after: str | None) -> list[tuple[str, Any, Any]]:
    """The fields that differ between before and after (JSON texts), as (field, old, new)."""
    b, a = _value(before), _value(after)
    if not isinstance(b, dict) or not isinstance(a, dict):
        return [("value", b, a)]
    return [(k, b.get(k), a.get(k)) for k in sorted(set(a) | set(b)) if k not in SKIP and b.get(k) != a.get(k)]


def shown(value: Any) -> str:
    """A value as a reader reads it: text as text, anything else as JSON with Cyrillic as Cyrillic."""
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    reg: RegisterDep,
    principal: AuditorDep,
    entity: str | None = None,
    entity_id: str | None = None,
    user: str | None = None,
    action: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    page: int = 1,
) -> Response:
    page = max(1, page)
    day_from, day_to = parse_day(date_from, "from"), parse_day(date_to, "to")
    since = datetime(day_from.year, day_from.month, day_from.day, tzinfo=UTC) if day_from else None
    until = datetime(day_to.year, day_to.month, day_to.day, tzinfo=UTC) + timedelta(days=1) if day_to else None
    rows = list_audit(reg, principal, limit=PAGE + 1, entity=entity or None, entity_id=entity_id or None,
                      user=user or None, action=action or None, since=since, until=until, offset=(page - 1) * PAGE)
    rows.reverse()
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    for r in rows:
        r["changes"] = [(k, shown(old), shown(new)) for k, old, new in changes(r["before"], r["after"])]
        r["link"] = LINKS[r["entity"]] + r["entity_id"] if r["entity"] in LINKS and r["entity_id"] else None
    f = {"entity": entity or "", "entity_id": entity_id or "", "user": user or "", "action": action or "",
         "date_from": date_from or "", "date_to": date_to or ""}
    return render(request, "audit.html", {"rows": rows, "f": f, "page": page, "more": more,
                                          "actions": [a.value for a in AuditAction],
                                          "audit_verbs": {k for k in LABELS if k.startswith("audit:")}})
