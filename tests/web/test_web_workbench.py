"""The workbench builds the register (issue 13): dating, placing, bringing a report's facts to its event."""

from __future__ import annotations

import re
import uuid

from fastapi.testclient import TestClient
from tests.web.conftest import csrf_of, login

from aqiqat.api.access import local_admin
from aqiqat.api.extract import store_suggestions
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.register import Register
from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft
from aqiqat.web import create_app

TEXT = (
    "В Шымкенте задержаны участники митинга.\n\n"
    "По данным центра «Адилет», были задержаны не менее 40 человек, среди них Арман Сейткалиев."
)


def _sug(kind: SuggestionKind, payload: dict, phrase: str) -> SuggestionDraft:
    start = TEXT.index(phrase)
    return SuggestionDraft(kind, payload, (Span(None, start, start + len(phrase), phrase),), 0.9, "test", "1")


def report(reg: Register) -> int:
    """A report whose facts come as separate suggestions, as the extractor gives them."""
    me = local_admin("t")
    out = ingest_bytes(reg, me, TEXT.encode() + uuid.uuid4().hex.encode(), "shymkent.txt", IngestOptions(language="ru"))
    assert out.document_id
    event = {"type": "detention", "trigger": "задержаны", "date": None, "place": "Шымкент", "victims": [],
             "perpetrators": [], "killed_min": None, "killed_max": None, "injured_min": None, "injured_max": None,
             "detained_min": None, "detained_max": None, "sentence": "В Шымкенте задержаны участники митинга."}
    place = {"name": "Шымкент", "kind": "city", "gazetteer_id": "geonames:1518980", "lat": 42.30988,
             "lon": 69.60042, "country_code": "KZ", "mentions": ["Шымкенте"]}
    figure = {"value": 40.0, "min": 40.0, "max": None, "qualifier": "at_least", "counted": "detained",
              "claimant": "Адилет", "date_iso": "2022-01-12"}
    person = {"name": "Арман Сейткалиев", "surname": "Сейткалиев", "given": "Арман", "patronymic": "",
              "sex": "male", "mentions": ["Арман Сейткалиев"], "role": ""}
    drafts = [
        _sug(SuggestionKind.EVENT, event, "В Шымкенте задержаны участники митинга."),
        _sug(SuggestionKind.PLACE, place, "Шымкенте"),
        _sug(SuggestionKind.FIGURE, figure, "не менее 40 человек"),
        _sug(SuggestionKind.PERSON, person, "Арман Сейткалиев"),
    ]
    store_suggestions(reg, me, out.document_id, drafts)
    return out.document_id


def _sugs(client: TestClient, doc: int) -> dict[str, dict]:
    return {s["kind"]: s for s in client.get(f"/api/v1/documents/{doc}/suggestions").json()}


def _editor(reg: Register) -> TestClient:
    client = TestClient(create_app(reg.settings, reg))
    login(client, "editor")
    return client


def test_dating_an_event_in_the_review_form_saves_the_date(web_register: Register) -> None:
    doc = report(web_register)
    client = _editor(web_register)
    event = _sugs(client, doc)["event"]
    panel = client.get(f"/suggestions/{event['id']}").text
    assert 'name="f:date"' in panel
    saved = client.post(f"/suggestions/{event['id']}/decision",
                        data={"csrf_token": csrf_of(panel), "version": event["version"], "action": "edit",
                              "f:date": "2022-01-07"})
    assert saved.status_code == 200, saved.text[:300]
    event_id = int(re.search(r'href="/events/(\d+)"', saved.text).group(1))  # type: ignore[union-attr]
    record = client.get(f"/api/v1/events/{event_id}").json()
    assert record["start_date"] == "2022-01-07" and record["date_precision"] == "day"


