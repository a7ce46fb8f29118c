"""Pages: the documents list (search, filters) and upload."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from aqiqat.api.documents import DocumentFilter
from aqiqat.api.errors import Invalid
from aqiqat.api.extract import extract_documents
from aqiqat.api.inbox import progress
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.page_exports import documents_file
from aqiqat.api.search import RANK_LIMIT, search_or_list
from aqiqat.api.telegram_import import is_export_zip_bytes
from aqiqat.api.web_queries import document_facets
from aqiqat.domain.enums import Confidentiality, DocumentKind, SourceKind
from aqiqat.web.deps import CsrfDep, EditorDep, FormatterDep, PrincipalDep, RegisterDep
from aqiqat.web.pages import labeller, page_formatter, render
from aqiqat.web.params import parse_day
from aqiqat.web.telegram_upload import telegram_upload

router = APIRouter(include_in_schema=False)
PAGE = 50


EXPORT_LIMIT = 10_000


@router.get("/documents/export.{fmt}")
def documents_export(
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: str,
    q: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    status: str | None = None,
) -> Response:
    """The documents page's own view (its search, its filters, what the reader may see) as CSV or XLSX."""
    f = DocumentFilter(source=source or None, kind=kind or None, language=language or None,
                       published_from=parse_day(published_from, "from"), published_to=parse_day(published_to, "to"),
                       capture_status=status or None, limit=EXPORT_LIMIT, offset=0)
    data, media = documents_file(reg, principal, q, f, fmt)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="documents.{fmt}"'})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    q: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    status: str | None = None,
    page: int = 1,
) -> Response:
    page = max(1, page)
    f = DocumentFilter(
        source=source or None,
        kind=kind or None,
        language=language or None,
        published_from=parse_day(published_from, "from"),
        published_to=parse_day(published_to, "to"),
        capture_status=status or None,
        limit=PAGE,
        offset=(page - 1) * PAGE,
    )
    with reg.snapshot():  # the page's reads in one read transaction
        found, total = search_or_list(reg, principal, q, f)
        review = progress(reg, principal, [d["id"] for d in found if d.get("id")])
        facets = document_facets(reg, principal)
    fmt = page_formatter(request)
    label = labeller(fmt)
    # each row's labels, date and review counts looked up here once: a template call per cell costs more
    rows = [{**d, "kind_label": label(d.get("kind")), "access_label": label(d.get("confidentiality")),
             "published_text": fmt.date(d.get("published_at")), "review": review.get(d.get("id") or 0)} for d in found]
    return render(
        request,
        "documents.html",
        {
            "rows": rows,
            "review": review,
            "total": total,
            "rank_limit": RANK_LIMIT,
            "page": page,
            "pages": max(1, (total + PAGE - 1) // PAGE),
            "q": q or "",
            "filters": {
                "source": source or "",
                "kind": kind or "",
                "language": language or "",
                "published_from": published_from or "",
                "published_to": published_to or "",
                "status": status or "",
            },
            "facets": facets,
            "kinds": [k.value for k in DocumentKind],
            "source_kinds": [k.value for k in SourceKind],
            "levels": [c.value for c in Confidentiality],
            "upload_error": getattr(request.state, "upload_error", None),
            "upload_form": getattr(request.state, "upload_form", None),
        },
        status_code=getattr(request.state, "upload_status", 200),
    )


@router.post("/documents", dependencies=[CsrfDep])
async def upload(
    request: Request,
    reg: RegisterDep,
    principal: EditorDep,
    fmt: FormatterDep,
    file: UploadFile,
    source: Annotated[str, Form()] = "",
    source_kind: Annotated[str, Form()] = "other",
    kind: Annotated[str, Form()] = "",
    language: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    confidentiality: Annotated[str, Form()] = "internal",
    consent: Annotated[str, Form()] = "",
    extract: Annotated[str, Form()] = "",
) -> Response:
    """Upload one file: the same rules and errors as `aqiqat ingest`; then machine suggestions for it."""
    try:
        return await _upload(request, reg, principal, fmt, file, source, source_kind, kind, language, published, url,
                             confidentiality, consent, extract)
    except Invalid as exc:  # the error in the form, with what was typed kept
        request.state.upload_error = str(exc)
        request.state.upload_status = exc.status
        request.state.upload_form = {"source": source, "source_kind": source_kind, "kind": kind, "language": language,
                                     "published": published, "confidentiality": confidentiality, "consent": consent}
        return documents_page(request, reg, principal)


async def _upload(
    request: Request,
    reg: Any,
    principal: Any,
    fmt: Any,
    file: UploadFile,
    source: str,
    source_kind: str,
    kind: str,
    language: str,
    published: str,
    url: str,
    confidentiality: str,
    consent: str,
    extract: str,
) -> Response:
    from starlette.concurrency import run_in_threadpool

    limit = reg.settings.max_file_bytes
    data = await file.read(limit + 1)
    name = (file.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    if len(data) > limit:
        raise Invalid(f"{name}: larger than the {limit / 1e6:.0f} MB limit")
    if name.lower().endswith(".zip") and is_export_zip_bytes(data):  # a zipped Telegram Desktop export
        return await telegram_upload(request, reg, principal, data, name, confidentiality, language, bool(extract))
    try:
        options = IngestOptions(
            source=source.strip() or None,
            source_kind=SourceKind(source_kind),
            url=url.strip() or None,
            published_at=parse_day(published, "published"),
            language=language.strip() or None,
            kind=DocumentKind(kind) if kind else None,
            confidentiality=Confidentiality(confidentiality),
            consent_note=consent.strip(),
        )
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    outcome = await run_in_threadpool(ingest_bytes, reg, principal, data, name, options)
    if outcome.status == "failed" or outcome.document_id is None:
        raise Invalid(outcome.message or f"{name}: could not be ingested")
    if extract and outcome.status == "added":
        await run_in_threadpool(extract_documents, reg, principal, [outcome.document_id])
    again = "?stored=1" if outcome.status == "duplicate" else ""  # the same bytes: the stored document, said so
    return RedirectResponse(f"/documents/{outcome.document_id}{again}", status_code=303)
