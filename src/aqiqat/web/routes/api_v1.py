"""The HTTP API (JSON, /api/v1): documents, suggestions and review, figures, timeline, map, audit, users.

The same service-layer calls as the pages and the CLI: redaction and permissions happen there.
Log in with POST /api/v1/session (cookie; send the returned csrf_token as X-CSRF-Token on changes)
or HTTP Basic on every request (with the header X-Aqiqat-CSRF: 1 on changes). Changes take JSON (415 otherwise),
uploads multipart/form-data.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from aqiqat.api.audit import list_audit
from aqiqat.api.clusters import linkage_summary
from aqiqat.api.documents import DocumentFilter, get_document
from aqiqat.api.errors import Invalid
from aqiqat.api.extract import extract_documents
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.reclassify import reclassify_document
from aqiqat.api.review import candidates, decide, get_suggestion, list_suggestions
from aqiqat.api.search import search_or_list
from aqiqat.api.stats import counts, figures, map_points, timeline
from aqiqat.api.users import add_user, get_user, set_language
from aqiqat.domain.enums import Confidentiality, DocumentKind, SourceKind
from aqiqat.web.deps import (
    AdminDep,
    AuditorDep,
    CsrfDep,
    EditorDep,
    LoginRequired,
    PrincipalDep,
    RegisterDep,
    checked_login,
    csrf_token,
)
from aqiqat.web.params import Reclassification, parse_day
from aqiqat.web.sessions import log_in, log_out

router = APIRouter(prefix="/api/v1", dependencies=[CsrfDep])


class Credentials(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class Language(BaseModel):
    lang: Literal["ru", "en"]


class Decision(BaseModel):
    version: int = Field(description="the suggestion's version you read (a stale one gets 409)")
    action: Literal["accept", "edit", "reject"]
    edits: dict[str, Any] | None = None
    link_to: int | None = Field(None, description="id of an existing record to link instead of creating one")


class NewUser(BaseModel):
    username: str = Field(max_length=200)
    role: Literal["admin", "editor", "analyst", "viewer"]
    password: str | None = Field(None, max_length=1000)
    language: Literal["ru", "en"] = "en"


@router.post("/session", tags=["session"], summary="Log in (sets the session cookie)")
def login(request: Request, reg: RegisterDep, body: Credentials) -> dict[str, Any]:
    principal = checked_login(request, reg, body.username, body.password)
    if principal is None:
        raise LoginRequired("wrong user name or password")
    log_in(request, reg, principal)
    return {"username": principal.username, "role": str(principal.role), "csrf_token": csrf_token(request)}


@router.delete("/session", tags=["session"], summary="Log out")
def logout(request: Request, reg: RegisterDep) -> dict[str, str]:
    log_out(request, reg)
    return {"status": "logged out"}


@router.get("/me", tags=["session"])
def me(request: Request, reg: RegisterDep, principal: PrincipalDep) -> dict[str, Any]:
    return {
        **get_user(reg, principal.username),
        "clearance": str(principal.clearance),
        "csrf_token": csrf_token(request),
    }


@router.put("/me/language", tags=["session"])
def language(request: Request, reg: RegisterDep, principal: PrincipalDep, body: Language) -> dict[str, str]:
    set_language(reg, principal, body.lang)
    request.session["lang"] = body.lang
    return {"lang": body.lang}


@router.get("/documents", tags=["documents"], summary="List or search documents")
def documents(
    reg: RegisterDep,
    principal: PrincipalDep,
    q: Annotated[str | None, Query(max_length=500, description="full-text search, any word form")] = None,
    source: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    status: Annotated[str | None, Query(description="captured pages whose last re-check found this: lost, "
                                        "changed, unchanged or unreachable")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    f = DocumentFilter(
        source=source,
        kind=kind,
        language=language,
        published_from=parse_day(published_from, "published_from"),
        published_to=parse_day(published_to, "published_to"),
        capture_status=status or None,
        limit=limit,
        offset=offset,
    )
    rows, total = search_or_list(reg, principal, q, f)
    return {"total": total, "items": rows}


@router.get("/documents/{ref}", tags=["documents"], summary="One document with its text (redacted if restricted)")
def document(reg: RegisterDep, principal: PrincipalDep, ref: str) -> dict[str, Any]:
    return get_document(reg, principal, ref)


@router.post("/documents", tags=["documents"], summary="Upload one file (same rules as `aqiqat ingest`)")
async def upload(
    reg: RegisterDep,
    principal: EditorDep,
    file: UploadFile,
    source: Annotated[str | None, Form()] = None,
    source_kind: Annotated[SourceKind, Form()] = SourceKind.OTHER,
    kind: Annotated[DocumentKind | None, Form()] = None,
    language: Annotated[str | None, Form()] = None,
    published: Annotated[str | None, Form()] = None,
    url: Annotated[str | None, Form()] = None,
    confidentiality: Annotated[Confidentiality, Form()] = Confidentiality.INTERNAL,
    consent: Annotated[str, Form()] = "",
    extract: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    limit = reg.settings.max_file_bytes
    data = await file.read(limit + 1)
    name = (file.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    if len(data) > limit:
        raise Invalid(f"{name}: larger than the {limit / 1e6:.0f} MB limit")
    options = IngestOptions(
        source=source or None,
        source_kind=source_kind,
        url=url or None,
        published_at=parse_day(published, "published"),
        language=language or None,
        kind=kind,
        confidentiality=confidentiality,
        consent_note=consent,
    )
    outcome = await run_in_threadpool(ingest_bytes, reg, principal, data, name, options)
    if outcome.status == "failed":
        raise Invalid(outcome.message)
    suggestions = None
    if extract and outcome.status == "added" and outcome.document_id is not None:
        report = await run_in_threadpool(extract_documents, reg, principal, [outcome.document_id])
        suggestions = report.suggestions
    return {
        "status": outcome.status,
        "message": outcome.message,
        "document_id": outcome.document_id,
        "sha256": outcome.sha256,
        "kind": outcome.kind,
        "language": outcome.language,
        "suggestions": suggestions,
    }


@router.post("/documents/{ref}/reclassify", tags=["documents"], summary="Change a document's confidentiality")
def reclassify(reg: RegisterDep, principal: EditorDep, ref: str, body: Reclassification) -> dict[str, Any]:
    """Raising seals it and everything resting on it; lowering needs full clearance and a reason."""
    return reclassify_document(reg, principal, ref, body.level, body.reason)


@router.post("/documents/{ref}/extract", tags=["review"], summary="Machine suggestions for one document")
def extract(reg: RegisterDep, principal: EditorDep, ref: str) -> dict[str, Any]:
    doc = get_document(reg, principal, ref)
    report = extract_documents(reg, principal, [doc["id"]])
    return {"document_id": doc["id"], "suggestions": report.suggestions, "failed": report.failed}


@router.get("/documents/{ref}/suggestions", tags=["review"])
def suggestions(
    reg: RegisterDep,
    principal: PrincipalDep,
    ref: str,
    status: Literal["pending", "accepted", "edited", "rejected"] | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    return list_suggestions(reg, principal, ref, status=status, kind=kind)


@router.get("/suggestions/{sid}", tags=["review"])
def suggestion(reg: RegisterDep, principal: PrincipalDep, sid: int) -> dict[str, Any]:
    return get_suggestion(reg, principal, sid)


@router.get("/suggestions/{sid}/candidates", tags=["review"], summary="Records this suggestion may already be")
def suggestion_candidates(reg: RegisterDep, principal: PrincipalDep, sid: int) -> list[dict[str, Any]]:
    return candidates(reg, principal, sid)


@router.post("/suggestions/{sid}/decision", tags=["review"], summary="Accept, edit or reject a suggestion")
def decision(reg: RegisterDep, principal: EditorDep, sid: int, body: Decision) -> dict[str, Any]:
    return decide(reg, principal, sid, body.version, body.action, body.edits, body.link_to)


@router.get("/timeline", tags=["figures"], summary="Events and deaths per day")
def timeline_api(
    reg: RegisterDep,
    principal: PrincipalDep,
    date_from: str | None = None,
    date_to: str | None = None,
    type: str | None = None,
    grade: str | None = None,
) -> list[dict[str, Any]]:
    return timeline(
        reg,
        principal,
        date_from=parse_day(date_from, "date_from"),
        date_to=parse_day(date_to, "date_to"),
        types=[type] if type else None,
        grades=[grade] if grade else None,
    )


@router.get("/map", tags=["figures"], summary="Events at places with coordinates, deaths and location precision")
def map_api(
    reg: RegisterDep,
    principal: PrincipalDep,
    date_from: str | None = None,
    date_to: str | None = None,
    type: str | None = None,
) -> list[dict[str, Any]]:
    return map_points(
        reg,
        principal,
        date_from=parse_day(date_from, "date_from"),
        date_to=parse_day(date_to, "date_to"),
        types=[type] if type else None,
    )


@router.get("/figures", tags=["figures"], summary="Every claimed figure about one subject, and the adopted one")
def figures_api(
    reg: RegisterDep, principal: PrincipalDep, subject: Annotated[str, Query(max_length=200)]
) -> dict[str, Any]:
    data = figures(reg, principal, subject)
    return {**data, "claims": data["claims"]}


@router.get("/counts", tags=["figures"], summary="Totals with min and max per group, by grade")
def counts_api(
    reg: RegisterDep,
    principal: PrincipalDep,
    by: str = "type",
    grade: Annotated[list[str] | None, Query()] = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    result = counts(
        reg,
        principal,
        by=by,
        grades=grade,
        date_from=parse_day(date_from, "date_from"),
        date_to=parse_day(date_to, "date_to"),
    )
    return {**result, "linkage": linkage_summary(reg, principal)}  # as `aqiqat counts --json`


@router.get("/audit", tags=["audit"], summary="The audit log, newest last")
def audit_api(
    reg: RegisterDep,
    principal: AuditorDep,
    entity: str | None = None,
    entity_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    return list_audit(reg, principal, limit=limit, entity=entity, entity_id=entity_id)


@router.post("/users", tags=["users"], summary="Add a user (admin); returns a generated password if none given")
def users_add(reg: RegisterDep, principal: AdminDep, body: NewUser) -> dict[str, Any]:
    user, password = add_user(reg, principal, body.username, body.role, body.password, language=body.language)
    return {**user, "password": password if body.password is None else None}
