"""The files a record can be given: stored photos, videos and PDFs, as the reader may see them."""

from __future__ import annotations

from tests.ingest.image_fixtures import distinct_image, jpeg

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.attachments import media_documents
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, UserRole

ME = local_admin("tester")
ANALYST = Principal("an", UserRole.ANALYST)


def test_the_offered_files_follow_each_new_file_and_the_readers_clearance(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        ingest_bytes(reg, ME, "Протокол допроса свидетеля.".encode(), "note.txt", IngestOptions(language="ru"))
        assert media_documents(reg, ME) == []  # a text is not a file to attach
        first = ingest_bytes(reg, ME, jpeg(distinct_image(1)), "first.jpg").document_id
        assert [d["id"] for d in media_documents(reg, ME)] == [first]
        second = ingest_bytes(reg, ME, jpeg(distinct_image(2)), "second.jpg").document_id
        assert [d["id"] for d in media_documents(reg, ME)] == [second, first]  # read afresh after a change
        hidden = ingest_bytes(reg, ME, jpeg(distinct_image(3)), "witness.jpg",
                              IngestOptions(confidentiality=Confidentiality.RESTRICTED)).document_id
        assert [d["id"] for d in media_documents(reg, ME)][0] == hidden
        assert not ANALYST.may_see(Confidentiality.RESTRICTED)
        assert [d["id"] for d in media_documents(reg, ANALYST)] == [second, first]
