"""Exports, imports and reports over HTTP: GET /api/v1/export/{format}, GET /api/v1/reports/{kind},
POST /api/v1/import/{format} (preview, or confirm=true), and the /exchange page (upload, preview, confirm).

Files are written by the same use cases as the CLI to a temporary file (streamed, never held in memory),
sent, then removed; each is audited with its SHA-256 before it leaves."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from aqiqat.api.errors import Invalid
from aqiqat.api.exchange_export import FORMATS, MEDIA_TYPES, SUFFIX, Exported, export_format
from aqiqat.api.exchange_import import ImportPreview, import_acled
from aqiqat.api.exchange_rows import EventFilter
from aqiqat.api.exchange_uwazi import import_uwazi
from aqiqat.api.reports import ReportRequest, make_report
from aqiqat.security.file_modes import private_dir
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.pages import render
from aqiqat.web.params import read_upload, upload_name

router = APIRouter(dependencies=[CsrfDep])
IMPORTERS = {"acled": import_acled, "uwazi": import_uwazi}
REPORT_TYPES = {"pdf": "application/pdf",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _send(done: Exported, folder: Path, media_type: str) -> FileResponse:
    return FileResponse(done.path, media_type=media_type, filename=done.path.name,
                        headers={"X-Content-SHA256": done.sha256},
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


@router.get("/api/v1/export/{fmt}", tags=["exchange"], summary="The register in a field format, as a file")
def export_file(
    reg: RegisterDep, principal: PrincipalDep, fmt: Literal["acled", "geojson", "uwazi", "hxl", "popolo", "xlsx"],
    date_from: date | None = None, date_to: date | None = None,
) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="aqiqat-export-"))
    try:
        path = folder / f"aqiqat-{fmt}{SUFFIX[fmt]}"
        done = export_format(reg, principal, fmt, path, EventFilter(date_from, date_to))
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return _send(done, folder, MEDIA_TYPES[SUFFIX[fmt]])


@router.get("/api/v1/reports/{kind}", tags=["exchange"], summary="A report (incident, person, list, period)")
def report_file(
    reg: RegisterDep, principal: PrincipalDep, kind: Literal["event", "person", "list", "period"],
    ref: Annotated[str, Query(max_length=20)] = "", format: Literal["pdf", "docx"] = "pdf",
    language: Literal["ru", "en"] = "ru", date_from: date | None = None, date_to: date | None = None,
    place: Annotated[str | None, Query(max_length=500)] = None, group: Literal["place", "date"] = "place",
) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="aqiqat-report-"))
    try:
        done = make_report(reg, principal, ReportRequest(kind, ref, format, language, date_from, date_to,
                                                         place or None, group), folder)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return _send(done, folder, REPORT_TYPES[format])


def _import(reg: Any, principal: Any, fmt: str, data: bytes, name: str, confirm: bool, level: str) -> ImportPreview:
    if fmt not in IMPORTERS:
        raise Invalid(f"import one of {', '.join(IMPORTERS)}")
    suffix = ".zip" if name.lower().endswith(".zip") else ".csv"
    with tempfile.TemporaryDirectory(prefix="aqiqat-import-") as folder:
        path = Path(folder) / f"upload{suffix}"  # the upload's own name never reaches the file system
        path.write_bytes(data)
        return IMPORTERS[fmt](reg, principal, path, confirm, level, name)  # type: ignore[operator]


@router.post("/api/v1/import/{fmt}", tags=["exchange"], summary="Preview an ACLED or Uwazi file, or import it")
async def import_file(
    reg: RegisterDep, principal: EditorDep, fmt: Literal["acled", "uwazi"], file: UploadFile,
    confirm: Annotated[bool, Form()] = False,
    level: Annotated[Literal["public", "internal", "restricted"], Form()] = "internal",
) -> dict[str, Any]:
    data = await read_upload(file, reg.settings.max_file_bytes)
    preview = await run_in_threadpool(_import, reg, principal, fmt, data, upload_name(file), confirm, level)
    return preview.summary()


SPOOL_SECONDS = 24 * 3600


def _spool(reg: Any) -> Path:
    """Uploads between preview and confirm, under their SHA-256; a day after the preview they are removed."""
    folder = private_dir(reg.settings.data_dir / "imports")
    for old in folder.iterdir():
        if old.is_file() and time.time() - old.stat().st_mtime > SPOOL_SECONDS:
            old.unlink(missing_ok=True)
    return folder


@router.get("/exchange", response_class=HTMLResponse, include_in_schema=False)
def exchange_page(request: Request, reg: RegisterDep, principal: PrincipalDep) -> Response:
    return render(request, "exchange.html", {"formats": FORMATS, "preview": None})


@router.post("/exchange/import", response_class=HTMLResponse, include_in_schema=False)
async def exchange_preview(
    request: Request, reg: RegisterDep, principal: EditorDep, file: UploadFile,
    fmt: Annotated[Literal["acled", "uwazi"], Form()], level: Annotated[str, Form()] = "internal",
) -> Response:
    """The preview: the upload is kept (under its hash, in the register's private folder) for the confirmation;
    confirming it twice imports it once (the second time every row is unchanged)."""
    data = await read_upload(file, reg.settings.max_file_bytes)
    name = upload_name(file)
    preview = await run_in_threadpool(_import, reg, principal, fmt, data, name, False, level)
    sha = hashlib.sha256(data).hexdigest()
    (_spool(reg) / sha).write_bytes(data)
    return render(request, "exchange.html", {"formats": FORMATS, "preview": preview.summary(), "sha": sha,
                                             "fmt": fmt, "name": name, "level": level})


@router.post("/exchange/confirm", response_class=HTMLResponse, include_in_schema=False)
async def exchange_confirm(
    request: Request, reg: RegisterDep, principal: EditorDep, sha: Annotated[str, Form(pattern="^[0-9a-f]{64}$")],
    fmt: Annotated[Literal["acled", "uwazi"], Form()], name: Annotated[str, Form(max_length=255)],
    level: Annotated[Literal["public", "internal", "restricted"], Form()] = "internal",
) -> Response:
    spooled = _spool(reg) / sha
    if not spooled.is_file():
        raise Invalid("that preview has expired: upload the file again")
    data = spooled.read_bytes()
    preview = await run_in_threadpool(_import, reg, principal, fmt, data, name, True, level)
    return render(request, "exchange.html", {"formats": FORMATS, "preview": preview.summary(), "fmt": fmt,
                                             "name": name})
