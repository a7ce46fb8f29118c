"""The documents list shows what was lost: a captured page whose last re-check found it gone is marked, and can
be filtered on, for readers cleared for it only (list, search, count, CLI and HTTP API)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.capture.servers import web_site
from tests.capture.test_capture import register

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.capture import CaptureOptions, capture_url
from aqiqat.api.capture_checks import recheck
from aqiqat.api.documents import DocumentFilter, count_documents, list_documents
from aqiqat.api.errors import Invalid
from aqiqat.api.search import search
from aqiqat.domain.enums import Confidentiality, UserRole

pytestmark = pytest.mark.browser
ME = local_admin("tester")
VIEWER = Principal("viewer", UserRole.VIEWER)
LOST = DocumentFilter(capture_status="lost")


def test_a_page_found_gone_is_marked_lost_and_filtered_for_the_cleared_only(tmp_path: Path) -> None:
    quick = CaptureOptions(videos=False)
    secret = CaptureOptions(videos=False, confidentiality=Confidentiality.RESTRICTED)
    with web_site() as (base, site), register(tmp_path) as reg:
        kept = capture_url(reg, ME, base + "/page.html", quick).document_id
        gone = capture_url(reg, ME, base + "/slow.html", quick).document_id
        hidden = capture_url(reg, ME, base + "/moved", secret).document_id
        assert kept and gone and hidden
        assert [d["capture_status"] for d in list_documents(reg, ME, DocumentFilter(kind="webpage"))] == [None] * 3
        recheck(reg, ME)
        site.gone.add("/slow.html")
        site.login.add("/moved")
        recheck(reg, ME)
        mine = {d["id"]: d for d in list_documents(reg, ME)}
        assert mine[kept]["capture_status"] == "unchanged"
        assert mine[gone]["capture_status"] == "lost" and mine[gone]["capture_detail"] == "HTTP 410"
        assert mine[hidden]["capture_status"] == "lost"
        assert [d["id"] for d in list_documents(reg, ME, LOST)] == [gone, hidden]
        assert count_documents(reg, LOST, ME) == 2
        assert [d["id"] for d in list_documents(reg, VIEWER, LOST)] == [gone]  # the restricted one never matches
        assert count_documents(reg, LOST, VIEWER) == 1
        theirs = {d["id"]: d for d in list_documents(reg, VIEWER)}
        assert theirs[hidden]["capture_status"] is None and theirs[gone]["capture_status"] == "lost"
        found, total = search(reg, ME, "Талдыкоргане", LOST)
        assert gone in [d["id"] for d in found] and {d["capture_status"] for d in found} == {"lost"} and total >= 1
        with pytest.raises(Invalid, match="status: 'vanished' is not one of"):
            list_documents(reg, ME, DocumentFilter(capture_status="vanished"))
