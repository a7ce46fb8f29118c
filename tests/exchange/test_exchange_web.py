"""Exports, reports and imports over HTTP and from the pages' buttons, as a viewer and as an editor."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.web import create_app
from tests.exchange.sample_register import SECRET_SURNAME, Sample, build
from tests.web.conftest import PASSWORD, csrf_of, login

ACLED = ("event_id_cnty,event_date,sub_event_type,location,latitude,longitude,country,actor1,inter1,source,fatalities\n"
         "KAZ77,2022-01-08,Arrests,Жанаозен,43.34,52.86,Kazakhstan,Police,State forces,Azattyq,0\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, TestClient], Sample]]:
    data = tmp_path_factory.mktemp("exchange-web") / "data"
    reg = Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"}))
    sample = build(reg)
    for role in ("viewer", "editor"):
        add_user(reg, local_admin("setup"), role, role, PASSWORD)
    app = create_app(reg.settings, reg)
    clients = {}
    for role in ("viewer", "editor"):
        c = TestClient(app)
        assert login(c, role).status_code == 303
        clients[role] = c
    yield clients, sample
    for c in clients.values():
        c.close()
    reg.close()


def test_buttons_lead_to_redacted_files(site: tuple[dict[str, TestClient], Sample], tmp_path: Path) -> None:
    clients, sample = site
    viewer = clients["viewer"]
    page = viewer.get(f"/events/{sample.events[0]}").text
    report = re.search(r'href="(/api/v1/reports/event\?ref=\d+&amp;format=pdf[^"]*)"', page)
    assert report, "no report button on the event page"
    pdf = viewer.get(report.group(1).replace("&amp;", "&"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and pdf.headers["x-content-sha256"]
    (tmp_path / "r.pdf").write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Обстрел" in text and SECRET_SURNAME not in text
    events_page = viewer.get("/events").text
    for fmt in ("acled", "geojson", "uwazi", "hxl", "xlsx", "popolo"):
        assert f'href="/api/v1/export/{fmt}' in events_page
    acled = viewer.get("/api/v1/export/acled")
    assert acled.status_code == 200 and SECRET_SURNAME not in acled.text
    assert len(list(csv.DictReader(io.StringIO(acled.text)))) == 2
    assert "/api/v1/reports/period" in viewer.get("/counts").text
    assert viewer.get("/api/v1/export/nonsense").status_code == 422
    assert viewer.get("/api/v1/reports/event?ref=999999").status_code == 404


def test_import_preview_then_confirm(site: tuple[dict[str, TestClient], Sample]) -> None:
    clients, _ = site
    viewer, editor = clients["viewer"], clients["editor"]
    files = {"file": ("acled.csv", ACLED.encode(), "text/csv")}
    token = csrf_of(editor.get("/exchange").text)
    refused = viewer.post("/api/v1/import/acled", files=files, headers={"X-CSRF-Token": token})
    assert refused.status_code in (401, 403)
    page = editor.post("/exchange/import", data={"fmt": "acled", "csrf_token": token}, files=files)
    assert page.status_code == 200 and "1 " in page.text and "Confirm" in page.text
    assert "Жанаозен" not in editor.get("/events").text  # nothing written yet
    sha = re.search(r'name="sha" value="([0-9a-f]{64})"', page.text)
    assert sha
    done = editor.post("/exchange/confirm", data={"sha": sha.group(1), "fmt": "acled", "name": "acled.csv",
                                                   "level": "internal", "csrf_token": token})
    assert done.status_code == 200 and "1 created" in done.text.replace("</strong> ", "")
    assert "Жанаозен" in editor.get("/events").text
    api = editor.post("/api/v1/import/acled", files=files, data={"confirm": "true"},
                      headers={"X-CSRF-Token": token})
    assert api.status_code == 200 and api.json()["unchanged"] == 1
