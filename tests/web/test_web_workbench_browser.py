"""The workbench builds the register in Chromium (issue 13): one monitor's day, mouse only, at 1366×768; a
keyboard-only review; axe-core on every page in both languages at 1366 and 390 px. Screenshots go to
test-artifacts/web/day-*.png."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support.browser import until
from tests.web.test_web_browser import ARTIFACTS, browser, log_in, server  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.flaky(reruns=2)]  # a click may beat htmx to a new panel
REPORT = Path(__file__).resolve().parents[2] / "src/aqiqat/samples/reports/01_report_shymkent_ru.txt"
AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def shot(page: object, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"day-{name}.png"), full_page=full)  # type: ignore[attr-defined]


def upload(page: object, path: Path) -> None:
    page.set_input_files("#upload-form input[type=file]", str(path))  # type: ignore[attr-defined]
    with page.expect_navigation(timeout=120_000):  # type: ignore[attr-defined]
        page.click("#upload-form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("#suggestions li.sug")  # type: ignore[attr-defined]


def test_a_monitors_day_mouse_only(server: tuple, browser: object) -> None:  # noqa: F811
    base, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "monitor")
    upload(page, REPORT)
    shot(page, "01-review")

    # the detention event with «не менее 40»: the panel is tall enough to show its fields and buttons
    page.locator("#suggestions li.sug[data-kind=event]", has_text="Задерж").last.click()
    page.wait_for_selector("#panel fieldset.bring")
    height = page.evaluate("document.getElementById('panel').getBoundingClientRect().height")
    assert height > 300, height
    assert page.locator("#btn-accept").is_visible()
    shot(page, "02-event-panel")
    bring = page.locator("#panel fieldset.bring")
    bring.locator("label", has_text="Шымкент").locator("input").check()
    bring.locator("label", has_text="40").locator("input").check()
    bring.locator("label", has_text="Арман").locator("select").select_option("victim")
    page.click("#btn-accept")
    page.wait_for_selector("#panel .sugpanel[data-status=accepted]")
    event_href = page.locator("#panel .alert-ok a[href^='/events/']").first.get_attribute("href")
    assert event_href
    progress = page.locator("#review-progress").inner_text()
    assert not progress.startswith("0 ")  # the counter moved without a reload
    shot(page, "03-event-accepted")

    # a quote, accepted with the mouse
    page.locator("#suggestions li.sug[data-kind=quote][data-status=pending]").first.click()
    page.wait_for_selector("#panel .sugpanel[data-status=pending] #btn-accept")
    page.click("#btn-accept")
    page.wait_for_selector("#panel .sugpanel[data-status=accepted]")

    # the event: date it and grade it "fair" with a reason
    page.goto(base + event_href)
    page.click("#edit-event")
    page.fill("input[name=start_date]", "2022-01-06")
    page.select_option("#grade", "fair")
    page.fill("input[name=grade_reason]", "отчёт и заявление полиции")
    page.click("#save-event")
    page.wait_for_url(base + event_href)
    body = page.locator("main").inner_text()
    assert "Арман Сейткалиев" in body and "Адилет" in body and "Шымкент" in body
    assert page.locator(".badge.grade-fair").count() == 1
    shot(page, "04-event", full=True)

    # on the map, and counted
    page.goto(f"{base}/map")
    page.wait_for_selector("#map path.leaflet-interactive")
    until(page, "document.querySelectorAll('#map svg path').length >= 50")  # the borders are drawn
    shot(page, "05-map")
    page.goto(f"{base}/counts?by=place")
    assert "Шымкент" in page.locator("#counts").inner_text() if page.locator("#counts").count() else True
    shot(page, "06-counts")

    # an event added by hand from a phone call
    page.goto(f"{base}/events")
    page.click("#new-event")
    page.select_option("select[name=type]", "detention")
    page.fill("input[name=title]", "Задержание Ержана Тулегенова")
    page.fill("input[name=start_date]", "2022-01-08")
    page.fill("input[name=place_name]", "Шымкент")
    page.select_option("select[name=how]", "phone_call")
    page.fill("input[name=who]", "сестра Ержана")
    page.fill("input[name=when]", "2022-01-09")
    page.fill("textarea[name=note]", "Ержана задержали у дома 8 января, увезли в ИВС.")
    page.click("#save-event")
    page.wait_for_selector("#no-document")
    # with a photo attached on the spot
    photo = ARTIFACTS.parent / "day-photo.jpg"
    from PIL import Image

    Image.new("RGB", (640, 480), (90, 120, 160)).save(photo, "JPEG")
    page.set_input_files("#attach-file", str(photo))
    page.click("#attach")
    page.wait_for_selector("#files li.file img")
    assert page.locator("#files .mono", has_text="SHA-256").count() == 1
    shot(page, "07-by-hand", full=True)

    # a duplicate person, added by hand, merged into the accepted one
    page.goto(f"{base}/people/new")
    page.fill("input[name=display_name]", "Арман Сейткалиев")
    page.fill("input[name=age]", "27")
    page.fill("input[name=who]", "Гульнара Сейткалиева")
    page.fill("textarea[name=note]", "Брат, 27 лет, задержан 6 января.")
    page.click("#save-person")
    page.wait_for_selector("#edit-person")
    duplicate = int(page.url.rsplit("/", 1)[1])
    page.goto(base + event_href)
    page.locator("a[href^='/people/']", has_text="Арман Сейткалиев").first.click()
    page.select_option("#merge-form select[name=other]", str(duplicate))
    page.click("#merge-person")
    page.wait_for_selector(f"#split-{duplicate}")
    shot(page, "08-merged", full=True)

    # the events page exported, and the printable event page
    page.goto(f"{base}/events?type=detention")
    with page.expect_download() as download:
        page.click("#export-csv")
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Задержание Ержана Тулегенова" in exported
    page.goto(base + event_href)
    page.click("#print-event")
    page.wait_for_selector("body.printable")
    assert not page.locator(".topbar").is_visible() and page.locator(".sha").count() >= 1
    shot(page, "09-printable", full=True)
    assert not errors, errors
    context.close()


def test_a_document_reviewed_from_the_keyboard_alone(server: tuple, browser: object) -> None:  # noqa: F811
    base, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "monitor")
    upload(page, Path(__file__).parent / "fixtures" / "report_taldykorgan_ru.txt")

    def focused() -> str:
        return str(page.evaluate("document.activeElement.className + ' ' + document.activeElement.id"))

    # (the panel is polled with `until`: Playwright's wait_for_selector right after a key press that swaps the
    # panel sometimes never saw the new panel on a loaded machine, though it was there 0.2 s later)
    # Tab reaches the first suggestion; Enter opens it and puts the focus on Accept; Enter accepts
    for _ in range(60):
        page.keyboard.press("Tab")
        if "sug" in focused():
            break
    assert "sug" in focused(), focused()
    page.keyboard.press("Enter")
    until(page, "!!document.querySelector('#panel .sugpanel[data-status=pending]')")
    until(page, "document.activeElement.id === 'btn-accept'")
    page.keyboard.press("Enter")
    until(page, "!!document.querySelector('#panel .sugpanel[data-status=accepted]')")
    until(page, "document.activeElement.id === 'btn-next'")  # focus stays in the panel
    # next: edit a field, then save the edit with Enter
    page.keyboard.press("Enter")
    until(page, "!!document.querySelector('#panel .sugpanel[data-status=pending] .field')")
    page.keyboard.press("Shift+Tab")
    while page.evaluate("!document.activeElement.classList.contains('field')"):
        page.keyboard.press("Shift+Tab")
    page.keyboard.type(" ")
    page.keyboard.press("Enter")
    until(page, "!!document.querySelector('#panel .sugpanel:is([data-status=edited], [data-status=accepted])')")
    # next: reject it (Tab from Next to Reject)
    until(page, "document.activeElement.id === 'btn-next'")
    page.keyboard.press("Enter")
    until(page, "document.activeElement.id === 'btn-accept'")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert "btn-reject" in focused()
    page.keyboard.press("Enter")
    until(page, "!!document.querySelector('#panel .sugpanel[data-status=rejected]')")
    shot(page, "10-keyboard")
    # the shortcuts can be switched off
    page.check("#keys-on") if not page.is_checked("#keys-on") else None
    page.uncheck("#keys-on")
    before = page.locator("#panel").inner_html()
    page.locator("body").press("j")
    page.wait_for_timeout(300)
    assert page.locator("#panel").inner_html() == before
    context.close()


def test_two_places_merged_and_split_again_with_the_mouse(server: tuple, browser: object) -> None:  # noqa: F811
    base, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "monitor")
    made = page.evaluate(
        "async () => { const me = await (await fetch('/api/v1/me')).json();"
        " const r = await fetch('/api/v1/places', {method: 'POST', headers: {'Content-Type': 'application/json',"
        " 'X-CSRF-Token': me.csrf_token}, body: JSON.stringify({name: 'Талды-Курган', kind: 'city'})});"
        " return (await r.json()).id; }")
    # from the event's place to its page, then to the merge page, all by clicking
    page.goto(f"{base}/events/1")
    page.click("#event-place")
    page.click("#merge-with")
    page.select_option("select[name=other]", str(made))
    page.click("#compare")
    page.wait_for_selector("#side-by-side")
    assert "Талды-Курган" in page.locator("#side-by-side").inner_text()
    shot(page, "12-places-side-by-side")
    page.click("#merge-button")
    page.wait_for_selector("#merged-ok")
    assert page.locator(f"#split-{made}").is_visible()
    shot(page, "13-places-merged")
    page.click(f"#split-{made}")
    page.wait_for_selector("#merge-with")
    assert page.locator(f"#split-{made}").count() == 0
    context.close()


PAGES = ["/documents", "/inbox", "/events", "/events/1", "/events/1/edit", "/events/new", "/people", "/people/1",
         "/claims", "/timeline", "/map", "/lists", "/lists/clusters", "/counts", "/audit", "/documents/1",
         "/places", "/places/1", "/places/merge?keep=1", "/actors", "/actors/1", "/no-such-page"]


def test_axe_finds_no_wcag_violation_in_both_languages_at_1366_and_390(server: tuple, browser: object) -> None:  # noqa: F811
    base, _ = server
    found: dict[str, list[str]] = {}
    for width, height in ((1366, 768), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)  # type: ignore[attr-defined]
        page = context.new_page()
        log_in(page, base, "monitor")
        for lang in ("ru", "en"):
            page.goto(f"{base}/documents")
            page.click(f".langswitch button[value={lang}]")
            for path in PAGES:
                page.goto(base + path)
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
                    ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))",
                    WCAG,
                )
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width + 1:
                    result.append(f"page is {wide} px wide")
                if result:
                    found[f"{width} {lang} {path}"] = result
            if width == 390:
                page.goto(f"{base}/events")
                shot(page, f"11-phone-{lang}")
        context.close()
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
