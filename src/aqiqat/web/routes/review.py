"""Pages: review a document's suggestions (highlighted text, details, accept / edit / reject)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.documents import get_document
from aqiqat.api.errors import Invalid
from aqiqat.api.evidence_groups import evidence_group
from aqiqat.api.inbox import progress
from aqiqat.api.perceptual import also_seen_in
from aqiqat.api.review import candidates, decide, get_suggestion, list_suggestions, related
from aqiqat.web.deps import CsrfDep, EditorDep, FormatterDep, PrincipalDep, RegisterDep
from aqiqat.web.formatting import Formatter
from aqiqat.web.highlight import ENTITY_KINDS, PASSAGE_KINDS, segments
from aqiqat.web.labels import LABELS
from aqiqat.web.pages import page_formatter, render

router = APIRouter(include_in_schema=False)
KIND_ORDER = (*ENTITY_KINDS, *PASSAGE_KINDS)
SCALARS = (str, int, float, type(None))


def scalar_fields(payload: dict[str, Any]) -> list[tuple[str, Any]]:
    """The payload fields a reviewer can edit in a form (nested lists stay read-only)."""
    out = []
    for k, v in payload.items():
        if k == "date" and isinstance(v, dict):  # an event's date is edited as one ISO field
            out.append((k, v.get("iso") or v.get("start")))
        elif isinstance(v, SCALARS) and not isinstance(v, bool):
            out.append((k, v))
    return out


def nested_fields(payload: dict[str, Any]) -> list[tuple[str, Any]]:
    return [
        (k, v)
        for k, v in payload.items()
        if not isinstance(v, SCALARS) and v not in ([], {}, None) and not (k == "date" and isinstance(v, dict))
    ]


def edits_from_form(payload: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """Changed fields only, typed like the payload's value (numbers stay numbers; empty means unknown)."""
    edits: dict[str, Any] = {}
    for key, old in scalar_fields(payload):
        if f"f:{key}" not in form:
            continue
        raw = form[f"f:{key}"].strip()
        new: Any
        if raw == "":
            new = None if old is None or isinstance(old, int | float) else ""
        elif isinstance(old, int) or (old is None and raw.lstrip("-").isdigit()):
            try:
                new = int(raw)
            except ValueError:
                raise Invalid(f"{key}: {raw!r} is not a whole number") from None
        elif isinstance(old, float):
            try:
                new = float(raw.replace(",", "."))
            except ValueError:
                raise Invalid(f"{key}: {raw!r} is not a number") from None
        else:
            new = raw
        if new != old:
            edits[key] = new
    return edits


def _short(text: Any, n: int = 70) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def describe(sug: dict[str, Any], fmt: Formatter) -> tuple[str, str]:
    """A suggestion's title and a detail line for the list, in the reader's language."""
    p = sug.get("payload") or {}
    kind = sug.get("kind")
    span = sug["spans"][0]["text"] if sug.get("spans") else ""

    def label(value: Any) -> str:
        return fmt.gettext(LABELS.get(str(value), str(value))) if value else ""

    if kind in ("person", "place", "organization"):
        return _short(p.get("name") or span), _short(p.get("role") or "", 40)
    if kind == "date":
        day = fmt.date(p["start"]) if p.get("precision") == "day" and p.get("start") else (p.get("iso") or "")
        return _short(p.get("text") or span), day
    if kind == "figure":
        counted = label(p.get("counted"))
        return _short(span), _short(" · ".join(x for x in (counted, p.get("claimant")) if x), 50)
    if kind == "quote":
        return "«" + _short(p.get("text") or span, 60) + "»", _short(p.get("speaker") or "", 40)
    if kind == "event":
        date = (p.get("date") or {}).get("iso") or ""
        where = p.get("place") or ""
        return f"{label(p.get('type'))} · {_short(p.get('trigger'), 30)}", " · ".join(x for x in (date, where) if x)
    return _short(p.get("text") or span), _short(p.get("claimant") or "", 40)


@router.get("/documents/{ref}", response_class=HTMLResponse)
def review_page(request: Request, reg: RegisterDep, principal: PrincipalDep, fmt: FormatterDep, ref: str) -> Response:
    with reg.snapshot():  # the page's four reads in one read transaction
        doc = get_document(reg, principal, ref)
        suggestions = [] if doc.get("redacted") else list_suggestions(reg, principal, doc["id"])
        also_seen = [] if doc.get("redacted") else also_seen_in(reg, principal, doc["id"])
        group = None if doc.get("redacted") else evidence_group(reg, principal, doc["id"])
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in KIND_ORDER}
    for sug in suggestions:
        sug["title"], sug["detail"] = describe(sug, fmt)
        by_kind.setdefault(sug["kind"], []).append(sug)
    pending = sum(1 for s in suggestions if s["status"] == "pending")
    return render(
        request,
        "review.html",
        {
            "doc": doc,
            "segments": segments(doc.get("text") or "", suggestions),
            "by_kind": {k: v for k, v in by_kind.items() if v},
            "pending": pending,
            "total": len(suggestions),
            "also_seen": also_seen,
            "evidence_group": group,
        },
    )


def _panel(request: Request, reg: Any, principal: Any, sid: int, **extra: Any) -> HTMLResponse:
    sug = get_suggestion(reg, principal, sid)
    pending = sug["status"] == "pending"
    cands = candidates(reg, principal, sid) if pending else []
    bring = related(reg, principal, sid) if pending else []
    fmt = page_formatter(request)
    for other in bring:
        other["title"], other["detail"] = describe(other, fmt)
    return render(
        request,
        "partials/suggestion.html",
        {
            "s": sug,
            "fields": scalar_fields(sug["payload"]),
            "nested": nested_fields(sug["payload"]),
            "candidates": cands,
            "related": bring,
            **extra,
        },
    )


@router.get("/suggestions/{sid}", response_class=HTMLResponse)
def suggestion_panel(request: Request, reg: RegisterDep, principal: PrincipalDep, sid: int) -> Response:
    return _panel(request, reg, principal, sid)


@router.post("/suggestions/{sid}/decision", response_class=HTMLResponse, dependencies=[CsrfDep])
async def decision(request: Request, reg: RegisterDep, principal: EditorDep, sid: int) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    action = form.get("action", "")
    try:
        version = int(form.get("version", ""))
        link_to = int(form["link_to"]) if form.get("link_to") else None
        bring = {int(k[6:]): v for k, v in form.items() if k.startswith("bring:") and v not in ("", "no")}
    except ValueError:
        raise Invalid("the form is damaged: reload the document") from None
    sug = get_suggestion(reg, principal, sid)
    edits = edits_from_form(sug["payload"], form) if action == "edit" else None
    if action == "edit" and not edits:
        action = "accept"
    from starlette.concurrency import run_in_threadpool

    result = await run_in_threadpool(decide, reg, principal, sid, version, action, edits, link_to, bring)
    counts = progress(reg, principal, [sug["document_id"]]).get(sug["document_id"], {"total": 0, "pending": 0})
    return _panel(request, reg, principal, sid, records=result.get("records", []), decided=True,
                  oob=True, total=counts["total"], pending=counts["pending"])
