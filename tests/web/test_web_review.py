"""Reviewing suggestions over HTTP: highlighted text, accept / edit / reject, stale decisions, the API mirror."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.conftest import csrf_of, login

from aqiqat.api.access import local_admin
from aqiqat.api.extract import store_suggestions
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.register import Register
from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft
from aqiqat.web import create_app

TEXT = "7 января в Талдыкоргане военные застрелили Ерлана Сапарова. По данным правозащитников, погибли двое."


def _draft(kind: SuggestionKind, payload: dict, start: int, end: int) -> SuggestionDraft:
    return SuggestionDraft(kind, payload, (Span(None, start, end, TEXT[start:end]),), 0.9, "test", "1")


def _document(reg: Register) -> int:
    outcome = ingest_bytes(reg, local_admin("t"), TEXT.encode(), "review.txt", IngestOptions(language="ru"))
    assert outcome.document_id
    person = {"name": "Ерлан Сапаров", "surname": "Сапаров", "given": "Ерлан", "patronymic": "", "sex": "male",
              "mentions": ["Ерлана Сапарова"], "role": ""}
    event = {"type": "killing", "trigger": "застрелили", "date": {"iso": "2022-01-07", "precision": "day",
             "start": "2022-01-07", "end": None, "text": "7 января"}, "place": None,
             "victims": [{"name": "Ерлан Сапаров", "count": 1, "harm": "killed", "attributes": {}}],
             "perpetrators": [{"name": "военные", "kind": "military"}], "outcome": "killed", "claimant": None,
             "killed_min": 1, "killed_max": 1, "injured_min": None, "injured_max": None, "detained_min": None,
             "detained_max": None, "sentence": TEXT[:59]}
    figure = {"value": 2, "min": None, "max": None, "qualifier": "exact", "counted": "dead",
              "claimant": "правозащитники", "date_iso": None}
    drafts = [
        _draft(SuggestionKind.PERSON, person, 43, 58),
        _draft(SuggestionKind.EVENT, event, 0, 59),
        _draft(SuggestionKind.FIGURE, figure, 91, 97),
    ]
    store_suggestions(reg, local_admin("t"), outcome.document_id, drafts)
    return outcome.document_id


def test_review_page_highlights_and_decisions(web_register: Register) -> None:
    doc = _document(web_register)
    client = TestClient(create_app(web_register.settings, web_register))
    login(client, "editor")
    page = client.get(f"/documents/{doc}")
    assert page.status_code == 200
    # the person's span is highlighted inside the event's sentence
    assert re.search(r'<span class="hl k-event k-person" data-sids="\d+ \d+">Ерлана Сапарова</span>', page.text)
    sids = [int(x) for x in re.findall(r'<li id="s-(\d+)"', page.text)]
    assert len(sids) == 3
    suggestions = client.get(f"/api/v1/documents/{doc}/suggestions").json()
    by_kind = {s["kind"]: s for s in suggestions}
    person, event, figure = by_kind["person"], by_kind["event"], by_kind["figure"]

    panel = client.get(f"/suggestions/{person['id']}")
    assert 'name="f:name" value="Ерлан Сапаров"' in panel.text and 'id="btn-accept"' in panel.text
    # submitted before htmx takes the form (Enter on a fresh panel), it still posts: no token in a URL
    form = re.search(r'<form[^>]*id="decide-form"[^>]*>', panel.text)
    assert form and 'method="post"' in form.group(0)
    assert f'action="/suggestions/{person["id"]}/decision"' in form.group(0)
    token = csrf_of(panel.text)
    # edit: a changed field is saved with the decision
    edited = client.post(f"/suggestions/{person['id']}/decision", headers={"HX-Request": "true"},
                         data={"csrf_token": token, "version": person["version"], "action": "edit",
                               "f:name": "Ерлан Сапаров", "f:patronymic": "Каиргалиевич"})
    assert edited.status_code == 200 and 'data-status="edited"' in edited.text
    person_link = re.search(r'href="/people/(\d+)"', edited.text)
    assert person_link
    assert client.get(f"/people/{person_link.group(1)}").status_code == 200
    # the same decision again, on the old version: 409 with a message, shown inside the panel
    stale = client.post(f"/suggestions/{person['id']}/decision", headers={"HX-Request": "true"},
                        data={"csrf_token": token, "version": person["version"], "action": "accept"})
    assert stale.status_code == 409 and stale.headers.get("HX-Retarget") == "#panel-error"  # in the panel
    assert "reload" in stale.text
    # accept the event: it is in the register with its victim, perpetrator and evidence
    accepted = client.post(f"/suggestions/{event['id']}/decision",
                           data={"csrf_token": token, "version": event["version"], "action": "accept"})
    assert accepted.status_code == 200
    event_id = int(re.search(r'href="/events/(\d+)"', accepted.text).group(1))  # type: ignore[union-attr]
    record = client.get(f"/api/v1/events/{event_id}").json()
    assert record["type"] == "killing" and record["start_date"] == "2022-01-07"
    assert record["evidence"] and record["evidence"][0]["document_id"] == doc
    listed = client.get("/api/v1/events", params={"type": "killing", "date_from": "2022-01-07"}).json()
    assert event_id in [e["id"] for e in listed["items"]]
    assert "Ерлан Сапаров" in client.get(f"/events/{event_id}").text
    # reject through the API mirror
    api_token = client.get("/api/v1/me").json()["csrf_token"]
    rejected = client.post(f"/api/v1/suggestions/{figure['id']}/decision",
                           json={"version": figure["version"], "action": "reject"}, headers={"X-CSRF-Token": api_token})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    statuses = {s["kind"]: s["status"] for s in client.get(f"/api/v1/documents/{doc}/suggestions").json()}
    assert statuses == {"person": "edited", "event": "accepted", "figure": "rejected"}
    # the audit page shows the decisions with before and after
    audit = client.get("/audit", params={"entity": "suggestion"}).text
    assert "pending" in audit and "rejected" in audit


def test_viewer_reads_but_cannot_decide(web_register: Register) -> None:
    doc = _document(web_register)
    client = TestClient(create_app(web_register.settings, web_register))
    login(client, "viewer")
    page = client.get(f"/documents/{doc}")
    assert page.status_code == 200 and "upload-form" not in client.get("/documents").text
    sid = int(re.findall(r'<li id="s-(\d+)"', page.text)[0])
    panel = client.get(f"/suggestions/{sid}").text
    assert "btn-accept" not in panel
    refused = client.post(f"/suggestions/{sid}/decision", data={"csrf_token": csrf_of(page.text), "version": 1,
                                                                 "action": "accept"})
    assert refused.status_code == 403


def test_upload_errors_are_one_line_and_nothing_is_stored(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    login(client, "editor")
    token = csrf_of(client.get("/documents").text)
    before = client.get("/api/v1/documents").json()["total"]
    empty = client.post("/documents", data={"csrf_token": token, "source": "Очевидец Б"},
                        files={"file": ("empty.txt", b"", "text/plain")})
    assert empty.status_code in (400, 422) and "empty" in empty.text.lower()
    assert 'id="upload-error"' in empty.text and 'value="Очевидец Б"' in empty.text  # in the form, values kept
    binary = client.post("/documents", data={"csrf_token": token},
                         files={"file": ("x.txt", bytes(range(256)) * 40, "text/plain")})
    assert binary.status_code in (400, 422)
    assert client.get("/api/v1/documents").json()["total"] == before
    good = client.post("/documents", data={"csrf_token": token, "source": "Очевидец", "confidentiality": "public"},
                       files={"file": ("../../etc/заметка.txt", "Задержан активист Данияр.".encode(), "text/plain")},
                       follow_redirects=False)
    assert good.status_code == 303
    doc = client.get("/api/v1" + good.headers["location"]).json()
    assert doc["original_name"] == "заметка.txt" and doc["source"] == "Очевидец"
    again = client.post("/documents", data={"csrf_token": token},
                        files={"file": ("copy.txt", "Задержан активист Данияр.".encode(), "text/plain")},
                        follow_redirects=False)
    assert again.headers["location"] == good.headers["location"] + "?stored=1"  # same bytes: the same document
    assert 'id="already-stored"' in client.get(again.headers["location"]).text  # and the page says so
    found = client.get("/documents", params={"q": "задержали активиста"}).text
    assert f'href="/documents/{doc["id"]}"' in found and "Задержан активист Данияр" in found
    hits = client.get("/api/v1/documents", params={"q": "задержали активиста"}).json()["items"]
    assert [h["id"] for h in hits] == [doc["id"]]


def test_openapi_lists_the_json_api(web_register: Register) -> None:
    spec = TestClient(create_app(web_register.settings, web_register)).get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in ("/api/v1/documents", "/api/v1/documents/{ref}/suggestions", "/api/v1/suggestions/{sid}/decision",
                 "/api/v1/events", "/api/v1/{entity}/{record_id}", "/api/v1/timeline", "/api/v1/map",
                 "/api/v1/figures", "/api/v1/audit", "/api/v1/session"):
        assert path in paths, path
    assert not any(p.startswith("/documents") for p in paths)  # pages are not part of the API document
