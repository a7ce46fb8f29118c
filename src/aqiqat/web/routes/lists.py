"""Pages: external victims lists (imported, with their entries) and the import form."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as FormFile

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.linking import queue
from aqiqat.api.lists import ListImport, import_list, list_entries, list_lists, parse_column_map
from aqiqat.api.register import Register
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.victim_pages import render_victims

router = APIRouter(include_in_schema=False)
LIST_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
ENTRIES_PAGE = 200
EXAMPLE_MAP = "name=ФИО,age=Возраст,sex=Пол,date=Дата гибели,place=Место"


def upload_name(file: FormFile) -> str:
    """The uploaded file's own name, without any folder a browser may send."""
    return (file.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"


async def read_upload(file: FormFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise Invalid(f"{upload_name(file)}: larger than the {limit / 1e6:.0f} MB limit")
    if not data:
        raise Invalid(f"{upload_name(file)}: the file is empty")
    return data


def import_upload(
    reg: Register, principal: Principal, data: bytes, filename: str, source: str, columns: str, name: str = ""
) -> ListImport:
    """Import uploaded bytes exactly as `aqiqat lists import` imports a file (the file keeps its name)."""
    if not source.strip():
        raise Invalid("source: say who compiled the list")
    if not columns.strip():
        raise Invalid("columns: map at least name=<column>, e.g. " + EXAMPLE_MAP)
    if Path(filename).suffix.lower() not in LIST_SUFFIXES:
        raise Invalid(f"{filename}: use a .csv or .xlsx file")
    try:
        column_map = parse_column_map(columns)
    except Invalid as exc:
        raise Invalid(str(exc).replace("--map:", "columns:")) from None
    with tempfile.TemporaryDirectory(prefix="aqiqat-list-") as folder:
        # saved under a fixed name: the upload's own name (NUL, "../", 300 bytes) never reaches the file system
        path = Path(folder) / ("upload" + Path(filename).suffix.lower())
        path.write_bytes(data)
        return import_list(reg, principal, path, source.strip(), column_map, name.strip() or None, filename)


def lists_context(reg: Register, principal: Principal) -> dict[str, Any]:
    lists = list_lists(reg, principal)
    return {
        "lists": lists,
        "entries_total": sum(x["entries"] for x in lists),
        "pending": len(queue(reg, "pending", limit=10_000)),
        "example_map": EXAMPLE_MAP,
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
) -> Response:
    """Import a list; the page then shows how many rows came in and every bad row with its number."""
    data = await read_upload(file, reg.settings.max_file_bytes)
    result = await run_in_threadpool(import_upload, reg, principal, data, upload_name(file), source, columns, name)
    return render_victims(
        request,
        "lists.html",
        {**lists_context(reg, principal), "result": result, "form": {"source": source, "columns": columns}},
    )


@router.get("/lists/{list_id}", response_class=HTMLResponse)
def list_page(request: Request, reg: RegisterDep, principal: PrincipalDep, list_id: int, page: int = 1) -> Response:
    page = max(1, page)
    entries = list_entries(reg, principal, list_id, limit=ENTRIES_PAGE + 1, offset=(page - 1) * ENTRIES_PAGE)
    info = next((x for x in list_lists(reg, principal) if x["id"] == list_id), None)
    assert info is not None  # list_entries raised NotFound otherwise
    total = int(info["entries"])
    return render_victims(
        request,
        "list.html",
        {
            "info": info,
            "entries": entries[:ENTRIES_PAGE],
            "page": page,
            "pages": max(1, (total + ENTRIES_PAGE - 1) // ENTRIES_PAGE),
            "columns": info.get("column_map") or {},
        },
    )
