"""On SQLite and PostgreSQL: the latest re-check of each page in the documents list (and its filter), and
evidence groups (group, show, ungroup), through the service layer."""

from __future__ import annotations

from tests.capture.servers import PAGE, web_site
from tests.ingest.image_fixtures import distinct_image, jpeg, variants

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.capture_checks import recheck
from aqiqat.api.documents import DocumentFilter, count_documents, list_documents
from aqiqat.api.evidence_groups import evidence_group, group_matches, ungroup
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.perceptual import hash_documents
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import DocumentKind, UserRole

ME = local_admin("tester")
LOST = DocumentFilter(capture_status="lost")


def test_the_latest_recheck_marks_and_filters_the_list(settings: Settings) -> None:
    with web_site() as (base, site), Register.initialise(settings) as reg:
        ids = [ingest_bytes(reg, ME, PAGE.replace("позже", str(n)).encode(), f"page{n}.html",
                            IngestOptions(kind=DocumentKind.WEBPAGE, url=f"{base}/{name}")).document_id
               for n, name in enumerate(("page.html", "slow.html"))]
        assert all(ids)
        assert {c.outcome for c in recheck(reg, ME)} == {"changed"}
        site.gone.add("/slow.html")
        recheck(reg, ME)
        marked = {d["id"]: d["capture_status"] for d in list_documents(reg, ME)}
        assert marked == {ids[0]: "changed", ids[1]: "lost"}
        assert [d["id"] for d in list_documents(reg, ME, LOST)] == [ids[1]] and count_documents(reg, LOST, ME) == 1
        site.gone.clear()
        recheck(reg, ME, [str(ids[1])])  # back again: the latest check counts
        assert list_documents(reg, ME, LOST) == [] and count_documents(reg, LOST, ME) == 0


def test_matches_are_grouped_shown_and_ungrouped(settings: Settings) -> None:
    photo = distinct_image(99)
    with Register.initialise(settings) as reg:
        a = ingest_bytes(reg, ME, jpeg(photo), "a.jpg").document_id
        b = ingest_bytes(reg, ME, variants(photo)["resized to half"], "b.jpg").document_id
        assert a and b and hash_documents(reg, ME).failed == {}
        gid = group_matches(reg, Principal("ed", UserRole.EDITOR), a, [b])
        shown = evidence_group(reg, ME, b)
        assert shown is not None and shown["id"] == gid and [m["document_id"] for m in shown["members"]] == [a]
        assert ungroup(reg, ME, a) == gid and evidence_group(reg, ME, b) is None
        assert group_matches(reg, ME, b, [a]) != gid  # a new group; the ended one stays on record
