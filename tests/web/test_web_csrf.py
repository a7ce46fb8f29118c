"""Cross-site request forgery through a browser's cached HTTP Basic credentials, and bodies a JSON route refuses.

A browser that once answered the Basic prompt sends the credentials with every request to the site, also one a
page of another site makes: a form post, or fetch() with a text body. Neither can add a custom header without a
CORS preflight, which the workbench never grants.
"""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, login

from aqiqat.api.register import Register
from aqiqat.web import create_app

EVENT = {"type": "protest", "title": "Митинг"}


def basic(user: str = "editor") -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()}


def test_basic_credentials_alone_do_not_change_the_register(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    forged = client.post("/api/v1/events", json=EVENT, headers=basic())
    assert forged.status_code == 403 and "X-Aqiqat-CSRF" in forged.json()["detail"]
    assert client.delete("/api/v1/session", headers=basic()).status_code == 403
    for header in ({"X-Aqiqat-CSRF": "1"}, {"X-Requested-With": "XMLHttpRequest"}):
        made = client.post("/api/v1/events", json=EVENT, headers={**basic(), **header})
        assert made.status_code == 201, made.text


def test_form_and_text_bodies_are_refused_on_json_routes(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    script = {**basic(), "X-Aqiqat-CSRF": "1"}
    # what a cross-site form or a no-cors fetch sends, even with the header added
    as_form = client.post("/api/v1/events", data=EVENT, headers=script)
    assert as_form.status_code == 415 and "application/json" in as_form.json()["detail"]
    as_text = client.post(
        "/api/v1/events", content=b'{"type": "protest", "title": "x"}', headers={**script, "Content-Type": "text/plain"}
    )
    assert as_text.status_code == 415
    multipart = client.put("/api/v1/me/language", files={"lang": (None, "ru")}, headers=script)
    assert multipart.status_code == 415
    # uploads take multipart: still accepted
    upload = client.post(
        "/api/v1/documents", files={"file": ("note.txt", "Записка о митинге.".encode())}, headers=script
    )
    assert upload.status_code in (200, 201), upload.text


def test_the_session_cookie_still_needs_its_token(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    assert login(client, "editor").status_code == 303
    # the custom header is not enough with the cookie: the session's own token is
    refused = client.post("/api/v1/events", json=EVENT, headers={"X-Aqiqat-CSRF": "1"})
    assert refused.status_code == 403
    token = client.get("/api/v1/me").json()["csrf_token"]
    text = client.post("/api/v1/events", content=b"{}", headers={"X-CSRF-Token": token, "Content-Type": "text/plain"})
    assert text.status_code == 415
    assert client.post("/api/v1/events", json=EVENT, headers={"X-CSRF-Token": token}).status_code == 201
