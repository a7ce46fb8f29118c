"""Capturing from the workbench: editors and admins give addresses on the documents page or to
POST /api/v1/captures and get documents; the server's own network is refused unless AQIQAT_CAPTURE_PRIVATE."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.capture.servers import web_site
from tests.web.conftest import PASSWORD, ROLES, csrf_of, login

from aqiqat.api.access import local_admin
from aqiqat.api.documents import DocumentFilter, list_documents
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.web.app import create_app

pytestmark = pytest.mark.browser
ME = local_admin("tester")
App = tuple[Register, dict[str, TestClient]]


def clients_for(tmp_path: Path, private: str) -> Iterator[tuple[Register, dict[str, TestClient]]]:
    data = tmp_path / "data"
    reg = Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester",
                                                                "AQIQAT_CAPTURE_PRIVATE": private}))
    for role in ROLES:
        add_user(reg, ME, role, role, PASSWORD)
    app = create_app(reg.settings, reg)
    out = {}
    for role in ROLES:
        out[role] = TestClient(app)
        assert login(out[role], role).status_code == 303
    try:
        yield reg, out
    finally:
        for c in out.values():
            c.close()
        reg.close()


@pytest.fixture
def open_net(tmp_path: Path) -> Iterator[tuple[Register, dict[str, TestClient]]]:
    yield from clients_for(tmp_path, "1")


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[tuple[Register, dict[str, TestClient]]]:
    yield from clients_for(tmp_path, "")


def pages(reg: Register) -> list[dict[str, object]]:
    return list_documents(reg, ME, DocumentFilter(kind="webpage"))


def test_an_editor_captures_pages_from_the_documents_page(open_net: App) -> None:
    reg, clients = open_net
    editor = clients["editor"]
    form = editor.get("/documents").text
    assert 'action="/documents/capture"' in form
    assert 'action="/documents/capture"' not in clients["analyst"].get("/documents").text
    with web_site() as (base, _):
        answer = editor.post("/documents/capture", data={
            "csrf_token": csrf_of(form), "urls": f"{base}/page.html\nftp://x/",
            "confidentiality": "public", "source": "Local site"})
    assert answer.status_code == 200
    captured = pages(reg)
    assert len(captured) == 1 and captured[0]["confidentiality"] == "public" and captured[0]["source"] == "Local site"
    assert f'href="/documents/{captured[0]["id"]}"' in answer.text
    assert "ftp://x/: not an http or https address" in answer.text  # one line, and the others went on
    assert "открыли огонь" in editor.get(f"/documents/{captured[0]['id']}").text


def test_the_api_captures_and_refuses_too_many_or_no_addresses(open_net: App) -> None:
    reg, clients = open_net
    admin = clients["admin"]
    token = {"X-CSRF-Token": admin.get("/api/v1/me").json()["csrf_token"]}
    with web_site() as (base, _):
        answer = admin.post("/api/v1/captures", json={"urls": [f"{base}/moved"]}, headers=token)
    assert answer.status_code == 200
    item = answer.json()["items"][0]
    assert item["status"] == "captured" and item["document_id"] == pages(reg)[0]["id"]
    assert admin.post("/api/v1/captures", json={"urls": ["http://a/"] * 11}, headers=token).status_code == 422
    none = admin.post("/documents/capture", data={"csrf_token": csrf_of(admin.get("/documents").text), "urls": " "})
    assert none.status_code in (400, 422) and "give at least one http or https address" in none.text
    analyst = clients["analyst"]
    their = {"X-CSRF-Token": analyst.get("/api/v1/me").json()["csrf_token"]}
    assert analyst.post("/api/v1/captures", json={"urls": ["http://a/"]}, headers=their).status_code == 403


def test_without_the_setting_the_servers_own_network_is_refused(guarded: App) -> None:
    reg, clients = guarded
    editor = clients["editor"]
    with web_site() as (base, site):
        answer = editor.post("/documents/capture", data={"csrf_token": csrf_of(editor.get("/documents").text),
                                                          "urls": f"{base}/page.html http://169.254.169.254/latest/"})
    assert answer.status_code == 200
    assert "127.0.0.1 is a private, loopback or reserved address (127.0.0.1); not captured from the workbench" in (
        answer.text)
    assert "169.254.169.254 is a private, loopback or reserved address" in answer.text
    assert pages(reg) == [] and list(reg.settings.files_dir.rglob("*.*")) == []
