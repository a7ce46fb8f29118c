"""The workbench in a real browser (Debian's Chromium via Playwright), used as a monitor would use it.

Log in, upload a report, accept a person and an event suggestion, find the event in the register,
open the timeline and the map, and check that a viewer cannot see a restricted witness's name.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.browser import chromium, until
from tests.support.servers import served
from tests.web.conftest import FIXTURES, PASSWORD, SECRET_SURNAME, seed

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.web import create_app

pytestmark = [pytest.mark.browser, pytest.mark.flaky(reruns=2)]  # a click may beat htmx to a new panel
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
ATTEMPT = 0  # attempts of the monitor's test in this run (reruns included)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    data = tmp_path_factory.mktemp("browser") / "data"
    settings = Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})
    reg = Register.initialise(settings)
    add_user(reg, local_admin("setup"), "monitor", "editor", PASSWORD, language="ru")
    add_user(reg, local_admin("setup"), "partner", "viewer", PASSWORD, language="ru")
    seeded = seed(reg)
    try:
        with served(create_app(settings, reg)) as base:
            yield base, seeded
    finally:
        reg.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def log_in(page: object, base: str, user: str) -> None:
    page.goto(f"{base}/login")  # type: ignore[attr-defined]
    page.fill("input[name=username]", user)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    page.click("form[action='/login'] button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/documents")  # type: ignore[attr-defined]


def test_monitor_reviews_a_report_and_a_viewer_sees_no_restricted_name(
    server: tuple, browser: object, tmp_path: Path
) -> None:
    base, seeded = server
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ru-RU")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    outside: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(base) else outside.append(req.url))

    log_in(page, base, "monitor")
    assert page.locator("h1").inner_text() == "Документы"
    shot(page, "01-documents")

    # upload a report; extraction runs, and the review page opens
    # a file of its own for each attempt (trailing blank lines: the same text, another hash), so that a rerun
    # reviews a new document rather than the first attempt's, half decided
    global ATTEMPT
    ATTEMPT += 1
    report = tmp_path / "report_taldykorgan_ru.txt"
    report.write_bytes((FIXTURES / "report_taldykorgan_ru.txt").read_bytes() + b"\n" * ATTEMPT)
    page.set_input_files("#upload-form input[type=file]", str(report))
    page.fill("#upload-form input[name=source]", "Правозащитный центр")
    page.fill("#upload-form input[name=published]", "2022-01-12")
    with page.expect_navigation(timeout=90_000):  # ingest and extraction: slow on a busy machine
        page.click("#upload-form button[type=submit]", timeout=90_000)
    assert "/documents/" in page.url
    page.wait_for_selector("#doctext .hl.k-person")
    assert page.locator("#suggestions li.sug").count() >= 5
    shot(page, "02-review")

    # accept a person: click the highlighted name, then press "a"
    page.locator("#doctext .hl.k-person", has_text="Ерлан Сапаров").first.click()
    page.wait_for_selector("#panel .sugpanel[data-status=pending] #btn-accept")
    page.keyboard.press("a")
    until(page, "document.querySelector('#panel .sugpanel[data-status=accepted]') !== null")
    assert page.locator("#panel .alert-ok a[href^='/people/']").count() == 1
    shot(page, "03-person-accepted")

    # accept an event from the list of suggestions
    page.locator("#suggestions li.sug[data-kind=event][data-status=pending]").first.click()
    page.wait_for_selector("#panel .sugpanel .badge.k-event")
    page.click("#btn-accept")
    page.wait_for_selector("#panel .sugpanel[data-status=accepted]")
    event_link = page.locator("#panel .alert-ok a[href^='/events/']").first
    event_href = event_link.get_attribute("href")
    assert event_href
    assert page.locator("#suggestions li.st-accepted").count() == 2
    shot(page, "04-event-accepted")

    # the event is in the register
    event_title = page.request.get(f"{base}/api/v1{event_href}").json()["title"]
    page.goto(f"{base}/events?text={event_title}")
    row = page.locator("#events tbody tr", has_text=event_title).first
    assert row.is_visible()
    shot(page, "05-events")
    row.locator("a").first.click()
    page.wait_for_url(f"{base}{event_href}")
    assert page.locator("h1").inner_text() == event_title
    assert page.locator(".source blockquote.passage").count() >= 1
    shot(page, "06-event")

    # timeline and map
    page.goto(f"{base}/timeline")
    assert page.locator("#timeline-chart svg rect.bar").count() >= 1
    shot(page, "07-timeline")
    page.goto(f"{base}/map")
    page.wait_for_selector("#map path.leaflet-interactive")
    deadline = time.monotonic() + 15
    while page.locator("#map svg path").count() < 50 and time.monotonic() < deadline:  # the borders are drawn
        page.wait_for_timeout(100)
    assert page.locator("#map svg path").count() >= 50
    shot(page, "08-map")
    page.locator("#map path.leaflet-interactive").first.click(force=True)
    assert page.locator(".leaflet-popup-content a[href^='/events/']").count() == 1

    # language switch, remembered
    page.click(".langswitch button[value=en]")
    assert page.locator("h1").inner_text() == "Map"
    page.click(".langswitch button[value=ru]")

    page.click("form[action='/logout'] button")
    page.wait_for_url(f"{base}/login")

    # a viewer: the restricted witness is "Witness N" in the people list, never the name, and their
    # involvement (which rests on them) is left out of the event
    log_in(page, base, "partner")
    for url in ("/people", f"/people/{seeded.witness_id}", f"/events/{seeded.event_id}", "/documents?q=видела",
                "/claims"):
        page.goto(base + url)
        assert SECRET_SURNAME not in page.content(), url
    page.goto(f"{base}/people")
    assert page.locator(f"text=Witness {seeded.witness_id}").count() >= 1
    page.goto(f"{base}/events/{seeded.event_id}")
    assert page.locator(f"text=Witness {seeded.witness_id}").count() == 0
    shot(page, "09-viewer-event")
    assert page.locator("form[action='/documents']").count() == 0  # no upload for a viewer
    assert not errors, errors
    assert not outside, outside[:5]
    context.close()


def test_statistician_links_lists_accepts_a_pair_and_estimates(server: tuple, browser: object, tmp_path: Path) -> None:
    from tests.web.test_web_victims import MAP, write_lists

    base, _ = server
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ru-RU")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "monitor")

    # import three lists through the form, then run linkage
    for path in write_lists(tmp_path):
        page.goto(f"{base}/lists")
        page.set_input_files("#import-form input[type=file]", str(path))
        page.fill("#import-form input[name=source]", path.stem)
        page.fill("#import-form input[name=columns]", MAP)
        page.click("#import-form button[type=submit]")
        page.wait_for_selector("#import-result .alert-ok")
    page.click(".tabs a[href='/merge-queue']")
    page.click("#run-link")
    page.wait_for_selector("#link-run")
    assert page.locator("h1").inner_text() == "Очередь слияния"
    assert page.locator("#pairs li.pair[data-judgement=pending]").count() >= 3

    # keyboard: j selects the best pair, a accepts it in place
    pending = page.locator("#pairs li.pair[data-judgement=pending]").count()
    assert page.locator("#pending-count").inner_text().startswith(str(pending))
    first = page.locator("#pairs li.pair").first.get_attribute("data-id")
    page.keyboard.press("j")
    page.wait_for_selector(f"#pair-{first}.sel")
    page.keyboard.press("a")
    page.wait_for_selector("#pairs li.pair.j-positive.just")
    assert page.locator(f"#pair-{first}").count() == 0  # replaced by the decision, which can be split again
    assert page.locator("#pairs li.pair.j-positive button[value=negative]").count() == 1
    assert page.locator("#pending-count").inner_text().startswith(str(pending - 1))
    shot(page, "10-merge-queue")

    # the estimate page on the Kosovo capture patterns, LCMCR: the posterior as a chart
    page.goto(f"{base}/estimate")
    kosovo = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse" / "kosovo_capture_patterns.csv"
    page.set_input_files("#patterns-form input[type=file]", str(kosovo))
    page.check("#patterns-form input[name=method][value=lcmcr]")
    page.click("#patterns-form button[type=submit]")
    page.wait_for_selector("#n-hat")
    assert page.locator("#posterior svg rect.bar").count() >= 10
    assert page.locator("#n-observed").inner_text() == "4\xa0400"
    shot(page, "11-estimate")
    page.locator("#posterior").scroll_into_view_if_needed()
    shot(page, "12-estimate-posterior")
    assert not errors, errors
    context.close()
