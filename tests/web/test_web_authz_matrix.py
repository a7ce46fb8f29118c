"""The authorisation matrix: every route of the workbench, called as anonymous, viewer, analyst, editor and
admin, on records of every confidentiality (public, internal, restricted), against an explicit table.

The table below is data written by hand, not derived from the app: a route the app serves without an entry
here (or an entry for a route the app no longer serves) fails the test. For each call it says the status
every role gets; for viewers and analysts no restricted name, contact or text may appear in any answer, and
for the cleared roles some answers must show them (so that the check would see a leak).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, ROLES, SECRET_SURNAME, csrf_of, login, seed

from aqiqat.api.access import local_admin
from aqiqat.api.extract import store_suggestions
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.lists import import_list
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.review import list_suggestions
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, DocumentKind, SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft
from aqiqat.web import create_app

WHO = ("anonymous", "viewer", "analyst", "editor", "admin")
UNCLEARED = ("viewer", "analyst")
# what a viewer or an analyst must never read: the restricted witness, their contact, the restricted
# testimony's words, the restricted event's title, the restricted document's suggestion
SECRETS = (SECRET_SURNAME, "+7 701", "видела, как военные", "Тайная встреча в Жанаозене", "погибли пятеро")
OK = "ok"  # stands for the case's own success status (200, 201, 303 …)

# Who gets what, in the order of WHO. 303 = sent to the log-in page, 401 = the API's "log in first".
POLICIES: dict[str, tuple[int | str, ...]] = {
    "public": (OK, OK, OK, OK, OK),  # no data: log-in form, static files, the API description
    "login-page": (OK, 303, 303, 303, 303),  # the logged-in are sent on
    "page": (303, OK, OK, OK, OK),  # a page for every reader (restricted values redacted inside)
    "api": (401, OK, OK, OK, OK),
    "page-cleared": (303, 404, 404, OK, OK),  # a restricted record: as if it did not exist for the uncleared
    "api-cleared": (401, 404, 404, OK, OK),
    "page-audit": (303, 403, 403, OK, OK),  # the audit log holds restricted before/after values
    "api-audit": (401, 403, 403, OK, OK),
    "page-write": (303, 403, OK, OK, OK),  # analysts, editors and admins change the register
    "api-write": (401, 403, OK, OK, OK),
    "api-write-cleared": (401, 403, 404, OK, OK),  # a change to a restricted record
    "page-write-cleared": (303, 403, 404, OK, OK),
    "api-admin": (401, 403, 403, 403, OK),
    "api-declassify": (401, 403, 403, OK, OK),  # lowering a level: editors and admins, fully cleared
    "page-curate": (303, 403, 403, OK, OK),  # capturing web pages from the workbench: editors and admins
    "api-curate": (401, 403, 403, OK, OK),
    "session": (OK, OK, OK, OK, OK),  # log-in, log-out, language: the same answer for everyone
}


@dataclass(frozen=True)
class Case:
    method: str
    route: str  # the route's path as the app declares it
    url: str  # the call, with {names} of the seeded records
    policy: str
    ok: int = 200
    json: Any = None
    form: dict[str, str] | None = None
    file: tuple[str, bytes] | None = None
    reveals: bool = False  # the cleared roles' answer shows a restricted value
    restore_session: bool = False  # the call ends the session (on the server too): log in again afterwards
    fresh: dict[str, Any] = field(default_factory=dict)


CSV = "ФИО,Возраст\nКасым Ахметов,40\nДинара Сапаргалиева,31\n".encode()
# each role uploads a list of its own: the same rows twice are refused (``api.lists.import_list``)
CSV_OF_ROLE = "ФИО,Возраст\nКасым Ахметов,40\nДинара Сапаргалиева,31\nСписок {who},50\n".encode()
CSV_OF_ROLE_API = CSV_OF_ROLE.replace("Список".encode(), "Список API".encode())
ACLED_CSV = "event_id_cnty,event_date,sub_event_type,location\nKAZ5,2022-01-05,Arrests,Алматы\n".encode()
EVENT = {"type": "protest", "title": "Митинг на площади", "confidentiality": "public"}
STALE = {"version": 0, "changes": {"title": "x"}}

# fmt: off
CASES: list[Case] = [
    # log-in, log-out, language
    Case("GET", "/", "/", "session", ok=303),
    Case("GET", "/login", "/login", "login-page"),
    # a name of its own per caller: five failures for one name would start its back-off (test_web_auth.py)
    Case("POST", "/login", "/login", "session", ok=401, form={"username": "nobody-{who}", "password": "wrong"}),
    Case("POST", "/logout", "/logout", "session", ok=303, restore_session=True),
    Case("POST", "/language", "/language", "session", ok=303, form={"lang": "en", "next": "/documents"}),
    Case("POST", "/api/v1/session", "/api/v1/session", "session", ok=401,
         json={"username": "nobody-{who}", "password": "wrong"}),
    Case("DELETE", "/api/v1/session", "/api/v1/session", "session", restore_session=True),
    Case("GET", "/api/v1/me", "/api/v1/me", "api"),
    Case("PUT", "/api/v1/me/language", "/api/v1/me/language", "api", json={"lang": "en"}),
    # the API description and static files: no data in them
    Case("GET", "/openapi.json", "/openapi.json", "public"),
    Case("GET", "/static", "/static/app.css", "public"),
    Case("GET", "/static", "/static/..%2F..%2Fconfig.py", "public", ok=404),
    Case("GET", "/vendor/htmx", "/vendor/htmx/htmx.min.js", "public"),
    Case("GET", "/vendor/leaflet", "/vendor/leaflet/leaflet.js", "public"),
    Case("GET", "/vendor/world-atlas", "/vendor/world-atlas/countries-110m.json", "public"),
    Case("GET", "/vendor/world-atlas", "/vendor/world-atlas/..%2Fhtmx.org%2Fpackage.json", "public", ok=404),
    Case("GET", "/vendor/topojson-client", "/vendor/topojson-client/topojson-client.min.js", "public"),
    # documents: public, internal and restricted
    Case("GET", "/documents", "/documents", "page"),
    Case("GET", "/documents", "/documents?q=военные", "page"),
    Case("GET", "/documents/{ref}", "/documents/{public_doc}", "page"),
    Case("GET", "/documents/export.{fmt}", "/documents/export.csv", "page"),
    Case("GET", "/documents/export.{fmt}", "/documents/export.xlsx?q=военные", "page"),
    Case("GET", "/documents/{ref}", "/documents/{internal_doc}", "page"),
    Case("GET", "/documents/{ref}", "/documents/{restricted_doc}", "page", reveals=True),
    Case("POST", "/documents", "/documents", "page-write", ok=303, file=("upload.txt", "Новый отчёт {who}.".encode())),
    Case("GET", "/api/v1/documents", "/api/v1/documents", "api", reveals=True),
    # captures asked for from the workbench (the server's own address is refused: nothing is fetched)
    Case("POST", "/documents/capture", "/documents/capture", "page-curate", form={"urls": "http://127.0.0.1:9/"}),
    Case("POST", "/api/v1/captures", "/api/v1/captures", "api-curate", json={"urls": ["http://127.0.0.1:9/"]}),
    # a document's stored file (a screenshot, a scan): restricted ones exist only for the cleared
    Case("GET", "/documents/{ref}/file", "/documents/{public_doc}/file", "page"),
    Case("GET", "/documents/{ref}/file", "/documents/{restricted_doc}/file", "page-cleared", reveals=True),
    # evidence groups (the seeded document has no matches: refused as such, after the role is checked)
    Case("POST", "/documents/{ref}/group", "/documents/{public_doc}/group", "page-curate", ok=422,
         form={"member": "999999"}),
    Case("POST", "/documents/{ref}/ungroup", "/documents/{public_doc}/ungroup", "page-curate", ok=422),
    Case("GET", "/api/v1/documents/{ref}", "/api/v1/documents/{public_doc}", "api"),
    Case("GET", "/api/v1/documents/{ref}", "/api/v1/documents/{internal_doc}", "api"),
    Case("GET", "/api/v1/documents/{ref}", "/api/v1/documents/{restricted_doc}", "api", reveals=True),
    Case("POST", "/api/v1/documents", "/api/v1/documents", "api-write", file=("api.txt", "Отчёт API {who}.".encode())),
    Case("POST", "/api/v1/documents/{ref}/extract", "/api/v1/documents/999999/extract", "api-write", ok=404),
    # suggestions and review
    Case("GET", "/api/v1/documents/{ref}/suggestions", "/api/v1/documents/{public_doc}/suggestions", "api"),
    Case("GET", "/api/v1/documents/{ref}/suggestions", "/api/v1/documents/{restricted_doc}/suggestions",
         "api-cleared", reveals=True),
    Case("GET", "/suggestions/{sid}", "/suggestions/{public_sid}", "page"),
    Case("GET", "/suggestions/{sid}", "/suggestions/{restricted_sid}", "page-cleared", reveals=True),
    Case("GET", "/api/v1/suggestions/{sid}", "/api/v1/suggestions/{public_sid}", "api"),
    Case("GET", "/api/v1/suggestions/{sid}", "/api/v1/suggestions/{restricted_sid}", "api-cleared", reveals=True),
    Case("GET", "/api/v1/suggestions/{sid}/candidates", "/api/v1/suggestions/{public_sid}/candidates", "api"),
    Case("GET", "/api/v1/suggestions/{sid}/candidates", "/api/v1/suggestions/{restricted_sid}/candidates",
         "api-cleared"),
    Case("POST", "/suggestions/{sid}/decision", "/suggestions/{public_sid}/decision", "page-write", ok=409,
         form={"version": "0", "action": "reject"}),
    Case("POST", "/suggestions/{sid}/decision", "/suggestions/{restricted_sid}/decision", "page-write-cleared",
         ok=409, form={"version": "0", "action": "reject"}),
    Case("POST", "/api/v1/suggestions/{sid}/decision", "/api/v1/suggestions/{public_sid}/decision", "api-write",
         ok=409, json={"version": 0, "action": "reject"}),
    Case("POST", "/api/v1/suggestions/{sid}/decision", "/api/v1/suggestions/{restricted_sid}/decision",
         "api-write-cleared", ok=409, json={"version": 0, "action": "reject"}),
    # events: public, internal, restricted
    Case("GET", "/events", "/events", "page"),
    Case("GET", "/events/{event_id}", "/events/{public_event}", "page"),
    Case("GET", "/events/{event_id}", "/events/{internal_event}", "page", reveals=True),
    Case("GET", "/events/{event_id}", "/events/{restricted_event}", "page-cleared", reveals=True),
    Case("GET", "/api/v1/events", "/api/v1/events", "api", reveals=True),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/events/{public_event}", "api"),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/events/{internal_event}", "api", reveals=True),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/events/{restricted_event}", "api-cleared", reveals=True),
    Case("POST", "/api/v1/{entity}", "/api/v1/events", "api-write", ok=201, json=EVENT),
    Case("PATCH", "/api/v1/{entity}/{record_id}", "/api/v1/events/{public_event}", "api-write", ok=409, json=STALE),
    Case("PATCH", "/api/v1/{entity}/{record_id}", "/api/v1/events/{restricted_event}", "api-write-cleared",
         ok=409, json=STALE),
    Case("POST", "/api/v1/events/{event_id}/involvements", "/api/v1/events/{public_event}/involvements",
         "api-write", ok=201, json={"role": "perpetrator", "actor_id": "{actor}"}),
    # a blank reason: the cleared get 422 (nothing lowered), everyone else is refused before it is read
    Case("POST", "/api/v1/{entity}/{record_id}/declassify", "/api/v1/events/{restricted_event}/declassify",
         "api-declassify", ok=422, json={"level": "internal", "reason": " "}),
    Case("POST", "/api/v1/documents/{ref}/reclassify", "/api/v1/documents/{restricted_doc}/reclassify",
         "api-declassify", ok=422, json={"level": "internal", "reason": " "}),
    Case("POST", "/api/v1/events/{event_id}/involvements", "/api/v1/events/{restricted_event}/involvements",
         "api-write-cleared", ok=201, json={"role": "perpetrator", "actor_id": "{actor}"}),
    # people: a public victim and a restricted witness (a pseudonym for the uncleared)
    Case("GET", "/people", "/people", "page", reveals=True),
    Case("GET", "/people/{person_id}", "/people/{victim}", "page"),
    Case("GET", "/people/{person_id}", "/people/{witness}", "page", reveals=True),
    Case("GET", "/api/v1/people", "/api/v1/people", "api", reveals=True),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/people/{victim}", "api"),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/people/{witness}", "api", reveals=True),
    Case("POST", "/api/v1/{entity}", "/api/v1/people", "api-write", ok=201,
         json={"display_name": "Бахыт Ермеков", "confidentiality": "public"}),
    Case("PATCH", "/api/v1/{entity}/{record_id}", "/api/v1/people/{witness}", "api-write-cleared", ok=409,
         json=STALE | {"changes": {"notes": "x"}}),
    # claims (one made by the restricted witness), places, actors
    Case("GET", "/claims", "/claims", "page", reveals=True),
    Case("GET", "/claims", "/claims?subject=погибшие", "page", reveals=True),
    Case("GET", "/claims/{claim_id}", "/claims/{claim}", "page"),
    Case("GET", "/claims/{claim_id}", "/claims/{witness_claim}", "page-cleared"),  # its claimant is restricted
    Case("GET", "/claims/{claim_id}", "/claims/{restricted_claim}", "page-cleared"),
    Case("GET", "/api/v1/{entity}", "/api/v1/claims", "api", reveals=True),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/claims/{witness_claim}", "api-cleared"),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/claims/{restricted_claim}", "api-cleared"),
    Case("POST", "/api/v1/{entity}", "/api/v1/claims", "api-write", ok=201,
         json={"kind": "figure", "text": "погибли трое", "subject": "погибшие", "value": 3}),
    Case("GET", "/api/v1/{entity}", "/api/v1/places", "api"),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/places/{place}", "api"),
    Case("POST", "/api/v1/{entity}", "/api/v1/places", "api-write", ok=201, json={"name": "Жанаозен", "kind": "city"}),
    Case("GET", "/api/v1/{entity}", "/api/v1/actors", "api"),
    Case("GET", "/claims/export.{fmt}", "/claims/export.csv?subject=погибшие", "page", reveals=True),
    Case("GET", "/claims/export.{fmt}", "/claims/export.xlsx", "page"),
    Case("POST", "/api/v1/{entity}/{record_id}/merge", "/api/v1/places/{place}/merge", "api-write", ok=404,
         json={"other": 999999}),
    Case("POST", "/api/v1/{entity}/{record_id}/split", "/api/v1/actors/{actor}/split", "api-write", ok=422),
    Case("GET", "/places", "/places", "page"),
    Case("GET", "/places/export.{fmt}", "/places/export.csv", "page"),
    Case("GET", "/places/merge", "/places/merge?keep={place}", "page"),
    Case("POST", "/places/merge", "/places/merge", "page-write", ok=422),
    Case("GET", "/places/{record_id}", "/places/{place}", "page"),
    Case("POST", "/places/{record_id}/split", "/places/{place}/split", "page-write", ok=422),
    Case("GET", "/actors", "/actors", "page"),
    Case("GET", "/actors/export.{fmt}", "/actors/export.xlsx", "page"),
    Case("GET", "/actors/merge", "/actors/merge?keep={actor}", "page"),
    Case("POST", "/actors/merge", "/actors/merge", "page-write", ok=422),
    Case("GET", "/actors/{record_id}", "/actors/{actor}", "page"),
    Case("POST", "/actors/{record_id}/split", "/actors/{actor}/split", "page-write", ok=422),
    Case("GET", "/api/v1/{entity}/{record_id}", "/api/v1/actors/{actor}", "api"),
    Case("PATCH", "/api/v1/{entity}/{record_id}", "/api/v1/actors/{actor}", "api-write", ok=409,
         json=STALE | {"changes": {"name": "x"}}),
    # figures, timeline, map, counts
    Case("GET", "/api/v1/figures", "/api/v1/figures?subject=погибшие в Талдыкоргане", "api", reveals=True),
    Case("GET", "/api/v1/figures", "/api/v1/figures?subject=погибшие", "api", reveals=True),
    Case("PATCH", "/api/v1/{entity}/{record_id}", "/api/v1/claims/{restricted_claim}", "api-write-cleared", ok=409,
         json=STALE | {"changes": {"text": "x"}}),
    Case("GET", "/timeline", "/timeline", "page"),
    Case("GET", "/api/v1/timeline", "/api/v1/timeline", "api"),
    Case("GET", "/map", "/map", "page"),
    Case("GET", "/api/v1/map", "/api/v1/map", "api"),
    Case("GET", "/counts", "/counts?grade=confirmed&grade=fair&grade=weak", "page"),
    Case("GET", "/api/v1/counts", "/api/v1/counts?by=place", "api"),
    # the workbench's editing pages (issue 13)
    Case("GET", "/events/new", "/events/new", "page-write"),
    Case("POST", "/events/new", "/events/new", "page-write", ok=422, form={"title": "x"}),
    Case("GET", "/events/{event_id}/edit", "/events/{public_event}/edit", "page-write"),
    Case("GET", "/events/{event_id}/edit", "/events/{restricted_event}/edit", "page-write-cleared", reveals=True),
    Case("POST", "/events/{event_id}/edit", "/events/{public_event}/edit", "page-write", ok=409,
         form={"version": "0", "title": "x"}),
    Case("POST", "/events/{event_id}/edit", "/events/{restricted_event}/edit", "page-write-cleared", ok=409,
         form={"version": "0", "title": "x"}),
    Case("POST", "/events/{event_id}/involvements", "/events/{public_event}/involvements", "page-write", ok=422,
         form={"role": "victim"}),
    Case("POST", "/events/{event_id}/involvements/{inv_id}/remove", "/events/{public_event}/involvements/999999/remove",
         "page-write", ok=404),
    Case("POST", "/events/{event_id}/claims", "/events/{public_event}/claims", "page-write", ok=422),
    Case("POST", "/{section}/{record_id}/attachments", "/events/{public_event}/attachments", "page-write", ok=422),
    Case("GET", "/documents/{document_id}/thumbnail", "/documents/{public_doc}/thumbnail", "page", ok=204),
    Case("GET", "/documents/{document_id}/thumbnail", "/documents/{restricted_doc}/thumbnail", "page-cleared",
         ok=204),
    Case("GET", "/people/new", "/people/new", "page-write"),
    Case("POST", "/people/new", "/people/new", "page-write", ok=422, form={"display_name": "x"}),
    Case("GET", "/people/{person_id}/edit", "/people/{victim}/edit", "page-write"),
    Case("GET", "/people/{person_id}/edit", "/people/{witness}/edit", "page-write-cleared", reveals=True),
    Case("POST", "/people/{person_id}/edit", "/people/{victim}/edit", "page-write", ok=409,
         form={"version": "0", "display_name": "x"}),
    Case("POST", "/people/{person_id}/edit", "/people/{witness}/edit", "page-write-cleared", ok=409,
         form={"version": "0", "display_name": "x"}),
    Case("POST", "/people/{person_id}/merge", "/people/{victim}/merge", "page-write", ok=422),
    Case("POST", "/people/{person_id}/split", "/people/{victim}/split", "page-write", ok=422),
    Case("GET", "/claims/new", "/claims/new", "page-write"),
    Case("POST", "/claims/new", "/claims/new", "page-write", ok=422, form={"text": "x"}),
    Case("GET", "/inbox", "/inbox", "page"),
    Case("GET", "/inbox/export.{fmt}", "/inbox/export.csv", "page"),
    Case("GET", "/events/export.{fmt}", "/events/export.csv", "page", reveals=True),
    Case("GET", "/events/export.{fmt}", "/events/export.xlsx", "page"),
    Case("GET", "/people/export.{fmt}", "/people/export.csv", "page", reveals=True),
    Case("GET", "/events/{event_id}/print", "/events/{public_event}/print", "page"),
    Case("GET", "/events/{event_id}/print", "/events/{restricted_event}/print", "page-cleared", reveals=True),
    Case("GET", "/people/{person_id}/print", "/people/{victim}/print", "page"),
    Case("GET", "/people/{person_id}/print", "/people/{witness}/print", "page", reveals=True),
    Case("POST", "/inbox/assign", "/inbox/assign", "page-write", ok=422),
    Case("POST", "/inbox/bulk", "/inbox/bulk", "page-write", ok=422),
    Case("GET", "/api/v1/inbox", "/api/v1/inbox?kind=person", "api"),
    Case("POST", "/api/v1/inbox/{document_id}/assign", "/api/v1/inbox/999999/assign", "api-write", ok=404,
         json={"reviewer": ""}),
    Case("POST", "/api/v1/inbox/{document_id}/decide", "/api/v1/inbox/999999/decide", "api-write", ok=404,
         json={"kind": "person", "action": "reject"}),
    # the audit log
    Case("GET", "/audit", "/audit", "page-audit", reveals=True),
    Case("GET", "/api/v1/audit", "/api/v1/audit?limit=1000", "api-audit", reveals=True),
    # users
    Case("POST", "/api/v1/users", "/api/v1/users", "api-admin", json={"username": "new-{who}", "role": "viewer"}),
    # victims lists, linkage, merge queue, estimates
    Case("GET", "/lists", "/lists", "page"),
    Case("POST", "/lists", "/lists", "page-write", file=("list-{who}.csv", CSV_OF_ROLE),
         form={"source": "Список {who}", "columns": "name=ФИО,age=Возраст"}),
    Case("POST", "/lists/preview", "/lists/preview", "page-write", file=("list-{who}.csv", CSV)),
    Case("GET", "/lists/{list_id}", "/lists/{victims_list}", "page"),
    Case("GET", "/lists/{list_id}/export.{fmt}", "/lists/{victims_list}/export.csv", "page"),
    Case("GET", "/lists/clusters", "/lists/clusters", "page"),
    Case("GET", "/api/v1/clusters", "/api/v1/clusters", "api"),
    Case("GET", "/api/v1/lists", "/api/v1/lists", "api"),
    Case("POST", "/api/v1/lists", "/api/v1/lists", "api-write", file=("api-list-{who}.csv", CSV_OF_ROLE_API),
         form={"source": "Список API {who}", "columns": "name=ФИО,age=Возраст"}),
    Case("GET", "/api/v1/lists/{list_id}/entries", "/api/v1/lists/{victims_list}/entries", "api"),
    # a blank reason: the cleared get 422 (nothing changed), everyone else is refused before it is read
    Case("POST", "/api/v1/lists/{list_id}/reclassify", "/api/v1/lists/{victims_list}/reclassify",
         "api-declassify", ok=422, json={"level": "restricted", "reason": " "}),
    Case("POST", "/link", "/link", "page-write", ok=422, form={"threshold": "2"}),
    Case("POST", "/api/v1/link", "/api/v1/link", "api-write", ok=422, json={"threshold": 2}),
    Case("GET", "/merge-queue", "/merge-queue", "page"),
    Case("GET", "/merge-queue", "/merge-queue?tab=decided", "page"),
    Case("GET", "/merge-queue/export.{fmt}", "/merge-queue/export.csv", "page"),
    Case("GET", "/counts/export.{fmt}", "/counts/export.csv?by=grade&grade=fair&grade=weak", "page"),
    Case("POST", "/merge-queue/{pair_id}", "/merge-queue/999999", "page-write", ok=404, form={"judgement": "positive"}),
    Case("GET", "/api/v1/merge-queue", "/api/v1/merge-queue?status=all", "api"),
    Case("POST", "/api/v1/merge-queue/{pair_id}", "/api/v1/merge-queue/999999", "api-write", ok=404,
         json={"judgement": "positive"}),
    # exports, reports and imports in the field's formats (tests/exchange checks the files' contents)
    Case("GET", "/exchange", "/exchange", "page"),
    Case("GET", "/api/v1/export/{fmt}", "/api/v1/export/acled", "api", reveals=True),
    Case("GET", "/api/v1/export/{fmt}", "/api/v1/export/geojson", "api", reveals=True),
    Case("GET", "/api/v1/reports/{kind}", "/api/v1/reports/event?ref={internal_event}&format=docx", "api"),
    Case("GET", "/api/v1/reports/{kind}", "/api/v1/reports/event?ref={restricted_event}", "api-cleared"),
    Case("GET", "/api/v1/reports/{kind}", "/api/v1/reports/person?ref={witness}&language=en", "api"),
    Case("POST", "/exchange/import", "/exchange/import", "page-write", file=("acled.csv", ACLED_CSV),
         form={"fmt": "acled"}),
    Case("POST", "/exchange/confirm", "/exchange/confirm", "page-write",
         form={"sha": hashlib.sha256(ACLED_CSV).hexdigest(), "fmt": "acled", "name": "acled.csv"}),
    Case("POST", "/api/v1/import/{fmt}", "/api/v1/import/acled", "api-write", file=("acled-api.csv", ACLED_CSV),
         form={"confirm": "true"}),
    Case("GET", "/estimate", "/estimate", "page"),
    Case("POST", "/estimate", "/estimate", "page", ok=422, file=("patterns.csv", b"not,a\npattern,table\n"),
         form={"method": "loglinear"}),
    Case("GET", "/estimate/thresholds", "/estimate/thresholds", "page"),
    Case("GET", "/estimate/draws", "/estimate/draws", "page"),
    Case("POST", "/api/v1/estimate", "/api/v1/estimate", "api", ok=422,
         json={"method": "loglinear", "thresholds": [2]}),
]
# fmt: on


@dataclass
class World:
    clients: dict[str, TestClient]
    tokens: dict[str, str]
    ids: dict[str, int]


def build(reg: Register) -> dict[str, int]:
    """The records every case refers to, written through the service layer."""
    me = local_admin("seeder")
    s = seed(reg)
    internal = ingest_bytes(reg, me, "Задержания в Алматы 6 января.".encode(), "internal.txt",
                            IngestOptions(kind=DocumentKind.ARTICLE, confidentiality=Confidentiality.INTERNAL))
    public_event = create(reg, me, "event", {"type": "protest", "title": "Митинг в Жанаозене",
                                             "confidentiality": "public", "grade": "confirmed"})
    restricted_event = create(reg, me, "event", {"type": "threat", "title": "Тайная встреча в Жанаозене",
                                                 "confidentiality": "restricted", "grade": "fair"})
    restricted_claim = create(reg, me, "claim", {"kind": "figure", "text": "погибли пятеро", "value": 5,
                                                 "subject": "погибшие", "event_id": restricted_event["id"]})
    place = create(reg, me, "place", {"name": "Алматы", "kind": "city"})
    actor = create(reg, me, "actor", {"name": "полиция", "kind": "police"})
    text = "7 января в Талдыкоргане военные обстреляли автомобиль. Погиб Ерлан Сапаров."

    def draft(doc_text: str, name: str) -> SuggestionDraft:
        start = doc_text.find(name.split()[-1])
        span = Span(None, start, start + len(name.split()[-1]), name.split()[-1])
        return SuggestionDraft(SuggestionKind.PERSON, {"name": name, "role": ""}, (span,), 0.9, "test", "1")

    store_suggestions(reg, me, s.public_doc, [draft(text, "Ерлан Сапаров")])
    secret_text = f"Я, Асель {SECRET_SURNAME}, видела, как военные стреляли по машине."
    store_suggestions(reg, me, s.restricted_doc, [draft(secret_text, f"Асель {SECRET_SURNAME}")])
    public_sid = list_suggestions(reg, me, s.public_doc)[0]["id"]
    restricted_sid = list_suggestions(reg, me, s.restricted_doc)[0]["id"]
    claims = {c["claimant_label"]: c["id"] for c in reg_claims(reg)}
    folder = reg.settings.data_dir.parent
    (folder / "list.csv").write_bytes(CSV)
    victims = import_list(reg, me, folder / "list.csv", "Правозащитный центр", {"name": "ФИО", "age": "Возраст"})
    assert internal.document_id
    return {
        "public_doc": s.public_doc, "internal_doc": internal.document_id, "restricted_doc": s.restricted_doc,
        "public_event": public_event["id"], "internal_event": s.event_id, "restricted_event": restricted_event["id"],
        "victim": s.victim_id, "witness": s.witness_id, "claim": claims["Правозащитный центр"],
        "witness_claim": claims[f"Асель {SECRET_SURNAME}"], "restricted_claim": restricted_claim["id"],
        "place": place["id"], "actor": actor["id"], "public_sid": public_sid, "restricted_sid": restricted_sid,
        "victims_list": victims.list_id,
    }


def reg_claims(reg: Register) -> list[dict[str, Any]]:
    from aqiqat.api.records import list_records

    return list_records(reg, local_admin("seeder"), "claim", None, 100, 0)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data = tmp_path_factory.mktemp("authz") / "data"
    reg = Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"}))
    for role in ROLES:
        add_user(reg, local_admin("setup"), role, role, PASSWORD, language="en")
    ids = build(reg)
    app = create_app(reg.settings, reg)
    clients, tokens = {}, {}
    for who in WHO:
        client = TestClient(app, raise_server_exceptions=False)
        if who != "anonymous":
            assert login(client, who).status_code == 303
            tokens[who] = client.get("/api/v1/me").json()["csrf_token"]
        else:
            tokens[who] = csrf_of(client.get("/login").text)
        clients[who] = client
    try:
        yield World(clients, tokens, ids)
    finally:
        for c in clients.values():
            c.close()
        reg.close()


def app_routes(app: Any) -> set[tuple[str, str]]:
    out = set()
    for route in iter_route_contexts(app.routes):
        methods = route.methods or {"GET"}  # a mounted folder of static files answers GET
        out |= {(m, route.path) for m in methods if m != "HEAD"}
    return out


def test_every_route_has_an_entry_in_the_table(world: World) -> None:
    served = app_routes(world.clients["admin"].app)
    tabled = {(c.method, c.route) for c in CASES}
    assert served - tabled == set(), f"routes without an entry in the authorisation table: {sorted(served - tabled)}"
    assert tabled - served == set(), f"entries for routes the app does not serve: {sorted(tabled - served)}"
    assert {c.policy for c in CASES} <= set(POLICIES)


def fill(value: Any, ids: dict[str, int], who: str) -> Any:
    if isinstance(value, str):
        filled = value.replace("{who}", who)
        for key, number in ids.items():
            filled = filled.replace("{" + key + "}", str(number))
        return int(filled) if value.startswith("{") and filled.isdigit() else filled
    if isinstance(value, dict):
        return {k: fill(v, ids, who) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids, who) for v in value]
    return value


def call(world: World, who: str, case: Case) -> Any:
    client = world.clients[who]
    url = fill(case.url, world.ids, who)
    headers = {"x-csrf-token": world.tokens[who]} if case.method != "GET" else {}
    kwargs: dict[str, Any] = {"headers": headers, "follow_redirects": False}
    if case.json is not None:
        kwargs["json"] = fill(case.json, world.ids, who)
    if case.form is not None:
        kwargs["data"] = fill(case.form, world.ids, who)
    if case.file is not None:
        name, data = case.file
        kwargs["files"] = {"file" if "patterns" not in name else "patterns":
                           (fill(name, world.ids, who), io.BytesIO(data.replace(b"{who}", who.encode())))}
    saved = httpx.Cookies(client.cookies)
    answer = client.request(case.method, url, **kwargs)
    if case.restore_session and who == "anonymous":
        client.cookies = saved
    elif case.restore_session:  # the session is gone for good: a new one, with its own CSRF token
        assert login(client, who).status_code == 303
        world.tokens[who] = client.get("/api/v1/me").json()["csrf_token"]
    return answer


def test_every_route_as_every_role_on_every_confidentiality(world: World) -> None:
    problems: list[str] = []
    revealed: dict[str, bool] = {}
    for case in CASES:
        for who, expected in zip(WHO, POLICIES[case.policy], strict=True):
            want = case.ok if expected == OK else expected
            answer = call(world, who, case)
            where = f"{who:9} {case.method:6} {fill(case.url, world.ids, who)}"
            if answer.status_code != want:
                problems.append(f"{where}: {answer.status_code}, expected {want}: {answer.text[:160]!r}")
            body = answer.text
            if who in UNCLEARED or who == "anonymous":
                leaked = [s for s in SECRETS if s in body]
                if leaked:
                    problems.append(f"{where}: shows restricted {leaked}")
            elif case.reveals and answer.status_code == want:
                revealed[f"{case.method} {case.url}"] = revealed.get(f"{case.method} {case.url}", False) or any(
                    s in body for s in SECRETS
                )
    assert not problems, "\n".join(problems)
    # the leak check can see a leak: the cleared roles' answers to the marked calls show a restricted value
    assert all(revealed.values()), [k for k, v in revealed.items() if not v]


def test_openapi_lists_no_operation_missing_from_the_table(world: World) -> None:
    spec = world.clients["anonymous"].get("/openapi.json").json()
    operations = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    tabled = {(c.method, c.route) for c in CASES}
    assert operations - tabled == set()
    json.dumps(spec)  # one document, readable by any client