def test_accepting_an_event_brings_the_reports_victims_place_and_figures(web_register: Register) -> None:
    doc = report(web_register)
    client = _editor(web_register)
    sugs = _sugs(client, doc)
    person = sugs["person"]
    panel = client.get(f"/suggestions/{person['id']}").text
    token = csrf_of(panel)
    # the person is accepted first, alone (as a new user did)
    client.post(f"/suggestions/{person['id']}/decision",
                data={"csrf_token": token, "version": person["version"], "action": "accept"})
    event = sugs["event"]
    panel = client.get(f"/suggestions/{event['id']}").text
    # the panel offers what the same report says: the place, the figure and the person, to bring along
    for kind in ("place", "figure", "person"):
        assert f'name="bring:{sugs[kind]["id"]}"' in panel, kind
    saved = client.post(f"/suggestions/{event['id']}/decision",
                        data={"csrf_token": token, "version": event["version"], "action": "accept",
                              f"bring:{sugs['place']['id']}": "yes", f"bring:{sugs['figure']['id']}": "yes",
                              f"bring:{sugs['person']['id']}": "victim"})
    assert saved.status_code == 200, saved.text[:300]
    event_id = int(re.search(r'href="/events/(\d+)"', saved.text).group(1))  # type: ignore[union-attr]
    record = client.get(f"/api/v1/events/{event_id}").json()
    assert record["place"]["latitude"] == 42.30988 and record["detained_min"] == 40
    assert [v["name"] for v in record["victims"]] == ["Арман Сейткалиев"]
    assert record["victims"][0]["harm"] == "detained"
    assert [c["claimant_label"] for c in record["claims"]] == ["Адилет"]
    statuses = {s["kind"]: s["status"] for s in client.get(f"/api/v1/documents/{doc}/suggestions").json()}
    assert statuses == {"event": "accepted", "place": "accepted", "figure": "accepted", "person": "accepted"}
    points = client.get("/api/v1/map").json()
    assert event_id in [p["event_id"] for p in points], points


def test_a_place_named_by_an_event_first_gets_the_gazetteer_coordinates(web_register: Register) -> None:
    doc = report(web_register)
    client = _editor(web_register)
    event = _sugs(client, doc)["event"]
    token = csrf_of(client.get(f"/suggestions/{event['id']}").text)
    saved = client.post(f"/suggestions/{event['id']}/decision",
                        data={"csrf_token": token, "version": event["version"], "action": "accept"})
    event_id = int(re.search(r'href="/events/(\d+)"', saved.text).group(1))  # type: ignore[union-attr]
    place = client.get(f"/api/v1/events/{event_id}").json()["place"]
    assert place["latitude"] == 42.30988 and place["gazetteer_id"] == "geonames:1518980"


def test_the_event_page_lists_each_passage_once(web_register: Register) -> None:
    from aqiqat.api.records import add_involvement, create

    me = local_admin("t")
    doc = report(web_register)
    span = Span(doc, 0, 39, TEXT[:39])
    event = create(web_register, me, "event", {"type": "detention", "title": "Задержания в Шымкенте"}, [span])
    for name in ("Арман", "Данияр", "Ержан"):
        person = create(web_register, me, "person", {"display_name": name})
        add_involvement(web_register, me, event["id"], "victim", person_id=person["id"], harm="detained",
                        evidence=[span])
    page = _editor(web_register).get(f"/events/{event['id']}").text
    assert page.count(TEXT[:39] + "</blockquote>") == 1
    assert "Арман, Данияр, Ержан" in page or page.count('class="passage"') == 1


def test_an_editor_dates_places_grades_and_links_an_event_in_the_browser_forms(web_register: Register) -> None:
    from aqiqat.api.audit import verify_audit
    from aqiqat.api.records import create

    me = local_admin("t")
    client = _editor(web_register)
    event = create(web_register, me, "event", {"type": "detention", "title": "Задержания"})
    person = create(web_register, me, "person", {"display_name": "Данияр Хасенов"})
    claim = create(web_register, me, "claim", {"kind": "figure", "text": "задержаны 40", "claimant_label": "Адилет",
                                               "subject": "detained", "value": 40})
    form = client.get(f"/events/{event['id']}/edit").text
    token = csrf_of(form)
    base = {"csrf_token": token, "version": str(event["version"]), "type": "detention", "title": "Задержания",
            "description": "", "start_date": "2022-01-06", "end_date": "", "date_precision": "day",
            "date_text": "6 января", "place_id": "", "place_name": "Талдыкорган", "latitude": "", "longitude": "",
            "location_precision": "town", "grade": "fair", "grade_reason": "", "parent_id": ""}
    refused = client.post(f"/events/{event['id']}/edit", data=base)
    assert refused.status_code == 422 and 'id="form-error"' in refused.text
    assert 'value="6 января"' in refused.text  # the form keeps what was typed
    saved = client.post(f"/events/{event['id']}/edit", data={**base, "grade_reason": "два независимых источника"},
                        follow_redirects=False)
    assert saved.status_code == 303, saved.text[:500]
    record = client.get(f"/api/v1/events/{event['id']}").json()
    assert record["grade"] == "fair" and record["start_date"] == "2022-01-06"
    assert record["place"]["name"] == "Талдыкорган" and record["place"]["latitude"] == 45.01556
    linked = client.post(f"/events/{event['id']}/involvements",
                         data={"csrf_token": token, "role": "victim", "who": f"person:{person['id']}",
                               "harm": "detained"}, follow_redirects=False)
    assert linked.status_code == 303
    attached = client.post(f"/events/{event['id']}/claims", data={"csrf_token": token, "claim_id": claim["id"]},
                           follow_redirects=False)
    assert attached.status_code == 303
    record = client.get(f"/api/v1/events/{event['id']}").json()
    assert [v["name"] for v in record["victims"]] == ["Данияр Хасенов"] and len(record["claims"]) == 1
    inv = record["victims"][0]["id"]
    client.post(f"/events/{event['id']}/involvements/{inv}/remove", data={"csrf_token": token})
    assert client.get(f"/api/v1/events/{event['id']}").json()["victims"] == []
    from aqiqat.api.audit import list_audit

    audit = list_audit(web_register, me, entity="event", entity_id=str(event["id"]))
    assert any("два независимых источника" in (a["after"] or "") for a in audit)
    assert verify_audit(web_register)[1] == []


