"""Pages: group a document's matches ("also seen in") as one piece of evidence, and ungroup them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse

from aqiqat.api.evidence_groups import group_matches, ungroup
from aqiqat.web.deps import CsrfDep, CuratorDep, RegisterDep

router = APIRouter(include_in_schema=False, dependencies=[CsrfDep])


@router.post("/documents/{ref}/group")
def group(reg: RegisterDep, principal: CuratorDep, ref: str,
          member: Annotated[list[str] | None, Form()] = None) -> RedirectResponse:
    group_matches(reg, principal, ref, member or [])
    return RedirectResponse(f"/documents/{ref}", status_code=303)


@router.post("/documents/{ref}/ungroup")
def ungroup_page(reg: RegisterDep, principal: CuratorDep, ref: str) -> RedirectResponse:
    ungroup(reg, principal, ref)
    return RedirectResponse(f"/documents/{ref}", status_code=303)
