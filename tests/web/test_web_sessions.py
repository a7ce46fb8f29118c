"""Sessions kept on the server, the `aqiqat users` commands that end them, Secure cookies, the client's address
behind a proxy, and log-in timing that does not tell which names exist."""

from __future__ import annotations

import base64
import time

from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, csrf_of, login
from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.sessions import count_sessions
from aqiqat.api.users import add_user, authenticate
from aqiqat.cli.main import app as cli
from aqiqat.cli.web_cmds import serving_settings
from aqiqat.config import Settings
from aqiqat.web import create_app


def _user(reg: Register, name: str, role: str = "viewer") -> None:
    add_user(reg, local_admin("setup"), name, role, PASSWORD)


def _users(reg: Register, *args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(
        cli, ["--data-dir", str(reg.settings.data_dir), "users", *args], input=stdin, env={"AQIQAT_USER": "root"}
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_a_logged_out_cookie_is_dead_even_if_replayed(web_register: Register) -> None:
    app = create_app(web_register.settings, web_register)
    _user(web_register, "replayer")
    client = TestClient(app)
    assert login(client, "replayer").status_code == 303
    stolen = client.cookies["aqiqat_session"]
    assert count_sessions(web_register, "replayer") == 1
    assert client.post("/logout", data={"csrf_token": csrf_of(client.get("/events").text)}).status_code == 200
    assert count_sessions(web_register, "replayer") == 0
    thief = TestClient(app, cookies={"aqiqat_session": stolen})
    assert thief.get("/api/v1/me").status_code == 401
    # the API's log-out ends its session the same way
    api = TestClient(app)
    assert api.post("/api/v1/session", json={"username": "replayer", "password": PASSWORD}).status_code == 200
    kept = api.cookies["aqiqat_session"]
    token = api.get("/api/v1/me").json()["csrf_token"]
    assert api.delete("/api/v1/session", headers={"X-CSRF-Token": token}).status_code == 200
    assert TestClient(app, cookies={"aqiqat_session": kept}).get("/api/v1/me").status_code == 401


def test_users_disable_ends_every_session_and_enable_lets_them_back(web_register: Register) -> None:
    app = create_app(web_register.settings, web_register)
    _user(web_register, "dana")
    browsers = [TestClient(app), TestClient(app)]
    for b in browsers:
        assert login(b, "dana").status_code == 303
    assert "disabled dana; 2 sessions ended" in " ".join(_users(web_register, "disable", "dana").split())
    for b in browsers:
        assert b.get("/api/v1/me").status_code == 401
        assert b.get("/events", follow_redirects=False).status_code == 303
    basic = {"Authorization": "Basic " + base64.b64encode(f"dana:{PASSWORD}".encode()).decode()}
    assert TestClient(app).get("/api/v1/me", headers=basic).status_code == 401
    assert login(TestClient(app), "dana").status_code == 401
    _users(web_register, "enable", "dana")
    assert login(TestClient(app), "dana").status_code == 303


def test_users_passwd_and_role(web_register: Register) -> None:
    app = create_app(web_register.settings, web_register)
    _user(web_register, "erlan")
    browser = TestClient(app)
    assert login(browser, "erlan").status_code == 303
    assert browser.get("/api/v1/me").json()["role"] == "viewer"
    _users(web_register, "role", "erlan", "--role", "editor")
    assert browser.get("/api/v1/me").json()["role"] == "editor"  # the next request has the new role
    said = _users(web_register, "passwd", "erlan", "--password-stdin", stdin="a-new-long-password\n")
    assert "1 sessions ended" in said
    assert browser.get("/api/v1/me").status_code == 401
    assert login(TestClient(app), "erlan").status_code == 401
    assert login(TestClient(app), "erlan", "a-new-long-password").status_code == 303
    generated = _users(web_register, "passwd", "erlan").split("password: ")[-1].strip()
    assert authenticate(web_register, "erlan", generated) is not None


def test_users_commands_refuse_bad_input_in_one_line(web_register: Register) -> None:
    runner = CliRunner()
    base = ["--data-dir", str(web_register.settings.data_dir), "users"]
    nobody = runner.invoke(cli, [*base, "disable", "nobody"], env={"AQIQAT_USER": "root"})
    assert nobody.exit_code == 2 and "no user 'nobody'" in nobody.output
    short = runner.invoke(cli, [*base, "passwd", "viewer", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "at least 10 characters" in short.output


def test_cookies_are_secure_off_loopback_unless_configured(web_register: Register, tmp_path: object) -> None:
    base = web_register.settings
    assert serving_settings(base, "0.0.0.0").secure_cookies is True
    assert serving_settings(base, "127.0.0.1").secure_cookies is False
    assert serving_settings(base, "localhost").secure_cookies is False
    assert serving_settings(base.with_(secure_cookies=False), "0.0.0.0").secure_cookies is False
    assert Settings.load(env={"AQIQAT_SECURE_COOKIES": "1"}).secure_cookies is True
    secure = TestClient(create_app(base.with_(secure_cookies=True), web_register), base_url="https://testserver")
    answer = login(secure, "viewer")
    assert answer.status_code == 303 and "secure" in answer.headers["set-cookie"].lower()
    plain = login(TestClient(create_app(base, web_register)), "viewer")
    assert "secure" not in plain.headers["set-cookie"].lower()


def _failed_from(app_settings: Settings, reg: Register, peer: str, forwarded: str) -> set[str]:
    app = create_app(app_settings, reg)
    client = TestClient(app, client=(peer, 50000))
    client.post(
        "/api/v1/session", json={"username": "viewer", "password": "wrong-password-1"},
        headers={"X-Forwarded-For": forwarded},
    )
    return {k for k in app.state.login_throttle.failures if k.startswith("addr:")}


def test_x_forwarded_for_is_read_from_configured_proxies_only(web_register: Register) -> None:
    base = web_register.settings
    assert _failed_from(base, web_register, "127.0.0.1", "203.0.113.9") == {"addr:127.0.0.1"}
    proxied = base.with_(trusted_proxies=("10.0.0.2", "10.1.0.0/16"))
    assert _failed_from(proxied, web_register, "192.0.2.50", "203.0.113.9") == {"addr:192.0.2.50"}
    assert _failed_from(proxied, web_register, "10.0.0.2", "203.0.113.9") == {"addr:203.0.113.9"}
    # a client's own forged entries come first; the nearest untrusted hop is who reached the proxies
    chain = "198.51.100.1, 203.0.113.9, 10.1.4.4"
    assert _failed_from(proxied, web_register, "10.0.0.2", chain) == {"addr:203.0.113.9"}


def test_an_unknown_name_takes_as_long_as_a_wrong_password(web_register: Register) -> None:
    def timed(name: str) -> float:
        started = time.perf_counter()
        assert authenticate(web_register, name, "wrong-password-1") is None
        return time.perf_counter() - started

    timed("no-such-user")  # the unknown-name hash is made once, on first use
    known = min(timed("viewer") for _ in range(3))
    unknown = min(timed("no-such-user") for _ in range(3))
    assert unknown > 0.5 * known and known > 0.5 * unknown, (known, unknown)
