"""The HTTP API of the review inbox (JSON, /api/v1/inbox): the same service calls and roles as the /inbox page.

Every reader may read it; editors, analysts and admins may assign documents and decide a kind in bulk.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from aqiqat.api.inbox import assign, decide_kind, inbox
from aqiqat.domain.enums import SuggestionKind
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep

router = APIRouter(prefix="/api/v1", dependencies=[CsrfDep], tags=["review"])
Kind = Literal[tuple(k.value for k in SuggestionKind)]  # type: ignore[valid-type]


class Assignment(BaseModel):
    reviewer: str = Field("", max_length=200, description="a reviewer's username; empty takes the document back")


class BulkDecision(BaseModel):
    kind: Kind = Field(description="the suggestion kind decided")  # type: ignore[valid-type]
    action: Literal["accept", "reject"]


@router.get("/inbox", summary="Documents with suggestions still to decide, most pending first, counted per kind")
def inbox_api(
    reg: RegisterDep,
    principal: PrincipalDep,
    kind: Kind | None = None,  # type: ignore[valid-type]
    assignee: Annotated[str | None, Query(max_length=200, description="a reviewer; '-' for nobody")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    page = inbox(reg, principal, kind=kind, assignee=assignee or None, limit=limit, offset=offset)
    return {"total": page.total, "documents": page.rows}


@router.post("/inbox/{document_id}/assign", summary="Give a document to a reviewer (audited)")
async def assign_api(reg: RegisterDep, principal: EditorDep, document_id: int, body: Assignment) -> dict[str, Any]:
    await run_in_threadpool(assign, reg, principal, document_id, body.reviewer)
    return {"document_id": document_id, "assigned_to": body.reviewer}


@router.post("/inbox/{document_id}/decide", summary="Accept or reject every pending suggestion of one kind")
async def decide_api(reg: RegisterDep, principal: EditorDep, document_id: int, body: BulkDecision) -> dict[str, Any]:
    n = await run_in_threadpool(decide_kind, reg, principal, document_id, body.kind, body.action)
    return {"document_id": document_id, "kind": body.kind, "action": body.action, "decided": n}