def test_an_event_added_by_hand_from_a_phone_call_shows_it_has_no_document(web_register: Register) -> None:
    client = _editor(web_register)
    token = csrf_of(client.get("/events/new").text)
    made = client.post("/events/new", data={"csrf_token": token, "type": "detention", "title": "Задержан Ержан",
                                            "start_date": "2022-01-08", "date_precision": "day", "grade": "weak",
                                            "how": "phone_call", "who": "сестра Ержана", "when": "2022-01-09",
                                            "note": "Ержана задержали у дома 8 января."}, follow_redirects=False)
    assert made.status_code == 303, made.text[:400]
    page = client.get(made.headers["location"]).text
    assert "сестра Ержана" in page and 'id="no-document"' in page


def test_people_are_edited_merged_split_and_show_their_list_rows(web_register: Register, tmp_path) -> None:  # noqa: ANN001
    from aqiqat.api.audit import verify_audit
    from aqiqat.api.lists import import_list
    from aqiqat.api.records import create
    from aqiqat.store.tables import ListEntryRow

    me = local_admin("t")
    client = _editor(web_register)
    keep = create(web_register, me, "person", {"display_name": "Арман Сейткалиев"})
    gone = create(web_register, me, "person", {"display_name": "Арман Сейткалиев (2)"})
    csv = tmp_path / "list.csv"
    csv.write_text("ФИО,Возраст\nАрман Сейткалиев,27\n", encoding="utf-8")
    import_list(web_register, me, csv, "Адилет", {"name": "ФИО", "age": "Возраст"}, name="Задержанные")
    with web_register.unit(me) as unit:
        entry = unit.session.query(ListEntryRow).order_by(ListEntryRow.id.desc()).first()
        assert entry is not None
        entry.person_id = gone["id"]
    form = client.get(f"/people/{keep['id']}/edit").text
    token = csrf_of(form)
    saved = client.post(f"/people/{keep['id']}/edit", data={
        "csrf_token": token, "version": keep["version"], "display_name": "Арман Сейткалиев", "surname": "Сейткалиев",
        "given_name": "Арман", "patronymic": "", "sex": "male", "age": "27", "birth_year": "",
        "affiliation": "civilian",
        "occupation": "студент", "variant": "Армана"}, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:400]
    person = client.get(f"/api/v1/people/{keep['id']}").json()
    assert person["sex"] == "male" and person["age"] == 27 and person["occupation"] == "студент"
    merged = client.post(f"/people/{keep['id']}/merge", data={"csrf_token": token, "other": gone["id"]},
                         follow_redirects=False)
    assert merged.status_code == 303
    page = client.get(f"/people/{keep['id']}").text
    assert "Задержанные" in page and 'id="list-rows"' in page and "Армана" in page
    assert f'action="/people/{gone["id"]}/split"' in page
    client.post(f"/people/{gone['id']}/split", data={"csrf_token": token})
    assert "Задержанные" not in client.get(f"/people/{keep['id']}").text
    assert verify_audit(web_register)[1] == []


def test_the_counts_page_says_how_many_events_their_grade_leaves_out(web_register: Register) -> None:
    from aqiqat.api.records import create

    create(web_register, local_admin("t"), "event", {"type": "detention", "title": "Слабое", "grade": "weak"})
    page = _editor(web_register).get("/counts").text
    note = re.search(r'<p class="note" id="left-out">(.*?)</p>', page, re.S)
    assert note and "Weak" in note.group(1) and "grade=weak" in note.group(1)


