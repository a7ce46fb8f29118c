"""The workbench's upload of a zipped Telegram Desktop export: imported like `aqiqat ingest EXPORT.zip`."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.extract import extract_documents
from aqiqat.api.register import Register
from aqiqat.api.telegram_import import TelegramOptions, import_zip_bytes
from aqiqat.domain.enums import Confidentiality
from aqiqat.web.pages import render

EXTRACT_AT_ONCE = 200  # more posts than this: extraction is left to `aqiqat extract` (a page must not wait hours)


async def telegram_upload(request: Request, reg: Register, principal: Principal, data: bytes, name: str,
                          confidentiality: str, language: str, extract: bool) -> Response:
    try:
        options = TelegramOptions(confidentiality=Confidentiality(confidentiality), language=language.strip() or None)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    report = await run_in_threadpool(import_zip_bytes, reg, principal, data, name, options)
    if report.failed and not (report.posts or report.services or report.unchanged):
        raise Invalid(report.failed[0])
    ids = list(report.with_text)
    extracted = extract and 0 < len(ids) <= EXTRACT_AT_ONCE
    if extracted:
        await run_in_threadpool(extract_documents, reg, principal, ids)
    return render(request, "telegram_import.html", {
        "report": report, "extracted": extracted, "to_extract": len(ids) if not extracted else 0,
    })
