"""An uploaded file is never written to a temporary file in clear on its way in: a restricted testimony
would otherwise sit readable in /tmp (or its free blocks) whatever the register seals afterwards."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import login

from aqiqat.api.register import Register
from aqiqat.web import create_app


@pytest.fixture
def no_temporary_folder(tmp_path: Path) -> Iterator[None]:
    """Any temporary file made now fails: the folder for them does not exist."""
    before = tempfile.tempdir
    tempfile.tempdir = str(tmp_path / "no-such-folder")
    try:
        yield
    finally:
        tempfile.tempdir = before


def test_a_large_restricted_upload_never_touches_a_temporary_file(
    web_register: Register, no_temporary_folder: None
) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    login(client, "editor")
    token = client.get("/api/v1/me").json()["csrf_token"]
    text = ("Свидетель Аскар Жумабаев видел стрельбу у акимата. " * 40_000).encode()  # about 3.6 MB
    assert len(text) > 3 * 1024 * 1024
    made = client.post(
        "/api/v1/documents",
        files={"file": ("testimony.txt", text)},
        data={"confidentiality": "restricted", "kind": "testimony"},
        headers={"X-CSRF-Token": token},
    )
    assert made.status_code in (200, 201), made.text
    assert made.json()["status"] == "added"