def test_the_inbox_counts_assigns_and_decides_a_kind_and_the_counter_updates(web_register: Register) -> None:
    doc = report(web_register)
    client = _editor(web_register)
    listed = client.get("/documents").text
    assert "4 to decide" in listed
    inbox = client.get("/inbox", params={"kind": "figure"}).text
    assert f'href="/documents/{doc}"' in inbox
    token = csrf_of(inbox)
    client.post("/inbox/assign", data={"csrf_token": token, "document_id": doc, "assigned_to": "editor"})
    mine = client.get("/inbox", params={"assignee": "editor"}).text
    assert f'href="/documents/{doc}"' in mine
    # the assign form shows who has the document, and offers every reviewer
    assert '<option value="editor" selected>editor</option>' in mine
    assert re.search(r'<option value="[^"]+">[^<]+</option>', mine.split('name="assigned_to"')[1].split("</select>")[0])
    person = _sugs(client, doc)["person"]
    decided = client.post(f"/suggestions/{person['id']}/decision", headers={"HX-Request": "true"},
                          data={"csrf_token": token, "version": person["version"], "action": "reject"})
    assert re.search(r'id="review-progress" role="status" hx-swap-oob="true">1 / 4<', decided.text)
    client.post("/inbox/bulk", data={"csrf_token": token, "document_id": doc, "kind": "figure", "action": "accept"})
    assert _sugs(client, doc)["figure"]["status"] == "accepted"


def test_the_audit_reads_as_sentences_with_cyrillic_links_filters_and_pages(web_register: Register) -> None:
    from aqiqat.api.records import create

    for n in range(52):
        event = create(web_register, local_admin("t"), "event", {"type": "detention", "title": "Задержания",
                                                                  "description": f"Ещё {n}", "killed_min": 1})
    client = TestClient(create_app(web_register.settings, web_register))
    login(client, "admin")
    page = client.get("/audit", params={"entity": "event", "entity_id": event["id"]}).text
    assert f'<a href="/events/{event["id"]}">' in page and "\\u04" not in page and "Задержания" in page
    assert re.search(r"<b>t</b> created <a", page)
    by_user = client.get("/audit", params={"user": "t", "action": "create"}).text
    assert "<b>admin</b>" not in by_user and "<b>t</b> created" in by_user
    assert 'id="older"' in client.get("/audit").text  # more than a page of entries: paged
    assert len(client.get("/audit").text) < 400_000


def test_static_files_are_compressed_and_cached_and_unknown_pages_are_pages(web_register: Register) -> None:
    client = _editor(web_register)
    css = client.get("/static/app.css", headers={"Accept-Encoding": "gzip"})
    assert css.headers.get("content-encoding") == "gzip" and "max-age=86400" in css.headers["cache-control"]
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert 'class="error-message"' in missing.text and 'class="skip"' in missing.text
    assert client.get("/api/v1/no-such").json()["detail"]


