"""Pages: people (victims, witnesses, officials) with their involvements and sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from aqiqat.api.attachments import attachments_of, media_documents
from aqiqat.api.editing import is_attachment, list_rows_of, merge_candidates, merged_into, names_of, undocumented
from aqiqat.api.page_exports import people_file
from aqiqat.api.records import get_record
from aqiqat.api.web_queries import PeopleQuery, involvement_events, list_people, sources_of
from aqiqat.domain.enums import Affiliation, InvolvementRole
from aqiqat.web.deps import PrincipalDep, RegisterDep
from aqiqat.web.pages import render

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request,
    reg: RegisterDep,
    principal: PrincipalDep,
    name: str | None = None,
    affiliation: str | None = None,
    role: str | None = None,
    page: int = 1,
) -> Response:
    page = max(1, page)
    q = PeopleQuery(
        name=name or None, affiliation=affiliation or None, role=role or None, limit=PAGE, offset=(page - 1) * PAGE
    )
    rows, total = list_people(reg, principal, q)
    return render(
        request,
        "people.html",
        {
            "rows": rows,
            "total": total,
            "page": page,
            "pages": max(1, (total + PAGE - 1) // PAGE),
            "f": {"name": name or "", "affiliation": affiliation or "", "role": role or ""},
            "affiliations": [a.value for a in Affiliation],
            "roles": [r.value for r in InvolvementRole],
        },
    )


@router.get("/people/export.{fmt}")
def people_export(
    reg: RegisterDep,
    principal: PrincipalDep,
    fmt: str,
    name: str | None = None,
    affiliation: str | None = None,
    role: str | None = None,
) -> Response:
    """The people page's own view (its filters; restricted people as pseudonyms) as CSV or XLSX."""
    q = PeopleQuery(name=name or None, affiliation=affiliation or None, role=role or None, limit=10_000, offset=0)
    data, media = people_file(reg, principal, q, fmt)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="people.{fmt}"'})


@router.get("/people/{person_id}/print", response_class=HTMLResponse)
def person_print(request: Request, reg: RegisterDep, principal: PrincipalDep, person_id: int) -> Response:
    return person_page(request, reg, principal, person_id, printable=True)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(
    request: Request, reg: RegisterDep, principal: PrincipalDep, person_id: int, printable: bool = False
) -> Response:
    person = get_record(reg, principal, "person", person_id)
    involvements = person.get("involvements", [])
    events = involvement_events(reg, principal, involvements)
    return render(
        request,
        "person.html",
        {
            "p": person,
            "involvements": [i for i in involvements if i["event_id"] in events],
            "events": events,
            "sources": sources_of(
                reg, principal, [{**e, "for": ""} for e in person.get("evidence", []) if not is_attachment(e)]
            ),
            "files": attachments_of(reg, principal, "person", person_id),
            "media": media_documents(reg, principal) if principal.may_edit and not person.get("redacted") else [],
            "section": "people",
            "printable": printable,
            "record_id": person_id,
            "told": undocumented(person.get("evidence", [])),
            "list_rows": [] if person.get("redacted") else list_rows_of(reg, principal, person_id),
            "names": [] if person.get("redacted") else names_of(reg, principal, person_id),
            "merged": merged_into(reg, principal, person_id),
            "candidates": merge_candidates(reg, principal, person_id) if principal.may_edit else [],
        },
    )
