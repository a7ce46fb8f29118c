"""Pages: external victims lists (imported, with their entries) and the import form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.access import Principal
from aqiqat.api.linking import visible_queue
from aqiqat.api.lists import (
    entries_to_review,
    list_entries,
    list_lists,
    unread_fields,
)
from aqiqat.api.page_exports import list_entries_file
from aqiqat.api.register import Register
from aqiqat.domain.enums import Confidentiality
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.list_uploads import import_upload, preview_upload
from aqiqat.web.params import read_upload, upload_name
from aqiqat.web.victim_pages import render_victims

router = APIRouter(include_in_schema=False)
ENTRIES_PAGE = 200
LIST_FIELDS = ("name", "surname", "given_name", "patronymic", "age", "birth_year", "sex", "date", "place", "cause",
               "notes")  # what a column may fill (the importer's fields)
EXAMPLE_MAP = "name=ФИО,age=Возраст,sex=Пол,date=Дата гибели,place=Место"


def chosen_columns(form: Mapping[str, Any]) -> dict[str, str]:
    """The mapping chosen in the preview's selects (``map_<field>``), in the fields' order."""
    return {f: str(form.get(f"map_{f}") or "").strip() for f in LIST_FIELDS if str(form.get(f"map_{f}") or "").strip()}


def lists_context(reg: Register, principal: Principal) -> dict[str, Any]:
    lists = list_lists(reg, principal)
    return {
        "lists": lists,
        "entries_total": sum(x["entries"] for x in lists),
        "pending": len(visible_queue(reg, principal, "pending", limit=10_000)),
        "example_map": EXAMPLE_MAP,
        "levels": [c.value for c in Confidentiality if principal.may_see(c)],
    }


@router.get("/lists", response_class=HTMLResponse)
def lists_page(request: Request, reg: RegisterDep, principal: PrincipalDep) -> Response:
    return render_victims(request, "lists.html", lists_context(reg, principal))


@router.post("/lists", response_class=HTMLResponse, dependencies=[CsrfDep])
async def import_page(
    request: Request,
    reg: RegisterDep,
    principal: EditorDep,
    file: UploadFile,
    source: Annotated[str, Form(max_length=300)] = "",
    columns: Annotated[str, Form(max_length=2000)] = "",
    name: Annotated[str, Form(max_length=300)] = "",
    confidentiality: Annotated[str, Form(max_length=16)] = "internal",
    again: Annotated[bool, Form()] = False,
) -> Response:
    """Import a list with the mapping chosen in the preview (or typed, or suggested from the headers); the
    page then shows how many rows came in, every refused row and every flagged cell with its row number."""
    data = await read_upload(file, reg.settings.max_file_bytes)
    chosen = chosen_columns(await request.form())
    mapping: str | dict[str, str] = columns if columns.strip() else chosen  # typed wins, then the selects
    result = await run_in_threadpool(import_upload, reg, principal, data, upload_name(file), source, mapping, name,
                                     confidentiality, again)
    form = {"source": source, "columns": columns, "confidentiality": confidentiality}
    return render_victims(request, "lists.html", {**lists_context(reg, principal), "result": result, "form": form})


@router.post("/lists/preview", response_class=HTMLResponse, dependencies=[CsrfDep])
async def preview_page(
    request: Request,
    reg: RegisterDep,
    principal: EditorDep,
    file: UploadFile,
    source: Annotated[str, Form(max_length=300)] = "",
    name: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """The file's headers with a field chosen for each (suggested from the headers) and its first rows; the
    import form then sends the file again with the chosen mapping. Nothing is stored."""
    data = await read_upload(file, reg.settings.max_file_bytes)
    preview = await run_in_threadpool(preview_upload, data, upload_name(file))
    context = {"preview": preview, "fields": LIST_FIELDS}
    if request.headers.get("hx-request"):
        return render_victims(request, "partials/list_preview.html", context)
    form = {"source": source, "name": name, "columns": ""}
    return render_victims(request, "lists.html", {**lists_context(reg, principal), **context, "form": form})


@router.get("/lists/{list_id}/export.{fmt}")
def list_export(reg: RegisterDep, principal: PrincipalDep, list_id: int, fmt: str) -> Response:
    """A list's rows as the reader may see them, as CSV or XLSX."""
    data, media = list_entries_file(reg, principal, list_id, fmt)
    disposition = f'attachment; filename="list-{list_id}.{fmt}"'
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/lists/{list_id}", response_class=HTMLResponse)
def list_page(
    request: Request, reg: RegisterDep, principal: PrincipalDep, list_id: int, page: int = 1, review: bool = False
) -> Response:
    """A list's rows as written; a cell that could not be read is marked ⚑, and ``review`` shows only the
    rows holding one."""
    page = max(1, page)
    entries = list_entries(reg, principal, list_id, limit=ENTRIES_PAGE + 1, offset=(page - 1) * ENTRIES_PAGE)
    info = next((x for x in list_lists(reg, principal) if x["id"] == list_id), None)
    assert info is not None  # list_entries raised NotFound otherwise
    to_review = entries_to_review(reg, principal, list_id)
    if review:
        entries = to_review[(page - 1) * ENTRIES_PAGE: page * ENTRIES_PAGE + 1]
    total = len(to_review) if review else int(info["entries"])
    columns = info.get("column_map") or {}
    return render_victims(
        request,
        "list.html",
        {
            "info": info,
            "entries": [{**e, "unread": unread_fields(e, columns)} for e in entries[:ENTRIES_PAGE]],
            "page": page,
            "pages": max(1, (total + ENTRIES_PAGE - 1) // ENTRIES_PAGE),
            "columns": columns,
            "review": review,
            "to_review": len(to_review),
        },
    )
