"""A captured page's document page: when and where it was captured, its timestamp, screenshot and video."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.capture.servers import web_site

from aqiqat.api.access import local_admin
from aqiqat.api.capture import capture_url
from aqiqat.api.register import Register

pytestmark = pytest.mark.browser


def test_the_document_page_of_a_capture_shows_its_record(clients: dict[str, TestClient],
                                                         web_register: Register) -> None:
    with web_site() as (base, _):
        outcome = capture_url(web_register, local_admin("tester"), base + "/moved")
    assert outcome.status == "captured" and outcome.document_id is not None
    page = clients["viewer"].get(f"/documents/{outcome.document_id}").text
    assert base + "/moved" in page and base + "/page.html" in page  # requested and final address
    assert "no timestamp authority was configured" in page
    assert page.count('href="/documents/') >= 2  # the screenshot and the video
    assert "chromium" in page and "открыли огонь" in page
