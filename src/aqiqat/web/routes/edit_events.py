"""Pages: edit an event (dates, place, counts, grade with a reason, parent, level), its links to people, actors
and claims, and add an event by hand from a phone call, a field note or a meeting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.editing import HOW, create_by_hand, remove_involvement
from aqiqat.api.errors import AqiqatError, Invalid
from aqiqat.api.gazetteer_lookup import place_for
from aqiqat.api.records import declassify, get_record, involve_in, list_records, update
from aqiqat.domain import enums as E
from aqiqat.web.deps import CsrfDep, EditorDep, RegisterDep
from aqiqat.web.pages import render
from aqiqat.web.params import form_number, form_of

router = APIRouter(include_in_schema=False)
COUNTS = ("killed_min", "killed_max", "injured_min", "injured_max", "detained_min", "detained_max")
TEXTS = ("type", "title", "description", "start_date", "end_date", "date_precision", "date_text",
         "location_precision", "grade")


def choices(reg: Any, principal: Any, event_id: int | None = None) -> dict[str, Any]:
    links: dict[str, Any] = {}
    if event_id is not None:
        links = {
            "people": list_records(reg, principal, "person", limit=1000),
            "actors": list_records(reg, principal, "actor", limit=500),
            "loose_claims": [c for c in list_records(reg, principal, "claim", limit=1000) if c["event_id"] is None],
            "harms": [h.value for h in E.Harm],
            "modes": [m.value for m in E.PerpetratorMode],
        }
    places = list_records(reg, principal, "place", limit=500)
    return {
        **links,
        "types": [t.value for t in E.EventType],
        "grades": [g.value for g in E.VerificationGrade],
        "precisions": [p.value for p in E.DatePrecision],
        "loc_precisions": [p.value for p in E.LocationPrecision],
        "places": places,
        "points": [{"id": p["id"], "name": p["name"], "lat": p["latitude"], "lon": p["longitude"]}
                   for p in places if p.get("latitude") is not None and p.get("longitude") is not None],
        "parents": [e for e in list_records(reg, principal, "event", limit=500) if e["id"] != event_id],
        "how": HOW,
    }


def event_changes(unit_place: Any, form: dict[str, str], current: dict[str, Any]) -> dict[str, Any]:
    """The fields the form changed, typed (empty means unknown); the place resolved by `unit_place`."""
    changes: dict[str, Any] = {}
    for key in TEXTS:
        if key in form and form[key] != str(current.get(key) or ""):
            changes[key] = form[key] or None if key in ("start_date", "end_date") else form[key]
    if "start_date" in changes and "date_text" not in changes and current.get("date_text"):
        changes["date_text"] = ""  # the words of another date no longer describe it
    precision = changes.get("date_precision") or current.get("date_precision")
    if changes.get("start_date") and precision in (None, "unknown"):
        changes["date_precision"] = "day"  # a day typed by hand is known to the day
    for key in COUNTS:
        if key in form and form_number(form, key) != current.get(key):
            changes[key] = form_number(form, key)
    parent = int(form["parent_id"]) if form.get("parent_id") else None
    if "parent_id" in form and parent != current.get("parent_id"):
        changes["parent_id"] = parent
    place_id = unit_place(form)
    if place_id != current.get("place_id") and (place_id is not None or "place_id" in form):
        changes["place_id"] = place_id
        if place_id and changes.get("location_precision", current.get("location_precision")) in (None, "unknown"):
            changes["location_precision"] = "town"
    return changes


def _place_resolver(reg: Any, principal: Any) -> Any:
    def resolve(form: dict[str, str]) -> int | None:
        name = form.get("place_name", "")
        lat, lon = form_number(form, "latitude", float), form_number(form, "longitude", float)
        if name or lat is not None:
            with reg.unit(principal) as unit:
                return place_for(unit, principal, name or f"{lat:.4f}, {lon:.4f}", lat, lon)
        return int(form["place_id"]) if form.get("place_id") else None

    return resolve


@router.get("/events/new", response_class=HTMLResponse)
def new_event_page(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
    return render(request, "event_edit.html", {"e": {}, "form": {}, "new": True, **choices(reg, principal)})


@router.post("/events/new", response_class=HTMLResponse, dependencies=[CsrfDep])
async def new_event(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
    form = await form_of(request)
    try:
        values = event_changes(_place_resolver(reg, principal), form, {})
        values.setdefault("title", "")
        values.setdefault("type", "other")
        created = await run_in_threadpool(create_by_hand, reg, principal, "event", values, form.get("how", ""),
                                          form.get("who", ""), form.get("when", ""), form.get("note", ""))
    except AqiqatError as exc:
        ctx = {"e": {}, "form": form, "new": True, "error": str(exc), **choices(reg, principal)}
        return render(request, "event_edit.html", ctx, status_code=exc.status)
    return RedirectResponse(f"/events/{created['id']}", status_code=303)


@router.get("/events/{event_id}/edit", response_class=HTMLResponse)
def edit_event_page(request: Request, reg: RegisterDep, principal: EditorDep, event_id: int) -> Response:
    event = get_record(reg, principal, "event", event_id)
    return render(request, "event_edit.html", {"e": event, "form": {}, **choices(reg, principal, event_id)})


@router.post("/events/{event_id}/edit", response_class=HTMLResponse, dependencies=[CsrfDep])
async def edit_event(request: Request, reg: RegisterDep, principal: EditorDep, event_id: int) -> Response:
    form = await form_of(request)
    event = get_record(reg, principal, "event", event_id)
    try:
        version = int(form.get("version", ""))
        changes = event_changes(_place_resolver(reg, principal), form, event)
        if changes.get("grade") and changes["grade"] != event["grade"] and not form.get("grade_reason"):
            raise Invalid("say why the event has this grade (e.g. 'two independent sources')")
        if changes:
            await run_in_threadpool(update, reg, principal, "event", event_id, version, changes,
                                    form.get("grade_reason", ""))
        if form.get("declassify_to"):
            await run_in_threadpool(declassify, reg, principal, "event", event_id, form["declassify_to"],
                                    form.get("declassify_reason", ""))
    except (AqiqatError, ValueError) as exc:
        status = exc.status if isinstance(exc, AqiqatError) else 422
        ctx = {"e": event, "form": form, "error": str(exc), **choices(reg, principal, event_id)}
        return render(request, "event_edit.html", ctx, status_code=status)
    return RedirectResponse(f"/events/{event_id}", status_code=303)


@router.post("/events/{event_id}/involvements", dependencies=[CsrfDep])
async def add_link(request: Request, reg: RegisterDep, principal: EditorDep, event_id: int) -> Response:
    form = await form_of(request)
    role = form.get("role", "")
    who = form.get("who", "")
    kind, _, raw = who.partition(":")
    if kind not in ("person", "actor") or not raw.isdigit():
        raise Invalid("choose a person or an actor")
    detail = form.get("harm") if role == "victim" else form.get("mode") if role == "perpetrator" else None

    def link() -> None:
        with reg.unit(principal) as unit:
            involve_in(unit, event_id, role, harm=detail if role == "victim" else None,
                       mode=detail if role == "perpetrator" else None,
                       person_id=int(raw) if kind == "person" else None,
                       actor_id=int(raw) if kind == "actor" else None)

    await run_in_threadpool(link)
    return RedirectResponse(f"/events/{event_id}#people", status_code=303)


@router.post("/events/{event_id}/involvements/{inv_id}/remove", dependencies=[CsrfDep])
def remove_link(reg: RegisterDep, principal: EditorDep, event_id: int, inv_id: int) -> Response:
    remove_involvement(reg, principal, inv_id)
    return RedirectResponse(f"/events/{event_id}#people", status_code=303)


@router.post("/events/{event_id}/claims", dependencies=[CsrfDep])
async def attach_claim(request: Request, reg: RegisterDep, principal: EditorDep, event_id: int) -> Response:
    form = await form_of(request)
    try:
        claim_id = int(form.get("claim_id", ""))
    except ValueError:
        raise Invalid("choose a claim") from None
    claim = get_record(reg, principal, "claim", claim_id)
    get_record(reg, principal, "event", event_id)
    await run_in_threadpool(update, reg, principal, "claim", claim_id, claim["version"], {"event_id": event_id})
    return RedirectResponse(f"/events/{event_id}#claims", status_code=303)