def test_a_photo_uploaded_on_an_event_shows_its_hash_exif_and_thumbnail(web_register: Register) -> None:
    import hashlib
    import io

    from PIL import Image

    from aqiqat.api.records import create

    event = create(web_register, local_admin("t"), "event", {"type": "shooting", "title": "Обстрел"})
    image = Image.new("RGB", (800, 600), (200, 40, 40))
    exif = Image.Exif()
    exif[0x0110] = "Test camera"  # Model
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    photo = buf.getvalue() + uuid.uuid4().bytes  # bytes after the JPEG's end: a photo no other test stored
    client = _editor(web_register)
    token = csrf_of(client.get(f"/events/{event['id']}").text)
    done = client.post(f"/events/{event['id']}/attachments", data={"csrf_token": token, "confidentiality": "internal"},
                       files={"file": ("car.jpg", photo, "image/jpeg")}, follow_redirects=False)
    assert done.status_code == 303, done.text[:300]
    page = client.get(f"/events/{event['id']}").text
    assert hashlib.sha256(photo).hexdigest() in page and "Test camera" in page
    doc = int(re.search(r'src="/documents/(\d+)/thumbnail"', page).group(1))  # type: ignore[union-attr]
    thumb = client.get(f"/documents/{doc}/thumbnail")
    assert thumb.headers["content-type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(thumb.content)).size) == 320
    assert '<div class="source">' not in page  # a whole file is no passage among the sources


def test_the_events_page_exports_its_view_and_an_event_prints_with_hashes(web_register: Register) -> None:
    import io

    from openpyxl import load_workbook

    from aqiqat.api.records import create

    doc = report(web_register)
    me = local_admin("t")
    create(web_register, me, "event", {"type": "arson", "title": "=Поджог машины"}, [Span(doc, 0, 10, TEXT[:10])])
    client = _editor(web_register)
    assert 'href="/events/export.csv?type=arson"' in client.get("/events", params={"type": "arson"}).text
    csv = client.get("/events/export.csv", params={"type": "arson"})
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,start_date") and all(",arson," in line for line in lines[1:])
    assert "'=Поджог машины" in csv.content.decode("utf-8-sig")  # never run as a formula
    xlsx = client.get("/events/export.xlsx", params={"type": "arson"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "id" and sheet.max_row == len(lines)
    event_id = int(lines[1].split(",")[0])
    printed = client.get(f"/events/{event_id}/print").text
    assert '<body class="printable"' in printed and "SHA-256" in printed
    people = client.get("/people/export.csv")
    assert people.status_code == 200 and "display_name" in people.text


def test_an_edited_date_suggestion_dates_the_event_it_is_linked_to(web_register: Register) -> None:
    from aqiqat.api.extract import store_suggestions as store

    doc = report(web_register)
    phrase = "В Шымкенте"
    start = TEXT.index(phrase)
    date = {"iso": "2022-01-06", "precision": "day", "start": "2022-01-06", "end": None, "text": "6 января"}
    store(web_register, local_admin("t"), doc, [SuggestionDraft(SuggestionKind.DATE, date,
          (Span(None, start, start + len(phrase), phrase),), 0.9, "test", "1")])
    client = _editor(web_register)
    event = _sugs(client, doc)["event"]
    token = csrf_of(client.get(f"/suggestions/{event['id']}").text)
    saved = client.post(f"/suggestions/{event['id']}/decision",
                        data={"csrf_token": token, "version": event["version"], "action": "accept"})
    event_id = int(re.search(r'href="/events/(\d+)"', saved.text).group(1))  # type: ignore[union-attr]
    day = _sugs(client, doc)["date"]
    panel = client.get(f"/suggestions/{day['id']}").text
    assert f'name="link_to" value="{event_id}"' in panel
    alone = client.post(f"/suggestions/{day['id']}/decision",
                        data={"csrf_token": token, "version": day["version"], "action": "edit", "f:iso": "2022-01-07"})
    assert alone.status_code == 422  # an edit that would change nothing is refused, not called "Edited"
    edited = client.post(f"/suggestions/{day['id']}/decision",
                         data={"csrf_token": token, "version": day["version"], "action": "edit",
                               "f:start": "2022-01-07", "link_to": event_id})
    assert edited.status_code == 200, edited.text[:300]
    assert client.get(f"/api/v1/events/{event_id}").json()["start_date"] == "2022-01-07"


def test_the_inbox_api_lists_assigns_and_decides_a_kind_as_the_page_does(web_register: Register) -> None:
    doc = report(web_register)
    client = _editor(web_register)
    listed = client.get("/api/v1/inbox").json()
    row = next(r for r in listed["documents"] if r["id"] == doc)
    assert listed["total"] >= 1 and row["pending"] == 4 and row["by_kind"]["figure"] == 1
    assert client.get("/api/v1/inbox", params={"kind": "nonsense"}).status_code == 422
    token = {"X-CSRF-Token": csrf_of(client.get("/inbox").text)}
    assert client.post(f"/api/v1/inbox/{doc}/assign", json={"reviewer": "editor"}).status_code == 403  # no token
    assert client.post(f"/api/v1/inbox/{doc}/assign", headers=token, json={"reviewer": "nobody"}).status_code == 422
    assert client.post(f"/api/v1/inbox/{doc}/assign", headers=token, json={"reviewer": "editor"}).status_code == 200
    mine = client.get("/api/v1/inbox", params={"assignee": "editor"}).json()["documents"]
    assert doc in [r["id"] for r in mine] and all(r["assigned_to"] == "editor" for r in mine)
    decided = client.post(f"/api/v1/inbox/{doc}/decide", headers=token, json={"kind": "figure", "action": "accept"})
    assert decided.json()["decided"] == 1
    assert _sugs(client, doc)["figure"]["status"] == "accepted"
    left = client.get("/api/v1/inbox", params={"kind": "figure", "limit": 1000}).json()["documents"]
    assert doc not in [r["id"] for r in left]
