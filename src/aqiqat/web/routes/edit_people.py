"""Pages: edit a person (names and variants, sex, age or birth year, affiliation, occupation), merge two
people and split them again, add a person or a claim by hand, attach a claim to an event or a person."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.editing import HOW, add_name, create_by_hand
from aqiqat.api.errors import AqiqatError, Invalid, NotFound
from aqiqat.api.merging import merge, split
from aqiqat.api.records import declassify, get_record, list_records, update
from aqiqat.domain import enums as E
from aqiqat.web.deps import CsrfDep, EditorDep, RegisterDep
from aqiqat.web.pages import render
from aqiqat.web.params import form_of

router = APIRouter(include_in_schema=False)
TEXTS = ("display_name", "surname", "given_name", "patronymic", "sex", "affiliation", "occupation")
NUMBERS = ("age", "birth_year")


def person_changes(form: dict[str, str], current: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {k: form[k] for k in TEXTS if k in form and form[k] != (current.get(k) or "")}
    for key in NUMBERS:
        if key in form:
            try:
                value = int(form[key]) if form[key] else None
            except ValueError:
                raise Invalid(f"{key}: {form[key]!r} is not a whole number") from None
            if value != current.get(key):
                changes[key] = value
    return changes


def _choices() -> dict[str, Any]:
    return {"sexes": [s.value for s in E.Sex], "affiliations": [a.value for a in E.Affiliation], "how": HOW}


@router.get("/people/new", response_class=HTMLResponse)
def new_person_page(request: Request, principal: EditorDep) -> Response:
    return render(request, "person_edit.html", {"p": {}, "form": {}, "new": True, **_choices()})


@router.post("/people/new", response_class=HTMLResponse, dependencies=[CsrfDep])
async def new_person(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
    form = await form_of(request)
    try:
        values = person_changes(form, {})
        created = await run_in_threadpool(create_by_hand, reg, principal, "person", values, form.get("how", ""),
                                          form.get("who", ""), form.get("when", ""), form.get("note", ""))
    except AqiqatError as exc:
        ctx = {"p": {}, "form": form, "new": True, "error": str(exc), **_choices()}
        return render(request, "person_edit.html", ctx, status_code=exc.status)
    return RedirectResponse(f"/people/{created['id']}", status_code=303)


@router.get("/people/{person_id}/edit", response_class=HTMLResponse)
def edit_person_page(request: Request, reg: RegisterDep, principal: EditorDep, person_id: int) -> Response:
    person = get_record(reg, principal, "person", person_id)
    if person.get("redacted"):
        raise NotFound(f"no person {person_id}")  # as if it did not exist, like every restricted record
    return render(request, "person_edit.html", {"p": person, "form": {}, **_choices()})


@router.post("/people/{person_id}/edit", response_class=HTMLResponse, dependencies=[CsrfDep])
async def edit_person(request: Request, reg: RegisterDep, principal: EditorDep, person_id: int) -> Response:
    form = await form_of(request)
    person = get_record(reg, principal, "person", person_id)
    try:
        changes = person_changes(form, person)
        if changes:
            await run_in_threadpool(update, reg, principal, "person", person_id, int(form.get("version", "0")),
                                    changes)
        if form.get("variant"):
            await run_in_threadpool(add_name, reg, principal, person_id, form["variant"])
        if form.get("declassify_to"):
            await run_in_threadpool(declassify, reg, principal, "person", person_id, form["declassify_to"],
                                    form.get("declassify_reason", ""))
    except AqiqatError as exc:
        ctx = {"p": person, "form": form, "error": str(exc), **_choices()}
        return render(request, "person_edit.html", ctx, status_code=exc.status)
    return RedirectResponse(f"/people/{person_id}", status_code=303)


@router.post("/people/{person_id}/merge", dependencies=[CsrfDep])
async def merge_person(request: Request, reg: RegisterDep, principal: EditorDep, person_id: int) -> Response:
    form = await form_of(request)
    try:
        other = int(form.get("other", ""))
    except ValueError:
        raise Invalid("choose the person to merge into this one") from None
    await run_in_threadpool(merge, reg, principal, "person", person_id, other)
    return RedirectResponse(f"/people/{person_id}", status_code=303)


@router.post("/people/{person_id}/split", dependencies=[CsrfDep])
def split_person(reg: RegisterDep, principal: EditorDep, person_id: int) -> Response:
    split(reg, principal, "person", person_id)
    return RedirectResponse(f"/people/{person_id}", status_code=303)


@router.get("/claims/new", response_class=HTMLResponse)
def new_claim_page(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
    return render(request, "claim_new.html", {"form": {}, **_claim_choices(reg, principal)})


def _claim_choices(reg: Any, principal: Any) -> dict[str, Any]:
    return {
        "events": list_records(reg, principal, "event", limit=500),
        "people": list_records(reg, principal, "person", limit=1000),
        "kinds": [k.value for k in E.ClaimKind],
        "qualifiers": [q.value for q in E.Qualifier],
        "how": HOW,
    }


@router.post("/claims/new", response_class=HTMLResponse, dependencies=[CsrfDep])
async def new_claim(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
    form = await form_of(request)
    try:
        values: dict[str, Any] = {k: form[k] for k in ("kind", "text", "claimant_label", "subject", "qualifier")
                                  if form.get(k)}
        for key in ("value", "value_min", "value_max"):
            if form.get(key):
                try:
                    values[key] = float(form[key].replace(",", "."))
                except ValueError:
                    raise Invalid(f"{key}: {form[key]!r} is not a number") from None
        for key in ("event_id", "person_id"):
            if form.get(key):
                values[key] = int(form[key])
        if form.get("claimed_on"):
            values["claimed_on"] = form["claimed_on"]
        created = await run_in_threadpool(create_by_hand, reg, principal, "claim", values, form.get("how", ""),
                                          form.get("who", ""), form.get("when", ""), form.get("note", ""))
    except AqiqatError as exc:
        ctx = {"form": form, "error": str(exc), **_claim_choices(reg, principal)}
        return render(request, "claim_new.html", ctx, status_code=exc.status)
    return RedirectResponse(f"/claims/{created['id']}", status_code=303)
