"""A place picked by clicking the map, in Chromium with the mouse (issue 13): a click on the event form's map
sets the event's point, and the event then shows on the events map at those coordinates; a second click offers
the register's nearest place, taken with one more click. Screenshots go to test-artifacts/web/pick-*.png."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from tests.web.test_web_browser import ARTIFACTS, browser, log_in, server  # noqa: F401
from tests.web.test_web_workbench_browser import until

pytestmark = [pytest.mark.browser, pytest.mark.flaky(reruns=2)]
TITLE = "Обстрел у трассы Алматы — Талдыкорган"  # and a number of its own: a rerun makes its own event
DAY = "2021-03-03"


def _click_map(page: Any, x: float, y: float) -> tuple[float, float]:
    """Click the form's map at a fraction of its width and height; the point it set."""
    page.wait_for_selector("#pick-map.leaflet-container")
    page.locator("#pick-map").scroll_into_view_if_needed()
    box = page.locator("#pick-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * x, box["y"] + box["height"] * y)
    page.wait_for_selector("#pick-map path.picked-point")
    return float(page.input_value("#lat")), float(page.input_value("#lon"))


def test_a_point_clicked_on_the_map_puts_the_event_on_the_events_map(server: tuple, browser: Any) -> None:  # noqa: F811
    base, _ = server
    title = f"{TITLE} №{secrets.randbelow(10**6)}"
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    outside: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(base) else outside.append(req.url))
    log_in(page, base, "monitor")

    # a new event from a phone call, placed by a click on the map
    page.goto(f"{base}/events/new")
    page.select_option("select[name=type]", "shooting")
    page.fill("input[name=title]", title)
    page.fill("input[name=start_date]", DAY)
    page.fill("input[name=who]", "водитель")
    page.fill("textarea[name=note]", "Стреляли с обочины по машинам.")
    lat, lon = _click_map(page, 0.7, 0.6)
    assert 20 < lat < 70 and 40 < lon < 110, (lat, lon)  # around Kazakhstan, where the map opens
    assert page.input_value("select[name=place_id]") == ""
    assert page.locator("#pick-nearest").is_visible()  # the register's nearest place is offered
    until(page, "document.querySelectorAll('#pick-map svg path').length >= 50")  # the borders, served locally
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#event-form fieldset", has_text="Место").first.screenshot(path=str(ARTIFACTS / "pick-01-form.png"))
    page.click("#save-event")
    page.wait_for_url(re.compile(r".*/events/\d+$"))
    event_href = page.url[len(base):]

    # on the events map, at the point clicked
    page.goto(f"{base}/map?date_from={DAY}&date_to={DAY}")
    page.wait_for_selector("#map path.leaflet-interactive")
    points = page.evaluate("async (u) => (await fetch(u, {headers: {Accept: 'application/json'}})).json()",
                           f"/api/v1/map?date_from={DAY}&date_to={DAY}")
    assert [(p["lat"], p["lon"]) for p in points if p["title"] == title] == [(lat, lon)]
    if len(points) == 1:  # alone on its day (not after a rerun): its marker opens its popup
        page.locator("#map path.leaflet-interactive").first.click()
        assert title in page.locator(".leaflet-popup-content").inner_text()
    until(page, "document.querySelectorAll('#map svg path').length >= 50")
    page.screenshot(path=str(ARTIFACTS / "pick-02-map.png"))

    # the nearest register place, taken instead of a new point
    page.goto(f"{base}{event_href}/edit")
    page.wait_for_selector("#pick-map path.picked-point")  # the map opens at the event's point
    _click_map(page, 0.3, 0.3)
    offered = page.locator("#pick-nearest-text").inner_text()
    page.click("#pick-use")
    chosen = page.input_value("select[name=place_id]")
    assert chosen and page.input_value("#lat") == "" and page.input_value("#lon") == ""
    name = page.locator(f"select[name=place_id] option[value='{chosen}']").inner_text()
    assert name.split(" (")[0] in offered
    page.fill("input[name=grade_reason]", "звонок водителя")
    page.click("#save-event")
    page.wait_for_url(f"{base}{event_href}")
    assert name.split(" (")[0] in page.locator("main").inner_text()
    assert not errors, errors
    assert not outside, outside  # no map tiles, nothing from the network
    context.close()
