"""Log-in, sessions, CSRF, roles and the language switch of the workbench."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, csrf_of, login

from aqiqat.api.register import Register
from aqiqat.api.users import get_user
from aqiqat.web import create_app
from aqiqat.web.throttle import LoginThrottle, TooManyAttempts


def test_login_sets_an_httponly_samesite_cookie_and_pages_need_it(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    page = client.get("/events", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/api/v1/events").status_code == 401
    bad = login(client, "editor", "wrong-password-1")
    assert bad.status_code == 401 and "csrf_token" in bad.text
    ok = login(client, "editor")
    assert ok.status_code == 303 and ok.headers["location"] == "/documents"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert PASSWORD not in ok.headers["set-cookie"]
    assert client.get("/events").status_code == 200
    token = csrf_of(client.get("/events").text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/events", follow_redirects=False).status_code == 303


def test_forms_without_the_csrf_token_are_refused(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    client.get("/login")
    refused = client.post("/login", data={"username": "editor", "password": PASSWORD}, follow_redirects=False)
    assert refused.status_code == 403
    assert "reload the page" in refused.text
    login(client, "editor")
    assert client.post("/language", data={"lang": "en", "csrf_token": "forged"}).status_code == 403
    # the JSON API with the session cookie needs the token as a header
    assert client.post("/api/v1/events", json={"type": "protest", "title": "x"}).status_code == 403
    token = client.get("/api/v1/me").json()["csrf_token"]
    made = client.post("/api/v1/events", json={"type": "protest", "title": "x"}, headers={"X-CSRF-Token": token})
    assert made.status_code == 201


def test_http_basic_for_scripts_and_roles(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))

    def auth(user: str, password: str = PASSWORD) -> dict[str, str]:
        credentials = base64.b64encode(f"{user}:{password}".encode()).decode()
        return {"Authorization": "Basic " + credentials, "X-Aqiqat-CSRF": "1"}

    assert client.get("/api/v1/me", headers=auth("viewer")).json()["role"] == "viewer"
    assert client.get("/api/v1/me", headers=auth("viewer", "nope-nope-nope")).status_code == 401
    denied = client.post("/api/v1/events", json={"type": "protest", "title": "x"}, headers=auth("viewer"))
    assert denied.status_code == 403 and "may not change" in denied.json()["detail"]
    assert client.get("/api/v1/audit", headers=auth("analyst")).status_code == 403
    assert client.get("/api/v1/audit", headers=auth("editor")).status_code == 200
    made = client.post("/api/v1/users", json={"username": "newbie", "role": "viewer"}, headers=auth("admin"))
    assert made.status_code == 200 and len(made.json()["password"]) >= 16
    assert (
        client.post("/api/v1/users", json={"username": "x2", "role": "viewer"}, headers=auth("editor")).status_code
        == 403
    )


def test_language_switch_is_remembered_per_user(web_register: Register) -> None:
    app = create_app(web_register.settings, web_register)
    client = TestClient(app, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Log in" in client.get("/login").text
    login(client, "analyst")
    page = client.get("/events")
    assert "Events" in page.text and "События" not in page.text
    switched = client.post(
        "/language", data={"lang": "ru", "csrf_token": csrf_of(page.text), "next": "/events"}, follow_redirects=False
    )
    assert switched.status_code == 303 and switched.headers["location"] == "/events"
    assert "События" in client.get("/events").text
    assert get_user(web_register, "analyst")["language"] == "ru"
    # a new browser with an English Accept-Language: the user's own choice wins after log-in
    other = TestClient(app, headers={"Accept-Language": "en"})
    login(other, "analyst")
    ru = other.get("/events").text
    assert "События" in ru and "Хронология" in ru
    # dates and numbers are formatted for the language
    other.post(
        "/api/v1/events",
        json={"type": "protest", "title": "Митинг", "start_date": "2022-01-05", "killed_min": 1200, "killed_max": 1200},
        headers={"X-CSRF-Token": other.get("/api/v1/me").json()["csrf_token"]},
    )
    ru = other.get("/events").text
    assert "5 янв. 2022" in ru and "1\xa0200" in ru
    en = client.post(
        "/language", data={"lang": "en", "next": "/events", "csrf_token": csrf_of(client.get("/events").text)}
    )
    assert "Jan 5, 2022" in en.text and "1,200" in en.text


def test_next_parameter_never_leaves_the_site(web_register: Register) -> None:
    client = TestClient(create_app(web_register.settings, web_register))
    token = csrf_of(client.get("/login").text)
    out = client.post(
        "/login",
        data={"username": "viewer", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert out.headers["location"] == "/documents"


def test_password_guessing_backs_off_on_every_way_in(web_register: Register) -> None:
    app = create_app(web_register.settings, web_register)
    clock = [1000.0]
    app.state.login_throttle = LoginThrottle(clock=lambda: clock[0])
    client = TestClient(app)
    for i in range(5):  # the first five failures cost nothing
        assert login(client, "analyst", f"guess-{i}").status_code == 401
    # then each try must wait for a delay that doubles; too early is refused before the password is checked,
    # even the right one, on every way in
    refused = login(client, "analyst")
    assert refused.status_code == 429 and "too many failed log-ins for this name: try again in 1 s" in refused.text
    clock[0] += 1
    assert login(client, "analyst", "guess-5").status_code == 401
    api = client.post("/api/v1/session", json={"username": "Analyst ", "password": PASSWORD})
    assert api.status_code == 429
    assert api.json() == {"detail": "too many failed log-ins for this name: try again in 2 s"}
    basic = base64.b64encode(f"analyst:{PASSWORD}".encode()).decode()
    assert client.get("/api/v1/me", headers={"Authorization": f"Basic {basic}"}).status_code == 429
    # another user from the same address is not held up by the guesser's failures on one name
    assert login(TestClient(app), "viewer").status_code == 303
    clock[0] += 2  # the delay has passed: the owner of the name logs in
    assert login(TestClient(app), "analyst").status_code == 303


def test_an_anonymous_guesser_cannot_lock_a_name_out() -> None:
    """Failing on purpose without pause for ten minutes never makes the owner wait more than a minute."""
    now = [0.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    longest = 0.0
    while now[0] < 600:
        try:
            throttle.check("dana", "203.0.113.7")
            throttle.failed("dana", f"198.51.100.{int(now[0]) % 250}")  # from ever new addresses
        except TooManyAttempts as exc:
            longest = max(longest, float(str(exc).rsplit(" ", 2)[-2]))
        now[0] += 0.5
    assert 30 <= longest <= 60
    now[0] += 60
    throttle.check("dana", "203.0.113.7")  # a minute after the guesser's last failure, the owner gets in


def test_a_successful_log_in_clears_its_count() -> None:
    throttle = LoginThrottle(clock=lambda: 5.0)
    for _ in range(4):
        throttle.failed("dana", "10.0.0.1")
    throttle.succeeded("dana")
    for _ in range(4):
        throttle.failed("dana", "10.0.0.1")
    throttle.check("dana", "10.0.0.1")  # four since the success: no wait yet
    throttle.failed("dana", "10.0.0.1")
    with pytest.raises(TooManyAttempts, match="try again in 1 s"):
        throttle.check("DANA", "10.0.0.2")  # names are compared as typed at a log-in form: trimmed, any case


def test_one_address_is_refused_after_a_hundred_failures() -> None:
    throttle = LoginThrottle(clock=lambda: 5.0)
    for i in range(100):
        throttle.failed(f"name-{i}", "10.0.0.9")
    with pytest.raises(TooManyAttempts, match="from this address: try again in 300 s"):
        throttle.check("someone-else", "10.0.0.9")
    throttle.check("someone-else", "10.0.0.10")
