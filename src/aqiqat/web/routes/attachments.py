"""Pages: attach evidence files (stored, or uploaded on the spot) to an event or a person; thumbnails."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.attachments import attach, thumbnail
from aqiqat.api.errors import Invalid
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.domain.enums import Confidentiality
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep

router = APIRouter(include_in_schema=False)
PAGES = {"events": "event", "people": "person"}


@router.post("/{section}/{record_id}/attachments", dependencies=[CsrfDep])
async def add_attachment(
    reg: RegisterDep,
    principal: EditorDep,
    section: str,
    record_id: int,
    document_id: Annotated[str, Form()] = "",
    file: UploadFile | None = None,
    confidentiality: Annotated[str, Form()] = "internal",
) -> Response:
    entity = PAGES.get(section)
    if entity is None:
        raise Invalid("files are attached to events and people")
    if file is not None and file.filename:
        limit = reg.settings.max_file_bytes
        data = await file.read(limit + 1)
        if len(data) > limit:
            raise Invalid(f"{file.filename}: larger than the {limit / 1e6:.0f} MB limit")
        try:
            options = IngestOptions(confidentiality=Confidentiality(confidentiality))
        except ValueError as exc:
            raise Invalid(str(exc)) from None
        name = file.filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
        outcome = await run_in_threadpool(ingest_bytes, reg, principal, data, name, options)
        if outcome.document_id is None:
            raise Invalid(outcome.message or f"{name}: could not be stored")
        doc = outcome.document_id
    elif document_id.isdigit():
        doc = int(document_id)
    else:
        raise Invalid("choose a stored file or upload one")
    await run_in_threadpool(attach, reg, principal, entity, record_id, doc)
    return RedirectResponse(f"/{section}/{record_id}#files", status_code=303)


@router.get("/documents/{document_id}/thumbnail")
def document_thumbnail(reg: RegisterDep, principal: PrincipalDep, document_id: int) -> Response:
    data = thumbnail(reg, principal, document_id)
    if data is None:
        return Response(status_code=204)
    return Response(data, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})
