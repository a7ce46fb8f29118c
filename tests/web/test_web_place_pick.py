"""A place picked by clicking the map on the event form (issue 13): the form carries the register places the
editor may see, a point posted from the map becomes a place at those coordinates, and the event is then on the
events map there. The click itself is tested in Chromium (test_web_place_pick_browser.py)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from fastapi.testclient import TestClient
from tests.web.conftest import csrf_of, login

import aqiqat.web
from aqiqat.api.access import local_admin
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.stats import map_points
from aqiqat.web import create_app
from aqiqat.web.i18n import load_catalogs

TEMPLATES = Path(aqiqat.web.__file__).parent / "templates"


def _points(html: str) -> list[dict]:
    found = re.search(r"data-places='([^']*)'", html)
    assert found, "no map to pick a place on"
    return list(json.loads(unescape(found.group(1))))


def test_the_form_offers_only_the_places_the_editor_may_see(web_register: Register) -> None:
    me = local_admin("t")
    create(web_register, me, "place", {"name": "Жанаозен", "kind": "city", "latitude": 43.34, "longitude": 52.86})
    create(web_register, me, "place", {"name": "Явочная квартира", "kind": "site", "latitude": 43.25,
                                       "longitude": 76.95, "confidentiality": "restricted"})
    create(web_register, me, "place", {"name": "Где-то", "kind": "site"})  # no coordinates: not on the map
    app = create_app(web_register.settings, web_register)
    shown = {}
    for role in ("editor", "analyst"):
        client = TestClient(app)
        login(client, role)
        shown[role] = {p["name"]: (p["lat"], p["lon"]) for p in _points(client.get("/events/new").text)}
    assert shown["editor"]["Жанаозен"] == (43.34, 52.86) and "Явочная квартира" in shown["editor"]
    assert "Явочная квартира" not in shown["analyst"] and "Жанаозен" in shown["analyst"]
    assert "Где-то" not in shown["editor"]


def test_a_point_from_the_map_puts_the_event_there_on_the_events_map(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    login(client, "editor")
    token = csrf_of(client.get("/events/new").text)
    made = client.post("/events/new", follow_redirects=False, data={
        "csrf_token": token, "type": "shooting", "title": "Обстрел у трассы", "start_date": "2021-03-03",
        "latitude": "44.12345", "longitude": "77.54321", "how": "phone_call", "who": "водитель",
        "note": "Стреляли с обочины."})
    assert made.status_code == 303, made.text
    event_id = int(made.headers["location"].rsplit("/", 1)[1])
    on_map = [p for p in map_points(web_register, local_admin("t")) if p["event_id"] == event_id]
    assert [(p["lat"], p["lon"]) for p in on_map] == [(44.12345, 77.54321)]
    edit = client.get(f"/events/{event_id}/edit").text
    start = json.loads(unescape(re.search(r"data-start='([^']*)'", edit).group(1)))  # type: ignore[union-attr]
    assert (start["lat"], start["lon"]) == (44.12345, 77.54321)  # the map opens at the event's point


def test_the_event_form_and_the_inbox_are_translated_to_russian() -> None:
    ru = load_catalogs().get("ru")
    strings = {m.group(2) for name in ("event_edit.html", "inbox.html", "partials/told_fields.html")
               for m in re.finditer(r'_\(\s*(["\'])(.*?)\1', (TEMPLATES / name).read_text(encoding="utf-8"))}
    assert len(strings) > 30
    assert [s for s in strings if ru.gettext(s) == s] == []
    assert ru.gettext("%(km)s km") % {"km": "3,5"} == "3,5 км"
