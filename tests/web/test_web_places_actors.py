"""Places and actors in the workbench: their lists (with CSV and XLSX), their pages, and the merge page: two
side by side, merged with the version check and the audit, split again; what a viewer may not see stays out."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, csrf_of, login

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.records import add_involvement, create, get_record
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.web import create_app

ME = local_admin("setup")


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    register = Register.initialise(Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"}))
    for role in ("editor", "viewer"):
        add_user(register, ME, role, role, PASSWORD)
    try:
        yield register
    finally:
        register.close()


def _client(reg: Register, role: str, lang: str = "en") -> TestClient:
    client = TestClient(create_app(reg.settings, reg))
    assert login(client, role).status_code == 303
    token = csrf_of(client.get("/places").text)
    client.post("/language", data={"lang": lang, "next": "/places", "csrf_token": token})
    return client


def _seed(reg: Register) -> dict[str, int]:
    almaty = create(reg, ME, "place", {"name": "Алматы", "kind": "city", "latitude": 43.25, "longitude": 76.95,
                                       "confidentiality": "public"})
    old = create(reg, ME, "place", {"name": "Алма-Ата", "kind": "city", "confidentiality": "public"})
    secret = create(reg, ME, "place", {"name": "Дача Тлеуова", "kind": "site", "confidentiality": "restricted"})
    first = create(reg, ME, "event", {"type": "shooting", "title": "Стрельба на площади", "place_id": almaty["id"],
                                      "confidentiality": "public"})
    second = create(reg, ME, "event", {"type": "detention", "title": "Задержания у акимата", "place_id": old["id"],
                                       "confidentiality": "public"})
    police = create(reg, ME, "actor", {"name": "Полиция", "kind": "police", "confidentiality": "public"})
    mvd = create(reg, ME, "actor", {"name": "МВД Казахстана", "kind": "police", "confidentiality": "public"})
    add_involvement(reg, ME, first["id"], "perpetrator", actor_id=police["id"], mode="direct")
    add_involvement(reg, ME, second["id"], "perpetrator", actor_id=mvd["id"], mode="direct")
    return {"almaty": almaty["id"], "old": old["id"], "secret": secret["id"], "first": first["id"],
            "second": second["id"], "police": police["id"], "mvd": mvd["id"]}


def _merge_form(page: str) -> dict[str, str]:
    form = page.split('id="merge-form"')[1].split("</form>")[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    return fields


def test_two_places_side_by_side_merged_with_the_version_check_and_split_again(reg: Register) -> None:
    ids = _seed(reg)
    editor = _client(reg, "editor")
    listed = editor.get("/places")
    assert listed.status_code == 200 and "Алматы" in listed.text and "Алма-Ата" in listed.text
    # from the place's page, by mouse: the event links to the place, the place to the merge page
    event = editor.get(f"/events/{ids['second']}").text
    assert f'<a href="/places/{ids["old"]}" id="event-place">Алма-Ата</a>' in event
    place = editor.get(f"/places/{ids['almaty']}").text
    assert f'href="/places/merge?keep={ids["almaty"]}" id="merge-with"' in place and "Стрельба на площади" in place
    picked = editor.get(f"/places/merge?keep={ids['almaty']}").text
    assert 'id="pick-two"' in picked and 'id="merge-form"' not in picked
    compared = editor.get(f"/places/merge?keep={ids['almaty']}&other={ids['old']}")
    table = compared.text.split('id="side-by-side"')[1].split("</table>")[0]
    assert "Алматы" in table and "Алма-Ата" in table and "43.25" in table and "Задержания у акимата" in table

    # a stale version (the other place changed since it was compared) is refused inside the form
    form = _merge_form(compared.text)
    token = csrf_of(compared.text)
    current = get_record(reg, ME, "place", ids["old"])
    stale = {**form, "csrf_token": token, "kept": str(ids["almaty"]),
             f"version_{ids['old']}": str(current["version"] - 1)}
    refused = editor.post("/places/merge", data=stale)
    assert refused.status_code == 409 and 'id="merge-error"' in refused.text and 'id="side-by-side"' in refused.text
    assert get_record(reg, ME, "event", ids["second"])["place_id"] == ids["old"]

    done = editor.post("/places/merge", data={**form, "csrf_token": token, "kept": str(ids["almaty"])},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/places/{ids['almaty']}?merged={ids['old']}"
    assert get_record(reg, ME, "event", ids["second"])["place_id"] == ids["almaty"]
    assert "Алма-Ата" in get_record(reg, ME, "place", ids["almaty"])["variants"]
    kept = editor.get(done.headers["location"]).text
    assert 'id="merged-ok"' in kept and f'id="split-{ids["old"]}"' in kept and "Задержания у акимата" in kept
    assert f'<a href="/places/{ids["old"]}">' not in editor.get("/places").text  # merged away: not listed
    assert f'href="/places/{ids["almaty"]}">Алматы</a>' in editor.get(f"/places/{ids['old']}").text
    assert any(e["action"] == "merge" and e["entity"] == "place" for e in list_audit(reg, ME, limit=10))

    # split off again from the kept place's page
    split = editor.post(f"/places/{ids['old']}/split", data={"csrf_token": csrf_of(kept)}, follow_redirects=False)
    assert split.status_code == 303 and split.headers["location"] == f"/places/{ids['almaty']}"
    assert get_record(reg, ME, "event", ids["second"])["place_id"] == ids["old"]
    assert "Алма-Ата" not in get_record(reg, ME, "place", ids["almaty"])["variants"]
    assert editor.post(f"/places/{ids['old']}/split", data={"csrf_token": csrf_of(kept)}).status_code == 422
    assert verify_audit(reg)[1] == []


def test_two_actors_merge_from_the_actor_page_in_russian(reg: Register) -> None:
    ids = _seed(reg)
    editor = _client(reg, "editor", "ru")
    event = editor.get(f"/events/{ids['first']}").text
    assert f'<a href="/actors/{ids["police"]}">Полиция</a>' in event
    page = editor.get(f"/actors/{ids['police']}").text
    assert "Объединить с другой…" in page and "Полиция" in page
    compared = editor.get(f"/actors/merge?keep={ids['police']}&other={ids['mvd']}")
    assert "Оставить эту" in compared.text and "Записи, которые на неё ссылаются" in compared.text
    assert "Records that refer" not in compared.text
    form = _merge_form(compared.text)
    done = editor.post("/actors/merge", data={**form, "csrf_token": csrf_of(compared.text), "kept": str(ids["mvd"])},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/actors/{ids['mvd']}?merged={ids['police']}"
    first = get_record(reg, ME, "event", ids["first"])
    assert [p["actor_id"] for p in first["perpetrators"]] == [ids["mvd"]]
    assert editor.get("/actors/merge?keep=1&other=1").status_code == 422


def test_a_viewer_reads_but_neither_merges_nor_sees_a_restricted_place(reg: Register) -> None:
    ids = _seed(reg)
    viewer = _client(reg, "viewer")
    listed = viewer.get("/places").text
    assert "Дача Тлеуова" not in listed and 'id="merge-places"' not in listed
    assert viewer.get(f"/places/{ids['secret']}").status_code == 404
    picked = viewer.get(f"/places/merge?keep={ids['almaty']}&other={ids['old']}").text
    assert "Дача Тлеуова" not in picked and 'id="merge-button"' not in picked
    assert viewer.get(f"/places/merge?keep={ids['almaty']}&other={ids['secret']}").status_code == 404
    token = csrf_of(listed)
    refused = viewer.post("/places/merge", data={"csrf_token": token, "keep": str(ids["almaty"]),
                                                 "other": str(ids["old"])})
    assert refused.status_code == 403
    exported = viewer.get("/places/export.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert sorted(r["name"] for r in rows) == ["Алма-Ата", "Алматы"]
    assert {r["name"]: r["uses"] for r in rows} == {"Алматы": "1", "Алма-Ата": "1"}
    editor = _client(reg, "editor")
    assert "Дача Тлеуова" in editor.get("/places/export.csv").content.decode("utf-8-sig")
    assert viewer.get("/actors/export.xlsx").content.startswith(b"PK")


def test_every_string_of_the_places_and_actors_pages_is_translated_to_russian() -> None:
    from babel.messages.extract import extract_from_file

    from aqiqat.web.i18n import load_catalogs
    from aqiqat.web.routes.places_actors import HEADINGS, KIND_LABELS

    ru = load_catalogs().get("ru")
    templates = Path(__file__).resolve().parents[2] / "src" / "aqiqat" / "web" / "templates"
    messages = [m for kinds in KIND_LABELS.values() for m in kinds.values()]
    messages += [m for pair in HEADINGS.values() for m in pair]
    for name in ("named.html", "named_list.html", "named_merge.html", "_register_tabs.html"):
        for _, message, _, _ in extract_from_file("jinja2.ext:babel_extract", str(templates / name)):
            messages.append(message if isinstance(message, str) else message[0])
    assert len(messages) > 50
    assert sorted({m for m in messages if ru.gettext(m) == m}) == []


def test_the_json_api_merges_and_splits_with_the_version_check(reg: Register) -> None:
    ids = _seed(reg)
    editor = _client(reg, "editor")
    token = editor.get("/api/v1/me").json()["csrf_token"]
    police = editor.get(f"/api/v1/actors/{ids['police']}").json()
    mvd = editor.get(f"/api/v1/actors/{ids['mvd']}").json()
    url = f"/api/v1/actors/{ids['police']}/merge"
    stale = editor.post(url, json={"other": ids["mvd"], "versions": [police["version"], mvd["version"] + 1]},
                        headers={"X-CSRF-Token": token})
    assert stale.status_code == 409
    done = editor.post(url, json={"other": ids["mvd"], "versions": [police["version"], mvd["version"]]},
                       headers={"X-CSRF-Token": token})
    assert done.status_code == 200 and done.json()["variants"] == ["МВД Казахстана"]
    assert [p["actor_id"] for p in get_record(reg, ME, "event", ids["second"])["perpetrators"]] == [ids["police"]]
    split = editor.post(f"/api/v1/actors/{ids['mvd']}/split", headers={"X-CSRF-Token": token})
    assert split.status_code == 200 and split.json()["name"] == "МВД Казахстана"
    assert [p["actor_id"] for p in get_record(reg, ME, "event", ids["second"])["perpetrators"]] == [ids["mvd"]]
    viewer = _client(reg, "viewer")
    refused = viewer.post(url, json={"other": ids["mvd"]},
                          headers={"X-CSRF-Token": viewer.get("/api/v1/me").json()["csrf_token"]})
    assert refused.status_code == 403


def test_the_events_list_names_a_restricted_actor_to_the_cleared_only(reg: Register) -> None:
    """The list reads actors' names as plain columns and opens the sealed ones: a restricted actor is named to
    those cleared for restricted records (its sealed name opened, never the stored placeholder), to no one else."""
    add_user(reg, ME, "admin", "admin", PASSWORD)
    unit = create(reg, ME, "actor", {"name": "Отряд особого назначения", "kind": "police",
                                     "confidentiality": "restricted"})
    event = create(reg, ME, "event", {"type": "shooting", "title": "Стрельба у моста", "confidentiality": "public"})
    add_involvement(reg, ME, event["id"], "perpetrator", actor_id=unit["id"], mode="direct")
    for role in ("admin", "editor"):
        page = _client(reg, role).get("/events").text
        assert "Стрельба у моста" in page
        assert "Отряд особого назначения" in page
        assert "sealed:" not in page
    page = _client(reg, "viewer").get("/events").text
    assert "Отряд особого назначения" not in page
    assert "sealed:" not in page
