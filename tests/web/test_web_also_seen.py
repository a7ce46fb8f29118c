"""A stored picture's document page shows where else the same picture was seen, for what the reader may see."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.ingest.image_fixtures import distinct_image, jpeg, variants

from aqiqat.api.access import local_admin
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.perceptual import hash_documents
from aqiqat.api.register import Register
from aqiqat.domain.enums import Confidentiality


def test_also_seen_in_on_the_document_page(clients: dict[str, TestClient], web_register: Register) -> None:
    me = local_admin("tester")
    photo = distinct_image(314)
    first = ingest_bytes(web_register, me, jpeg(photo), "first.jpg", IngestOptions(
        confidentiality=Confidentiality.PUBLIC))
    again = ingest_bytes(web_register, me, variants(photo)["cropped by 5%"], "reposted.jpg")
    hidden = ingest_bytes(web_register, me, variants(photo)["watermarked"], "witness.jpg", IngestOptions(
        confidentiality=Confidentiality.RESTRICTED))
    assert hash_documents(web_register, me).failed == {}
    editor = clients["editor"].get(f"/documents/{first.document_id}").text
    assert "Also seen in" in editor
    assert f'href="/documents/{again.document_id}"' in editor and f'href="/documents/{hidden.document_id}"' in editor
    viewer = clients["viewer"].get(f"/documents/{first.document_id}").text
    assert f'href="/documents/{again.document_id}"' in viewer
    assert f'href="/documents/{hidden.document_id}"' not in viewer  # not cleared for the restricted one
