"""Pages: the review inbox (pending suggestions per document and kind, assignment, bulk decisions)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from aqiqat.api.errors import Invalid
from aqiqat.api.inbox import PAGE, assign, decide_kind, inbox, reviewers
from aqiqat.api.page_exports import inbox_file
from aqiqat.domain.enums import SuggestionKind
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.pages import labeller, page_formatter, render
from aqiqat.web.params import form_of

router = APIRouter(include_in_schema=False)


@router.get("/inbox", response_class=HTMLResponse)
def inbox_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    kind: str | None = None,
    assignee: str | None = None,
    page: int = 1,
) -> Response:
    page = max(1, page)
    with reg.snapshot():  # the page's reads in one read transaction
        found = inbox(reg, principal, kind=kind or None, assignee=assignee or None, limit=PAGE,
                      offset=(page - 1) * PAGE)
        reviewer_names = reviewers(reg)
    kinds = [k.value for k in SuggestionKind]
    fmt = page_formatter(request)
    label = labeller(fmt)
    # what each row shows, formatted here once: a template call per cell costs more than the page's queries
    kind_html = {k: (str(escape(k)), str(escape(label(k)))) for d in found.rows for k in d["by_kind"]}
    rows = [{**d, "pending_text": fmt.number(d["pending"]), "total_text": fmt.number(d["total"]),
             **kind_cells(d["by_kind"], kind_html)} for d in found.rows]
    return render(
        request,
        "inbox.html",
        {"rows": rows, "total": found.total, "page": page, "pages": max(1, (found.total + PAGE - 1) // PAGE),
         "kinds": kinds, "may_edit": principal.may_edit, "reviewers": reviewer_names,
         "reviewer_options": reviewer_options(reviewer_names, {d["assigned_to"] for d in found.rows}),
         "f": {"kind": kind or "", "assignee": assignee or ""}},
    )


def reviewer_options(names: list[str], assigned: set[str]) -> dict[str, Markup]:
    """The reviewer choices of the assign form, for each reviewer a row may already have (each row has one
    such list: escaped once per page, not once per row)."""
    escaped = [(name, str(escape(name))) for name in names]
    return {
        current: Markup("".join(f'<option value="{e}"{" selected" if name == current else ""}>{e}</option>'
                                for name, e in escaped))
        for current in assigned
    }


def kind_cells(by_kind: dict[str, int], kind_html: dict[str, tuple[str, str]]) -> dict[str, Markup]:
    """A row's pending suggestions per kind as badges and as the bulk form's choices, the kinds and their
    labels escaped once per page (a row has up to eight kinds: escaping each cell in the template cost more
    than the rest of the row)."""
    badges = "".join(f'<span class="badge k-{kind_html[k][0]}">{kind_html[k][1]} {int(n)}</span> '
                     for k, n in by_kind.items())
    options = "".join(f'<option value="{kind_html[k][0]}">{kind_html[k][1]}</option>' for k in by_kind)
    return {"kind_badges": Markup(badges), "kind_options": Markup(options)}


@router.get("/inbox/export.{fmt}")
def inbox_export(reg: RegisterDep, principal: PrincipalDep, fmt: str, kind: str | None = None,
                 assignee: str | None = None) -> Response:
    """The inbox as filtered on its page, as CSV or XLSX."""
    data, media = inbox_file(reg, principal, kind or None, assignee or None, fmt)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="inbox.{fmt}"'})


@router.post("/inbox/assign", dependencies=[CsrfDep])
async def assign_document(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
    form = await form_of(request)
    try:
        doc_id = int(form.get("document_id", ""))
    except ValueError:
        raise Invalid("the form is damaged: reload the inbox") from None
    await run_in_threadpool(assign, reg, principal, doc_id, form.get("assigned_to", ""))
    return RedirectResponse("/inbox", status_code=303)


@router.post("/inbox/bulk", dependencies=[CsrfDep])
async def bulk_decision(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
    form = await form_of(request)
    try:
        doc_id = int(form.get("document_id", ""))
    except ValueError:
        raise Invalid("the form is damaged: reload the inbox") from None
    await run_in_threadpool(decide_kind, reg, principal, doc_id, form.get("kind", ""), form.get("action", ""))
    return RedirectResponse(form.get("next") or "/inbox", status_code=303)
