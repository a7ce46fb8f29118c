"""The HTTP API of the victims register (JSON, /api/v1): lists, linkage and the merge queue, estimates.

The same service-layer calls and roles as the pages: every reader may read and estimate; analysts,
editors and admins may import, link and judge. Counts are GET /api/v1/counts (api_v1).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request, UploadFile
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as FormFile

from aqiqat.api.clusters import clusters, default_threshold
from aqiqat.api.errors import Invalid
from aqiqat.api.job_budget import check_job_budget
from aqiqat.api.linking import DEFAULT_THRESHOLD, judge, link, mask_hidden_people, visible_queue
from aqiqat.api.lists import list_entries, list_lists
from aqiqat.api.reclassify import reclassify_list
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.jobs import estimate_people, register_memberships, run_job
from aqiqat.web.list_uploads import import_upload
from aqiqat.web.params import Reclassification, read_upload, upload_name
from aqiqat.web.routes.estimate import (
    MAX_PATTERNS_BYTES,
    estimate_by_threshold,
    estimate_patterns_bytes,
)

router = APIRouter(prefix="/api/v1", dependencies=[CsrfDep], tags=["victims"])


class Judgement(BaseModel):
    judgement: Literal["positive", "negative", "unsure"] = Field(
        description="positive merges the pair into one person; negative on a merged pair splits it again"
    )
    note: str = Field("", max_length=2000)


class LinkRequest(BaseModel):
    threshold: float = Field(DEFAULT_THRESHOLD, gt=0, lt=1, description="match probability that joins a cluster")


class LcmcrOptions(BaseModel):
    burn_in: int = Field(2000, ge=0, le=50_000)
    samples: int = Field(1000, ge=10, le=10_000)
    thin: int = Field(10, ge=1, le=200)
    chains: int = Field(2, ge=1, le=4)
    seed: int | None = 1


class EstimateRequest(BaseModel):
    method: Literal["loglinear", "lcmcr"] = "loglinear"
    criterion: Literal["aic", "bic"] = "bic"
    lcmcr: LcmcrOptions | None = Field(None, description="sampler settings (LCMCR only); light defaults")
    thresholds: list[float] | None = Field(
        None, max_length=8, description="also estimate at these linkage thresholds (register only)"
    )


@router.get("/lists", summary="Imported victims lists with their source and entry count")
def lists_api(reg: RegisterDep, principal: PrincipalDep) -> list[dict[str, Any]]:
    return list_lists(reg, principal)


@router.post("/lists/{list_id}/reclassify", summary="Change a victims list's confidentiality")
def reclassify_list_api(reg: RegisterDep, principal: EditorDep, list_id: int,
                        body: Reclassification) -> dict[str, Any]:
    """Raising seals the list, its rows and the people linked from them; lowering needs full clearance and a
    reason, and never goes below the level of the list's file."""
    return reclassify_list(reg, principal, list_id, body.level, body.reason)


