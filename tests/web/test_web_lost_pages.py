"""The workbench's documents list and GET /api/v1/documents mark captured pages found lost, with a filter."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.capture.servers import web_site

from aqiqat.api.access import local_admin
from aqiqat.api.capture import CaptureOptions, capture_url
from aqiqat.api.capture_checks import recheck
from aqiqat.api.register import Register

pytestmark = pytest.mark.browser
ME = local_admin("tester")


def test_the_workbench_list_and_the_api_mark_and_filter_lost_pages(clients: dict[str, TestClient],
                                                                    web_register: Register) -> None:
    with web_site() as (base, site):
        doc = capture_url(web_register, ME, base + "/slow.html", CaptureOptions(videos=False)).document_id
        site.gone.add("/slow.html")
        recheck(web_register, ME, [str(doc)])
    page = clients["viewer"].get("/documents", params={"status": "lost"})
    assert page.status_code == 200 and f'href="/documents/{doc}"' in page.text and 'class="badge lost"' in page.text
    assert 'value="lost" selected' in page.text
    api = clients["viewer"].get("/api/v1/documents", params={"status": "lost"}).json()
    assert [d["id"] for d in api["items"]] == [doc] and api["items"][0]["capture_status"] == "lost"
    bad = clients["viewer"].get("/api/v1/documents", params={"status": "vanished"})
    assert bad.status_code in (400, 422) and "is not one of" in bad.text
