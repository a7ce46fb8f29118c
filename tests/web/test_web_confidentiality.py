"""A viewer never sees a restricted witness's name: not in a page, a search, an API answer or an error."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, SECRET_SURNAME, login, seed

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.records import get_record
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.web import create_app


def _basic(user: str) -> dict[str, str]:
    credentials = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    return {"Authorization": "Basic " + credentials, "X-Aqiqat-CSRF": "1"}


def _pages(s: object) -> list[str]:
    ev, wit, vic = s.event_id, s.witness_id, s.victim_id  # type: ignore[attr-defined]
    doc, rdoc = s.public_doc, s.restricted_doc  # type: ignore[attr-defined]
    return [
        "/documents", f"/documents/{doc}", f"/documents/{rdoc}", "/documents?q=видела", "/documents?q=Нурланова",
        "/events", f"/events/{ev}", "/events?perpetrator=Нурланова", "/people", f"/people/{wit}", f"/people/{vic}",
        f"/people?name={SECRET_SURNAME}", "/claims", "/claims?subject=погибшие в Талдыкоргане", "/claims/2",
        "/timeline", "/map", "/audit",
        "/api/v1/documents", f"/api/v1/documents/{rdoc}", "/api/v1/documents?q=видела", "/api/v1/events",
        f"/api/v1/events/{ev}", "/api/v1/people", f"/api/v1/people/{wit}", f"/api/v1/people?name={SECRET_SURNAME}",
        "/api/v1/claims", "/api/v1/claims/2", "/api/v1/figures?subject=погибшие в Талдыкоргане", "/api/v1/map",
        "/api/v1/timeline", "/api/v1/audit", f"/api/v1/documents/{rdoc}/suggestions", "/api/v1/people/99999",
    ]


def test_viewer_and_analyst_never_see_the_restricted_name(settings: Settings, tmp_path: Path) -> None:
    reg = Register.initialise(settings)
    try:
        for role in ("viewer", "analyst", "editor"):
            add_user(reg, local_admin("setup"), role, role, PASSWORD)
        s = seed(reg)
        app = create_app(settings, reg)
        for role in ("viewer", "analyst"):
            client = TestClient(app)
            login(client, role)
            for url in _pages(s):
                answer = client.get(url)
                assert answer.status_code in (200, 403, 404), (role, url, answer.status_code)
                shown = answer.text.replace(f'value="{SECRET_SURNAME}"', "")  # the reader's own query, echoed
                assert SECRET_SURNAME not in shown, (role, url)
                assert "+7 701" not in answer.text, (role, url)
            witness = client.get(f"/api/v1/people/{s.witness_id}").json()
            assert witness["display_name"] == f"Witness {s.witness_id}" and witness["redacted"] is True
            event = client.get(f"/events/{s.event_id}").text
            assert f"Witness {s.witness_id}" in event and "Ерлан Сапаров" in event and "военные" in event
            assert client.get(f"/documents/{s.restricted_doc}").status_code == 200
            assert "нет допуска" in client.get(f"/documents/{s.restricted_doc}").text or "not cleared" in (
                client.get(f"/documents/{s.restricted_doc}").text
            )
        # the editor (cleared for restricted records) sees what the service layer gives a cleared reader
        editor = TestClient(app)
        login(editor, "editor")
        cleared = get_record(reg, Principal("editor", UserRole.EDITOR), "person", s.witness_id)
        assert cleared.get("redacted") is not True
        assert f"Witness {s.witness_id}" not in editor.get(f"/people/{s.witness_id}").text
        if cleared["display_name"]:
            assert cleared["display_name"] in editor.get(f"/people/{s.witness_id}").text
        assert editor.get(f"/api/v1/people/{s.witness_id}").json()["display_name"] == cleared["display_name"]
    finally:
        reg.close()


def test_error_messages_do_not_echo_restricted_data(web_register: Register) -> None:
    s = seed(web_register)
    client = TestClient(create_app(web_register.settings, web_register))
    login(client, "viewer")
    for url in (f"/events/{s.event_id + 999}", "/people/abc", "/events?date_from=вчера", "/suggestions/99999"):
        answer = client.get(url)
        assert answer.status_code in (404, 422)
        assert SECRET_SURNAME not in answer.text


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_no_write_for_those_not_allowed(web_register: Register, role: str) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    if role == "viewer":
        answer = client.post("/api/v1/events", json={"type": "protest", "title": "x"}, headers=_basic(role))
        assert answer.status_code == 403
    answer = client.get("/audit", headers=_basic(role))
    login(client, role)
    assert client.get("/audit").status_code == 403
