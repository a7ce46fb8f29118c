"""Pages: the events register (filters, paging) and one event with victims, perpetrators, sources, claims."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.attachments import attachments_of, media_documents
from aqiqat.api.editing import is_attachment, undocumented
from aqiqat.api.page_exports import events_file
from aqiqat.api.records import get_record
from aqiqat.api.web_queries import adopted_figures, list_events, sources_of
from aqiqat.domain.enums import EventType, VerificationGrade
from aqiqat.web.deps import PrincipalDep, RegisterDep
from aqiqat.web.formatting import Formatter
from aqiqat.web.pages import labeller, page_formatter, render
from aqiqat.web.params import event_query

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    type: str | None = None,
    grade: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    perpetrator: str | None = None,
    text: str | None = None,
    page: int = 1,
) -> Response:
    page = max(1, page)
    q = event_query(type, grade, date_from, date_to, place, perpetrator, text, PAGE, (page - 1) * PAGE)
    found, total = list_events(reg, principal, q)
    return render(
        request,
        "events.html",
        {
            "rows": event_rows(page_formatter(request), found),
            "total": total,
            "page": page,
            "pages": max(1, (total + PAGE - 1) // PAGE),
            "f": {
                "type": type or "",
                "grade": grade or "",
                "date_from": date_from or "",
                "date_to": date_to or "",
                "place": place or "",
                "perpetrator": perpetrator or "",
                "text": text or "",
            },
            "types": [t.value for t in EventType],
            "grades": [g.value for g in VerificationGrade],
        },
    )


def event_rows(fmt: Formatter, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events list's cells formatted once here (dates, counts, labels): a template call per cell costs more
    than the page's queries."""
    label = labeller(fmt)
    out = []
    for e in rows:
        start, end = e.get("start_date"), e.get("end_date")
        date = fmt.date(start) if start else "—"
        if end and end != start:
            date += " – " + fmt.date(end)
        out.append({
            **e,
            "date_text": date,
            "date_precision_label": label(e.get("date_precision")),
            "location_precision_label": label(e.get("location_precision")),
            "type_label": label(e.get("type")),
            "grade_label": label(e.get("grade")),
            "perpetrators_text": ", ".join(e.get("perpetrators") or []),
            "killed_text": fmt.range(e.get("killed_min"), e.get("killed_max")),
            "victims_text": fmt.number(e["victims"]) if e.get("victims") else "",
        })
    return out


def all_evidence(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Every passage behind an event: its own, its involvements' and its claims', each saying what it supports."""
    out = [{**e, "for": "event"} for e in event.get("evidence", []) if not is_attachment(e)]
    for key in ("victims", "perpetrators", "witnesses"):
        for inv in event.get(key, []):
            out.extend({**e, "for": inv.get("name") or inv.get("role")} for e in inv.get("evidence", []))
    for claim in event.get("claims", []):
        out.extend({**e, "for": "claim"} for e in claim.get("evidence", []))
    return out


EXPORT_LIMIT = 10_000


@router.get("/events/export.{fmt}")
def events_export(
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: str,
    type: str | None = None,
    grade: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    perpetrator: str | None = None,
    text: str | None = None,
) -> Response:
    """The events page's own view (its filters, what the reader may see) as CSV or XLSX."""
    q = event_query(type, grade, date_from, date_to, place, perpetrator, text, EXPORT_LIMIT, 0)
    data, media = events_file(reg, principal, q, fmt)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="events.{fmt}"'})


@router.get("/events/{event_id}/print", response_class=HTMLResponse)
def event_print(request: Request, reg: RegisterDep, principal: PrincipalDep, event_id: int) -> Response:
    return event_page(request, reg, principal, event_id, printable=True)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request, reg: RegisterDep, principal: PrincipalDep, event_id: int, printable: bool = False
) -> Response:
    with reg.snapshot():  # the page's five reads in one read transaction
        event = get_record(reg, principal, "event", event_id)
        claims = event.get("claims", [])
        event = {**event, "claims": claims}
        data = {
            "e": event,
            "sources": sources_of(reg, principal, all_evidence(event)),
            "told": undocumented(event.get("evidence", [])),
            "files": attachments_of(reg, principal, "event", event_id),
            "media": media_documents(reg, principal) if principal.may_edit else [],
            "section": "events",
            "printable": printable,
            "record_id": event_id,
            "adopted": adopted_figures(reg, principal, [c.get("subject", "") for c in claims]),
        }
    return render(request, "event.html", data)
