"""Heavy requests cannot take the workbench down: a budget per role, a time limit, and a job that stops when
its client goes away; the estimate runs in a process of its own, not in the worker that serves pages."""

from __future__ import annotations

import base64
import json
import socket
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.support.servers import served
from tests.web.conftest import PASSWORD

from aqiqat.api.access import local_admin
from aqiqat.api.lists import import_list
from aqiqat.api.register import Register
from aqiqat.web import create_app

KOSOVO = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "mse" / "kosovo_capture_patterns.csv"
HUGE = {"burn_in": 50_000, "samples": 10_000, "thin": 200, "chains": 4}
# an admin's whole budget (1,000,000 sweeps): seconds long with the compiled sampler (minutes with numpy)
LONG = {"burn_in": 50_000, "samples": 2_000, "thin": 100, "chains": 4}


def script(user: str) -> dict[str, str]:
    credentials = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    return {"Authorization": "Basic " + credentials, "X-Aqiqat-CSRF": "1"}


@pytest.fixture(scope="module")
def with_lists(web_register: Register, tmp_path_factory: pytest.TempPathFactory) -> Register:
    """Three victims lists in the register (LCMCR needs three): the estimate on the register's own lists takes
    sampler settings."""
    folder = tmp_path_factory.mktemp("lists")
    for source, names in (("ХРЦ", ["Ерлан Сапаров", "Асхат Нуров", "Дана Ким"]), ("КБПЧ", ["Ерлан Сапаров", "Бек Ли"]),
                          ("СМИ", ["Дана Ким", "Алия Омар"])):
        path = folder / f"{source}.csv"
        path.write_text("ФИО\n" + "\n".join(names) + "\n", encoding="utf-8")
        import_list(web_register, local_admin("setup"), path, source, {"name": "ФИО"})
    return web_register


def estimate(client: TestClient | httpx.Client, user: str, options: dict[str, int]) -> httpx.Response:
    return client.post("/api/v1/estimate", headers=script(user), json={"method": "lcmcr", "lcmcr": options})


def test_each_role_has_a_budget(with_lists: Register) -> None:
    client = TestClient(create_app(with_lists.settings, with_lists))
    refused = estimate(client, "viewer", HUGE)
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "these LCMCR settings need 8,200,000 sampler sweeps (chains × (burn_in + samples × thin)); "
        "viewer may run at most 60,000: lower them"
    )
    assert estimate(client, "admin", HUGE).status_code == 403  # no role may ask for that much
    assert estimate(client, "viewer", LONG).status_code == 403  # an admin's budget is not a viewer's
    # an ordinary estimate runs (in its own process) and answers as before
    done = client.post(
        "/api/v1/estimate", headers=script("viewer"), data={"method": "loglinear"},
        files={"patterns": ("kosovo.csv", KOSOVO.read_bytes(), "text/csv")},
    )
    assert done.status_code == 200 and round(done.json()["n_hat"], 1) == 14341.7


def test_a_job_over_its_time_limit_is_stopped(with_lists: Register) -> None:
    client = TestClient(create_app(with_lists.settings.with_(job_seconds=1), with_lists))
    started = time.monotonic()
    slow = estimate(client, "admin", LONG)
    assert slow.status_code == 503, slow.text
    assert slow.json()["detail"] == "the estimate took longer than 1 s and was stopped: lower its settings"
    assert time.monotonic() - started < 15


def test_a_job_stops_when_its_client_goes_away(with_lists: Register) -> None:
    app = create_app(with_lists.settings, with_lists)
    body = json.dumps({"method": "lcmcr", "lcmcr": LONG}).encode()
    with served(app) as base:
        host, port = base.removeprefix("http://").split(":")
        request = (
            f"POST /api/v1/estimate HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            + "".join(f"{k}: {v}\r\n" for k, v in script("admin").items())
            + "\r\n"
        ).encode() + body
        with socket.create_connection((host, int(port))) as conn:
            conn.sendall(request)
            deadline = time.monotonic() + 20
            while "admin" not in app.state.jobs and time.monotonic() < deadline:
                time.sleep(0.05)
            assert "admin" in app.state.jobs, "the job did not start"
            with httpx.Client(base_url=base, timeout=30) as other:  # one heavy job at a time per user
                second = estimate(other, "admin", LONG)
                assert second.status_code == 429 and "running already" in second.json()["detail"]
                assert other.get("/api/v1/me", headers=script("viewer")).status_code == 200  # pages still served
            assert "admin" in app.state.jobs, "the job ended before its client left: make it longer"
        gone = time.monotonic()
        while "admin" in app.state.jobs and time.monotonic() < gone + 10:
            time.sleep(0.05)
        assert "admin" not in app.state.jobs, "the job went on after its client left"
