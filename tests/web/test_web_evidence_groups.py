"""Matches grouped as one piece of evidence: an editor groups a picture's matches on its page (audited), the group
shows on each member's page for what the reader may see, and ungrouping ends it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.ingest.image_fixtures import distinct_image, jpeg, variants
from tests.web.conftest import csrf_of

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.errors import Forbidden, Invalid
from aqiqat.api.evidence_groups import evidence_group, group_matches, ungroup
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.perceptual import hash_documents
from aqiqat.api.register import Register
from aqiqat.domain.enums import Confidentiality, UserRole
from aqiqat.store.tables import AuditRow

ME = local_admin("tester")


def photos(reg: Register, seed: int) -> tuple[int, int, int, int]:
    photo = distinct_image(seed)
    public = IngestOptions(confidentiality=Confidentiality.PUBLIC)
    ids = [ingest_bytes(reg, ME, jpeg(photo), f"first-{seed}.jpg", public).document_id,
           ingest_bytes(reg, ME, variants(photo)["cropped by 5%"], f"again-{seed}.jpg").document_id,
           ingest_bytes(reg, ME, variants(photo)["watermarked"], f"witness-{seed}.jpg",
                        IngestOptions(confidentiality=Confidentiality.RESTRICTED)).document_id,
           ingest_bytes(reg, ME, jpeg(distinct_image(seed + 1)), f"other-{seed}.jpg").document_id]
    assert hash_documents(reg, ME).failed == {} and all(ids)
    return tuple(int(i or 0) for i in ids)  # type: ignore[return-value]


def test_group_and_ungroup_through_the_api(web_register: Register) -> None:
    first, again, hidden, other = photos(web_register, 501)
    with pytest.raises(Forbidden, match="may not group evidence"):
        group_matches(web_register, Principal("a", UserRole.ANALYST), first, [again])
    with pytest.raises(Invalid, match=f"document '{other}' is not among the matches of document {first}"):
        group_matches(web_register, ME, first, [again, other])
    gid = group_matches(web_register, ME, first, [again, hidden])
    assert group_matches(web_register, ME, again, [first]) == gid  # already in it: the same group
    assert [m["document_id"] for m in (evidence_group(web_register, ME, again) or {})["members"]] == [first, hidden]
    viewer = Principal("v", UserRole.VIEWER)
    assert [m["document_id"] for m in (evidence_group(web_register, viewer, again) or {})["members"]] == [first]
    with web_register.reading() as s:
        entities = [a.entity for a in s.scalars(select(AuditRow).where(AuditRow.entity.like("evidence_group%")))]
    assert entities.count("evidence_group_member") == 3 and entities.count("evidence_group") == 1
    assert ungroup(web_register, ME, hidden) == gid
    assert evidence_group(web_register, ME, first) is None
    with pytest.raises(Invalid, match=f"document {first} is in no evidence group"):
        ungroup(web_register, ME, first)


def test_an_editor_groups_on_the_page_and_every_member_shows_it(clients: dict[str, TestClient],
                                                                 web_register: Register) -> None:
    first, again, hidden, _ = photos(web_register, 777)
    editor = clients["editor"]
    page = editor.get(f"/documents/{first}").text
    assert 'id="group-form"' in page and 'id="group-form"' not in clients["analyst"].get(f"/documents/{first}").text
    answer = editor.post(f"/documents/{first}/group", data={"csrf_token": csrf_of(page), "member": [again, hidden]},
                         follow_redirects=False)
    assert answer.status_code == 303
    on_again = clients["viewer"].get(f"/documents/{again}").text
    assert 'id="evidence-group"' in on_again and f'href="/documents/{first}"' in on_again
    assert f'href="/documents/{hidden}"' not in on_again  # the restricted member is not named to a viewer
    assert 'id="evidence-group"' in editor.get(f"/documents/{hidden}").text
    bad = editor.post(f"/documents/{first}/group", data={"csrf_token": csrf_of(page)})
    assert bad.status_code in (400, 422) and "choose at least one matching document" in bad.text
    gone = editor.post(f"/documents/{again}/ungroup", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert gone.status_code == 303 and 'id="evidence-group"' not in editor.get(f"/documents/{first}").text
