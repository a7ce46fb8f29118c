"""Pages: places and actors (lists with CSV and XLSX, a page each) and the merge page: two places (or two
actors) side by side, merged with the version check and the audit, and split again from the kept one's page.
The same routes serve /places and /actors (registered once per section)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from aqiqat.api.access import Principal
from aqiqat.api.errors import AqiqatError, Invalid
from aqiqat.api.merging import merge, split
from aqiqat.api.page_exports import named_file
from aqiqat.api.places_actors import NamedQuery, list_named, merge_choices, named_record
from aqiqat.api.register import Register
from aqiqat.domain import enums as E
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.labels import N_
from aqiqat.web.pages import page_formatter, render
from aqiqat.web.params import form_of

router = APIRouter(include_in_schema=False)
SECTIONS = {"places": "place", "actors": "actor"}
KINDS = {"place": [k.value for k in E.PlaceKind], "actor": [k.value for k in E.ActorKind]}
PAGE = 50
EXPORT_LIMIT = 10_000
KIND_LABELS = {
    "place": {"country": N_("Country"), "region": N_("Region"), "city": N_("City"), "district": N_("District"),
              "site": N_("Site")},
    "actor": {"state_security": N_("State security"), "military": N_("Military"), "police": N_("Police"),
              "armed_group": N_("Armed group"), "government": N_("Government"), "civil_society": N_("Civil society"),
              "media": N_("Media"), "unknown": N_("Unknown")},
}
HEADINGS = {"places": (N_("Places"), N_("Place")), "actors": (N_("Actors"), N_("Actor"))}


def render_named(request: Request, name: str, entity: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """``pages.render`` with a helper that names a kind of place or actor in the reader's language."""
    fmt = page_formatter(request)
    labels = KIND_LABELS[entity]
    return render(request, name, {**context, "kind_label": lambda k: fmt.gettext(labels.get(str(k), str(k))),
                                  "headings": [fmt.gettext(h) for h in HEADINGS[context["section"]]]}, status_code)


def _query(name: str | None, kind: str | None, limit: int, offset: int) -> NamedQuery:
    return NamedQuery(name=(name or "").strip() or None, kind=kind or None, limit=limit, offset=offset)


def _register(section: str, entity: str) -> None:
    """The five routes of one section (places or actors)."""

    def list_page(request: Request, reg: RegisterDep, principal: PrincipalDep, name: str | None = None,
                  kind: str | None = None, page: int = 1) -> Response:
        page = max(1, page)
        rows, total = list_named(reg, principal, entity, _query(name, kind, PAGE, (page - 1) * PAGE))
        return render_named(request, "named_list.html", entity, {
            "section": section, "entity": entity, "rows": rows, "total": total, "kinds": KINDS[entity],
            "f": {"name": name or "", "kind": kind or ""}, "page": page, "pages": max(1, (total + PAGE - 1) // PAGE)})

    def export(reg: RegisterDep, principal: PrincipalDep, fmt: str, name: str | None = None,
               kind: str | None = None) -> Response:
        """The list page's own view (its filters, what the reader may see) as CSV or XLSX."""
        data, media = named_file(reg, principal, entity, _query(name, kind, EXPORT_LIMIT, 0), fmt)
        return Response(data, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{section}.{fmt}"'})

    def merge_page(request: Request, reg: RegisterDep, principal: PrincipalDep, keep: int | None = None,
                   other: int | None = None) -> Response:
        return _merge_page(request, reg, principal, section, entity, keep, other)

    async def merge_post(request: Request, reg: RegisterDep, principal: EditorDep) -> Response:
        form = await form_of(request)
        keep, other = _int(form.get("keep")), _int(form.get("other"))
        try:
            if keep is None or other is None:
                raise Invalid("choose the two records to merge")
            kept = _int(form.get("kept")) or keep
            if kept not in (keep, other):
                raise Invalid("choose which of the two to keep")
            gone = other if kept == keep else keep
            choices = {c["id"] for c in merge_choices(reg, principal, entity)}
            if kept not in choices or gone not in choices:
                raise Invalid("one of the two was merged already: choose again")
            versions = (_int(form.get(f"version_{kept}")) or 0, _int(form.get(f"version_{gone}")) or 0)
            await run_in_threadpool(merge, reg, principal, entity, kept, gone, versions)
        except AqiqatError as exc:
            return _merge_page(request, reg, principal, section, entity, keep, other, error=str(exc),
                               status_code=exc.status)
        return RedirectResponse(f"/{section}/{kept}?merged={gone}", status_code=303)

    def record_page(request: Request, reg: RegisterDep, principal: PrincipalDep, record_id: int,
                    merged: int | None = None) -> Response:
        record = named_record(reg, principal, entity, record_id)
        return render_named(request, "named.html", entity, {"section": section, "entity": entity, "r": record,
                                              "just_merged": merged})

    def split_post(reg: RegisterDep, principal: EditorDep, record_id: int) -> Response:
        kept = named_record(reg, principal, entity, record_id).get("merged_into")
        split(reg, principal, entity, record_id)
        return RedirectResponse(f"/{section}/{kept['id'] if kept else record_id}", status_code=303)

    router.add_api_route(f"/{section}", list_page, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(f"/{section}/export.{{fmt}}", export, methods=["GET"])
    router.add_api_route(f"/{section}/merge", merge_page, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(f"/{section}/merge", merge_post, methods=["POST"], dependencies=[CsrfDep])
    router.add_api_route(f"/{section}/{{record_id}}", record_page, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(f"/{section}/{{record_id}}/split", split_post, methods=["POST"], dependencies=[CsrfDep])


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _merge_page(request: Request, reg: Register, principal: Principal, section: str, entity: str,
                keep: int | None, other: int | None, error: str | None = None, status_code: int = 200) -> Response:
    """Two pickers; with both chosen, the two records side by side and, for an editor, the merge form."""
    chosen: list[dict[str, Any]] = []
    if keep is not None and other is not None and keep != other:
        chosen = [named_record(reg, principal, entity, keep), named_record(reg, principal, entity, other)]
    elif keep is not None and keep == other:
        error = error or "a record cannot be merged with itself"
        status_code = 422 if status_code == 200 else status_code
    rows = [("name", N_("Name")), ("kind", N_("Kind")), ("variants", N_("Variants"))]
    if entity == "place":
        rows += [("parent", N_("Part of")), ("coordinates", N_("Coordinates")), ("gazetteer_id", N_("Gazetteer id"))]
    rows += [("uses", N_("Records that refer to it")), ("confidentiality", N_("Access")), ("version", N_("Version"))]
    return render_named(request, "named_merge.html", entity, {
        "section": section, "entity": entity, "choices": merge_choices(reg, principal, entity),
        "keep": keep, "other": other, "chosen": chosen, "rows": rows, "error": error}, status_code)


for _section, _entity in SECTIONS.items():
    _register(_section, _entity)
