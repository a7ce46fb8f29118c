"""Every response carries the security headers: pages, JSON, static files, errors and redirects."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from aqiqat.api.register import Register
from aqiqat.web import create_app
from aqiqat.web.headers import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("path", "status", "who"),
    [
        ("/events", 200, "viewer"),
        ("/api/v1/me", 200, "viewer"),
        ("/static/app.css", 200, "viewer"),
        ("/events/999999", 404, "viewer"),
        ("/api/v1/events/999999", 404, "viewer"),
        ("/events", 303, None),  # not logged in: redirected to the log-in page
        ("/api/v1/me", 401, None),
    ],
)
def test_security_headers_on_every_kind_of_response(
    clients: dict[str, TestClient], web_register: Register, path: str, status: int, who: str | None
) -> None:
    client = clients[who] if who else TestClient(create_app(web_register.settings, web_register))
    r = client.get(path, follow_redirects=False)
    assert r.status_code == status
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert r.headers.get_list("content-security-policy") == [CONTENT_SECURITY_POLICY]  # never twice
