"""Capture web pages from the workbench: a form on the documents page and POST /api/v1/captures.

The same use case as `aqiqat capture`, for editors and admins, with the server's own network guarded (no
loopback, private, link-local or reserved address, unless AQIQAT_CAPTURE_PRIVATE). Captures run in threads of
their own (one at a time per workbench process), not in the request threads, so a slow page holds nothing but
its own request; each page has its own time limit.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from aqiqat.api.access import Principal
from aqiqat.api.capture import CaptureOptions, CaptureOutcome, capture_urls
from aqiqat.api.errors import Invalid
from aqiqat.api.register import Register
from aqiqat.domain.enums import Confidentiality
from aqiqat.web.deps import CsrfDep, CuratorDep, RegisterDep
from aqiqat.web.pages import render

router = APIRouter()
MAX_URLS = 10
PAGE_SECONDS = 30.0
_limiter: anyio.CapacityLimiter | None = None


def parse_urls(text: str | list[str]) -> list[str]:
    urls = [u.strip() for u in (text.split() if isinstance(text, str) else text) if u.strip()]
    if not urls:
        raise Invalid("urls: give at least one http or https address")
    if len(urls) > MAX_URLS:
        raise Invalid(f"urls: at most {MAX_URLS} pages at a time, not {len(urls)}")
    return urls


def _options(confidentiality: str, source: str) -> CaptureOptions:
    try:
        level = Confidentiality(confidentiality)
    except ValueError:
        raise Invalid(f"confidentiality: {confidentiality!r} is not one of public, internal, restricted") from None
    return CaptureOptions(confidentiality=level, source=source.strip() or None, timeout=PAGE_SECONDS, guarded=True)


async def run_captures(reg: Register, principal: Principal, urls: list[str],
                       options: CaptureOptions) -> list[CaptureOutcome]:
    """The captures in a thread of their own, outside the request threads (AQIQAT_WEB_THREADS)."""
    global _limiter
    if _limiter is None:
        _limiter = anyio.CapacityLimiter(1)
    return await anyio.to_thread.run_sync(capture_urls, reg, principal, urls, options, limiter=_limiter)


@router.post("/documents/capture", response_class=HTMLResponse, include_in_schema=False, dependencies=[CsrfDep])
async def capture_form(
    request: Request,
    reg: RegisterDep,
    principal: CuratorDep,
    urls: Annotated[str, Form()] = "",
    confidentiality: Annotated[str, Form()] = "internal",
    source: Annotated[str, Form()] = "",
) -> HTMLResponse:
    options = _options(confidentiality, source)
    outcomes = await run_captures(reg, principal, parse_urls(urls), options)
    return render(request, "capture.html", {"outcomes": outcomes})


class CaptureRequest(BaseModel):
    urls: list[str] = Field(min_length=1, max_length=MAX_URLS)
    confidentiality: str = "internal"
    source: str = ""


@router.post("/api/v1/captures", tags=["documents"], dependencies=[CsrfDep],
             summary="Capture web pages as documents (same rules as `aqiqat capture`)")
async def capture_api(reg: RegisterDep, principal: CuratorDep, body: CaptureRequest) -> dict[str, Any]:
    outcomes = await run_captures(reg, principal, parse_urls(body.urls), _options(body.confidentiality, body.source))
    return {"items": [asdict(o) for o in outcomes]}
