"""The document page shows a capture's screenshot with its time and a scan beside its OCR text; the file behind
them is read through the service layer (a restricted one does not exist for the uncleared)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.capture.servers import web_site
from tests.ingest.image_fixtures import distinct_image, jpeg
from tests.ingest.scan_fixtures import name_list, scan_png

from aqiqat.api.access import local_admin
from aqiqat.api.capture import CaptureOptions, capture_url
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.ocr import ocr_documents
from aqiqat.api.register import Register
from aqiqat.domain.enums import Confidentiality

ME = local_admin("tester")


@pytest.mark.browser
def test_a_capture_shows_its_screenshot_and_when_it_was_taken(clients: dict[str, TestClient],
                                                              web_register: Register) -> None:
    with web_site() as (base, _):
        outcome = capture_url(web_register, ME, base + "/page.html", CaptureOptions(videos=False))
    assert outcome.document_id is not None
    page = clients["viewer"].get(f"/documents/{outcome.document_id}").text
    assert 'class="screenshot"' in page and "Screenshot taken" in page and " UTC" in page
    src = page.split('<figure class="screenshot">', 1)[1].split('src="', 1)[1].split('"', 1)[0]
    image = clients["viewer"].get(src)
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG") and "sandbox" in image.headers["content-security-policy"]


@pytest.mark.slow
def test_a_scan_is_shown_beside_its_text(clients: dict[str, TestClient], web_register: Register) -> None:
    added = ingest_bytes(web_register, ME, scan_png(name_list(4, True, seed=3)), "scan.png")
    assert added.document_id is not None and ocr_documents(web_register, ME, [added.document_id]).done
    page = clients["viewer"].get(f"/documents/{added.document_id}").text
    assert 'class="card ocr scan-beside"' in page
    assert f'<img src="/documents/{added.document_id}/file"' in page and "Text read by OCR" in page


def test_a_restricted_file_is_served_to_the_cleared_only(clients: dict[str, TestClient],
                                                          web_register: Register) -> None:
    secret = jpeg(distinct_image(4242))
    doc = ingest_bytes(web_register, ME, secret, "witness.jpg",
                       IngestOptions(confidentiality=Confidentiality.RESTRICTED)).document_id
    note = "Записка: <script>alert(1)</script> свидетеля.".encode()
    text = ingest_bytes(web_register, ME, note, "note.txt").document_id
    assert clients["editor"].get(f"/documents/{doc}/file").content == secret
    hidden = clients["viewer"].get(f"/documents/{doc}/file")
    assert hidden.status_code == 404 and secret not in hidden.content
    assert text is not None
    other = clients["viewer"].get(f"/documents/{text}/file")
    assert other.status_code == 200, other.text[:300]
    assert other.headers["content-type"] == "application/octet-stream"
    assert other.headers["content-disposition"].startswith("attachment")