@router.get("/lists/{list_id}/entries", summary="One list's rows as written")
def entries_api(
    reg: RegisterDep,
    principal: PrincipalDep,
    list_id: int,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    return list_entries(reg, principal, list_id, limit=limit, offset=offset)


@router.post("/lists", summary="Import a list (CSV or XLSX); bad rows come back with their row numbers")
async def import_api(
    reg: RegisterDep,
    principal: EditorDep,
    file: UploadFile,
    source: Annotated[str, Form(max_length=300)],
    columns: Annotated[str, Form(max_length=2000, description="field=Column,… e.g. name=ФИО,age=Возраст")],
    name: Annotated[str, Form(max_length=300)] = "",
    confidentiality: Annotated[str, Form(max_length=16, description="public, internal or restricted")] = "internal",
    again: Annotated[bool, Form(description="keep a second copy of a file already imported")] = False,
) -> dict[str, Any]:
    data = await read_upload(file, reg.settings.max_file_bytes)
    result = await run_in_threadpool(import_upload, reg, principal, data, upload_name(file), source, columns, name,
                                     confidentiality, again)
    return {
        "list_id": result.list_id,
        "name": result.name,
        "imported": result.imported,
        "errors": [{"row": row, "message": message} for row, message in result.errors],
        "document_id": result.document_id,
        "flagged": result.flagged_cells,
        "confidentiality": result.level,
    }


@router.get("/clusters", summary="The people the linkage produced: clusters with their entries and joining pairs")
def clusters_api(
    reg: RegisterDep,
    principal: PrincipalDep,
    threshold: Annotated[float | None, Query(ge=0.5, lt=1, description="default: the last link run's")] = None,
) -> dict[str, Any]:
    used = threshold if threshold is not None else default_threshold(reg)
    return clusters(reg, principal, used)


@router.get("/merge-queue", summary="Candidate pairs, best first, with each field's match weight")
def queue_api(
    reg: RegisterDep,
    principal: PrincipalDep,
    status: Literal["pending", "positive", "negative", "unsure", "all"] = "pending",
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> list[dict[str, Any]]:
    return visible_queue(reg, principal, status, limit)


@router.post("/merge-queue/{pair_id}", summary="Judge a pair: positive merges, negative splits (stale: 409)")
def judge_api(reg: RegisterDep, principal: EditorDep, pair_id: int, body: Judgement) -> dict[str, Any]:
    return mask_hidden_people(reg, principal, [judge(reg, principal, pair_id, body.judgement, body.note)])[0]


@router.post("/link", summary="Link every list (and the register's people); new pairs join the merge queue")
def link_api(reg: RegisterDep, principal: EditorDep, body: LinkRequest | None = None) -> dict[str, Any]:
    run = link(reg, principal, "duckdb", body.threshold if body else DEFAULT_THRESHOLD)
    return {
        "records": run.records,
        "pairs": run.pairs,
        "queued": run.queued,
        "clusters": run.clusters,
        "threshold": run.threshold,
        "engine": run.engine,
        "timings": run.timings,
    }


async def _estimate_request(request: Request) -> tuple[EstimateRequest, FormFile | None]:
    """JSON (the register's lists) or multipart/form-data with a `patterns` CSV file."""
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("multipart/form-data"):
            form = await request.form()
            patterns = form.get("patterns")
            if not isinstance(patterns, FormFile):
                raise Invalid("patterns: attach the capture-pattern CSV as the form field `patterns`")
            fields = {k: v for k, v in form.items() if k in ("method", "criterion") and isinstance(v, str)}
            return EstimateRequest.model_validate(fields), patterns
        raw = await request.body()
        return EstimateRequest.model_validate_json(raw or b"{}"), None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" if e["loc"] else str(e["msg"]) for e in exc.errors()
        )
        raise Invalid(problems) from None


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON schema with its $defs written in place (OpenAPI resolves $ref from the document root)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(defs[ref.rsplit("/", 1)[1]])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return dict(resolve(schema))


@router.post(
    "/estimate",
    summary="Estimate the total: JSON for the register's lists, or multipart with a `patterns` CSV",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": inline_schema(EstimateRequest)},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["patterns"],
                        "properties": {
                            "patterns": {"type": "string", "format": "binary"},
                            "method": {"type": "string", "enum": ["loglinear", "lcmcr"]},
                            "criterion": {"type": "string", "enum": ["aic", "bic"]},
                        },
                    }
                },
            }
        }
    },
)
async def estimate_api(request: Request, reg: RegisterDep, principal: PrincipalDep) -> dict[str, Any]:
    """Estimating changes nothing in the register, so every reader may run it, within their role's budget;
    the estimate runs in a process of its own, with a time limit, stopped if the client goes away."""
    body, patterns = await _estimate_request(request)
    lcmcr = (body.lcmcr or LcmcrOptions.model_validate({})).model_dump() if body.method == "lcmcr" else None
    check_job_budget(principal, body.method, lcmcr)
    if patterns is not None:
        data = await read_upload(patterns, MAX_PATTERNS_BYTES)
        name = upload_name(patterns)
        return await run_job(
            request, principal.username, estimate_patterns_bytes, data, name, body.method, body.criterion, lcmcr
        )
    people, left_out = await run_in_threadpool(register_memberships, reg, principal)
    result = await run_job(request, principal.username, estimate_people, people, body.method, body.criterion, lcmcr)
    result["left_out"] = left_out
    if body.thresholds:
        result["by_threshold"] = await run_in_threadpool(
            estimate_by_threshold, reg, principal, body.method, body.criterion, tuple(body.thresholds), lcmcr
        )
    return result
