"""Stored and reflected XSS in a real browser (Debian's Chromium via Playwright).

Script payloads, attribute breakers, `javascript:` URLs and template syntax are stored in every field a
user controls (an uploaded document's title, text, source, URL and consent note; suggestions; people, events,
places, actors, claims; a victims list, its name, source and rows; and so the audit log), and sent in the
search box and in query parameters. Every page that shows them is opened: no script runs (window.__xss stays
undefined, no dialog opens, the Content-Security-Policy reports nothing), no element or `javascript:` link is
injected into the page, and the payloads are shown as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.support.browser import chromium
from tests.support.servers import served
from tests.web.conftest import PASSWORD, login

from aqiqat.api.access import local_admin
from aqiqat.api.extract import store_suggestions
from aqiqat.api.lists import import_list
from aqiqat.api.records import add_involvement, create
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft
from aqiqat.web import create_app

pytestmark = pytest.mark.browser
SCRIPT = "<script>window.__xss=1</script>"
ATTR = '"><img src=x onerror="window.__xss=1">'
SVG = "'><svg onload=window.__xss=1>"
JS_URL = "javascript:window.__xss=1"
TEMPLATE = "{{7*7}}"
PAYLOAD = f"{SCRIPT} {ATTR} {TEMPLATE} {SVG}"  # one stored value carries them all

# after every page: what the page holds, read from its DOM
PROBE = """() => ({
  xss: window.__xss === undefined ? null : String(window.__xss),
  csp: (window.__csp || []).slice(),
  injected: [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script:not([src])')]
    .map(e => e.outerHTML.slice(0, 120)),
  jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
    .map(e => ['href', 'src', 'action', 'formaction'].map(a => e.getAttribute(a)).find(v => v))
    .filter(v => /^\\s*javascript:/i.test(v || '')),
  text: document.body ? document.body.innerText : '',
})"""
WATCH_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


@dataclass
class Stored:
    base: str
    doc: int
    html_doc: int
    sid: int
    event: int
    person: int
    claim: int
    victims_list: int


def store(reg: Register, app: Any, folder: Path) -> dict[str, int]:
    """Payloads in every user-controlled field: uploads through HTTP, records through the service layer."""
    me = local_admin("seeder")
    client = TestClient(app)
    assert login(client, "monitor").status_code == 303
    csrf = {"x-csrf-token": client.get("/api/v1/me").json()["csrf_token"]}
    text = f"{PAYLOAD}\n7 января в Талдыкоргане военные обстреляли автомобиль {PAYLOAD}. Погиб {PAYLOAD}."
    upload = client.post(
        "/api/v1/documents",
        files={"file": (f"{ATTR}.txt", text.encode())},
        data={"source": PAYLOAD, "url": JS_URL, "consent": PAYLOAD, "published": "2022-01-08",
              "confidentiality": "internal"},
        headers=csrf,
    )
    assert upload.status_code == 200, upload.text
    html = (f"<html><head><title>{PAYLOAD}</title></head><body><h1>{PAYLOAD}</h1><p>В Алматы задержали "
            f"журналиста. {PAYLOAD} <a href=\"{JS_URL}\">ссылка</a></p></body></html>")
    html_upload = client.post("/api/v1/documents", files={"file": ("page.html", html.encode())},
                              data={"source": PAYLOAD}, headers=csrf)
    assert html_upload.status_code == 200, html_upload.text
    doc, html_doc = upload.json()["document_id"], html_upload.json()["document_id"]
    start = text.index("Талдыкоргане")
    span = Span(None, start, start + 12, "Талдыкоргане")
    store_suggestions(reg, me, doc, [
        SuggestionDraft(SuggestionKind.PERSON, {"name": PAYLOAD, "role": PAYLOAD, "surname": JS_URL}, (span,), 0.9,
                        PAYLOAD, "1"),
        SuggestionDraft(SuggestionKind.QUOTE, {"text": PAYLOAD, "speaker": PAYLOAD, "speaker_role": TEMPLATE},
                        (span,), 0.8, "test", "1"),
    ])
    sid = client.get(f"/api/v1/documents/{doc}/suggestions").json()[0]["id"]
    place = create(reg, me, "place", {"name": PAYLOAD, "kind": "city", "latitude": 45.0, "longitude": 78.4})
    actor = create(reg, me, "actor", {"name": PAYLOAD, "kind": "military"})
    person = create(reg, me, "person", {"display_name": PAYLOAD, "surname": PAYLOAD, "notes": PAYLOAD,
                                        "occupation": JS_URL, "confidentiality": "internal"})
    event = create(reg, me, "event", {
        "type": "shooting", "title": PAYLOAD, "description": PAYLOAD, "date_text": PAYLOAD,
        "start_date": "2022-01-07", "date_precision": "day", "place_id": place["id"], "location_precision": "town",
        "killed_min": 1, "killed_max": 2, "grade": "fair", "confidentiality": "internal",
    }, evidence=[Span(doc, start, start + 12, "Талдыкоргане")])
    add_involvement(reg, me, event["id"], "victim", person_id=person["id"], harm="killed",
                    attributes={"note": PAYLOAD})
    add_involvement(reg, me, event["id"], "perpetrator", actor_id=actor["id"], mode="direct")
    claim = create(reg, me, "claim", {"kind": "figure", "text": PAYLOAD, "subject": PAYLOAD, "event_id": event["id"],
                                      "value": 2, "claimant_label": PAYLOAD, "claimed_on": "2022-01-08"})
    csv = folder / "list.csv"
    csv.write_text(f"ФИО,Возраст,Место\n\"{PAYLOAD}\",30,\"{PAYLOAD}\"\n\"{JS_URL}\",сорок,Алматы\n", encoding="utf-8")
    victims = import_list(reg, me, csv, PAYLOAD, {"name": "ФИО", "age": "Возраст", "place": "Место"}, PAYLOAD)
    return {"doc": doc, "html_doc": html_doc, "sid": sid, "event": event["id"], "person": person["id"],
            "claim": claim["id"], "victims_list": victims.list_id}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stored]:
    folder = tmp_path_factory.mktemp("xss")
    settings = Settings.load(data_dir=folder / "data", env={"AQIQAT_USER": "tester"})
    reg = Register.initialise(settings)
    add_user(reg, local_admin("setup"), "monitor", "editor", PASSWORD, language="en")
    app = create_app(settings, reg)
    ids = store(reg, app, folder)
    try:
        with served(app) as base:
            yield Stored(base=base, **ids)
    finally:
        reg.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def pages(s: Stored) -> list[tuple[str, bool]]:
    """(url, whether the page shows a stored or sent payload as text)."""
    q = quote(PAYLOAD)
    return [
        ("/documents", True),
        (f"/documents?q={quote(SCRIPT + ' обстреляли')}", True),
        (f"/documents?source={q}", True),
        (f"/documents/{s.doc}", True),
        (f"/documents/{s.html_doc}", True),
        (f"/suggestions/{s.sid}", True),
        ("/events", True),
        (f"/events?text={q}&place={q}&perpetrator={q}", True),
        (f"/events/{s.event}", True),
        ("/people", True),
        (f"/people?name={q}", True),
        (f"/people/{s.person}", True),
        ("/claims", True),
        (f"/claims?subject={q}", True),
        (f"/claims/{s.claim}", True),
        ("/timeline", False),
        (f"/timeline?type={q}", False),
        ("/map", False),
        (f"/map?type={q}&date_from=2022-01-01", False),
        ("/audit", True),
        (f"/audit?entity={q}", False),  # (the filter box holds it)
        ("/lists", True),
        (f"/lists/{s.victims_list}", True),
        ("/merge-queue", False),
        ("/counts?by=place", True),
        ("/estimate", False),
        (f"/events?date_from={q}", True),  # an error page that names the bad value
        (f"/documents/{quote(ATTR + TEMPLATE, safe='')}", True),  # a 404 that names the reference
        (f"/login?next={quote(JS_URL)}", False),
    ]


def check(page: Any, where: str, shows: bool, dialogs: list[str]) -> list[str]:
    found = page.evaluate(PROBE)
    problems = []
    if found["xss"] is not None:
        problems.append(f"{where}: a payload ran (window.__xss={found['xss']})")
    if dialogs:
        problems.append(f"{where}: a dialog opened: {dialogs}")
    if found["csp"]:
        problems.append(f"{where}: the Content-Security-Policy blocked {found['csp']}")
    if found["injected"]:
        problems.append(f"{where}: markup injected into the page: {found['injected'][:3]}")
    if found["jsLinks"]:
        problems.append(f"{where}: javascript: link in the page: {found['jsLinks'][:3]}")
    if shows and not any(p in found["text"] for p in (SCRIPT, ATTR, TEMPLATE, SVG)):
        problems.append(f"{where}: no payload shown as text")
    return problems


def test_payloads_in_every_field_are_shown_as_text_and_never_run(stored: Stored, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{stored.base}/login")
    page.fill("input[name=username]", "monitor")
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{stored.base}/documents")

    problems: list[str] = []
    for url, shows in pages(stored):
        page.goto(stored.base + url)
        page.wait_for_load_state("load")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")  # unfolded
        problems += check(page, url, shows, dialogs)
        dialogs.clear()

    # the search box: typed, submitted, shown back in the box and in the page
    page.goto(f"{stored.base}/documents")
    page.fill("input[name=q]", f"{ATTR} {TEMPLATE}")
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state("load")
    assert page.input_value("input[name=q]") == f"{ATTR} {TEMPLATE}"
    problems += check(page, "search box", False, dialogs)

    # the review page: a suggestion's panel loaded by htmx when its highlight is clicked
    page.goto(f"{stored.base}/documents/{stored.doc}")
    page.locator("#doctext .hl").first.click()
    page.wait_for_selector("#panel .sugpanel")
    problems += check(page, "suggestion panel", True, dialogs)
    assert page.locator("#panel input.field").first.input_value() in (PAYLOAD, JS_URL)

    # the map: the event's popup (Leaflet HTML built by map.js)
    page.goto(f"{stored.base}/map")
    page.wait_for_selector("#map path.leaflet-interactive")
    for _ in range(4):  # the map may still be moving to fit its markers: click again until the popup opens
        page.wait_for_timeout(300)
        page.locator("#map path.leaflet-interactive").first.click(force=True)
        try:
            page.wait_for_selector(".leaflet-popup-content", timeout=3000)
            break
        except Exception:  # playwright's TimeoutError: the popup is not open yet
            continue
    page.wait_for_selector(".leaflet-popup-content")
    assert SCRIPT in page.locator(".leaflet-popup-content").inner_text()
    problems += check(page, "map popup", True, dialogs)

    assert not problems, "\n".join(problems)
    assert not errors, errors
    context.close()
