"""The lists page: the column mapping chosen from the file's headers with a preview of the first rows; rows with
a bad cell imported and the cell flagged, on the import result and on the list's page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, csrf_of, login

from aqiqat.api.access import local_admin
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.web import create_app

CSV = "\n".join(["Фамилия;Имя;Возраст;Дата гибели;Город", "Нургалиев;Ерлан;34;07.01.2022;Талдыкорган",
                 "Абишева;Салтанат;сто;;Алматы", "Тлеубаева;Айгерим;22;вчера;Алматы"]).encode("cp1251")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    reg = Register.initialise(Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"}))
    add_user(reg, local_admin("setup"), "editor", "editor", PASSWORD)
    try:
        client = TestClient(create_app(reg.settings, reg))
        assert login(client, "editor").status_code == 303
        token = csrf_of(client.get("/lists").text)
        client.post("/language", data={"lang": "ru", "next": "/lists", "csrf_token": token})
        yield client
    finally:
        reg.close()


def _selected(html: str, field: str) -> str | None:
    select = re.search(rf'<select name="map_{field}".*?</select>', html, re.DOTALL)
    assert select, field
    chosen = re.search(r'<option value="([^"]*)" selected>', select.group(0))
    return chosen.group(1) if chosen else None


def test_the_preview_offers_the_mapping_from_the_headers_with_the_first_rows(client: TestClient) -> None:
    token = csrf_of(client.get("/lists").text)
    res = client.post("/lists/preview", data={"csrf_token": token}, files={"file": ("список.csv", CSV, "text/csv")},
                      headers={"HX-Request": "true"})
    assert res.status_code == 200, res.text[:300]
    assert 'id="preview-rows"' in res.text and "Нургалиев" in res.text and "Тлеубаева" in res.text
    assert _selected(res.text, "surname") == "Фамилия" and _selected(res.text, "given_name") == "Имя"
    assert _selected(res.text, "age") == "Возраст" and _selected(res.text, "date") == "Дата гибели"
    assert _selected(res.text, "place") == "Город" and _selected(res.text, "name") is None
    assert "<html" not in res.text  # a fragment for htmx
    page = client.post("/lists/preview", data={"csrf_token": token, "source": "Центр"},
                       files={"file": ("список.csv", CSV, "text/csv")})
    assert "<html" in page.text and 'id="preview-rows"' in page.text and 'value="Центр"' in page.text


def test_import_with_the_chosen_columns_keeps_rows_with_a_bad_cell_and_flags_it(client: TestClient) -> None:
    token = csrf_of(client.get("/lists").text)
    form = {"csrf_token": token, "source": "Правозащитный центр", "map_surname": "Фамилия", "map_given_name": "Имя",
            "map_age": "Возраст", "map_date": "Дата гибели", "map_place": "Город"}
    res = client.post("/lists", data=form, files={"file": ("список.csv", CSV, "text/csv")})
    assert res.status_code == 200, res.text[:300]
    assert 'id="flagged-cells"' in res.text and "3 записи" in res.text
    flagged = re.search(r'id="flagged-cells".*?</table>', res.text, re.DOTALL)
    assert flagged and "<td class=\"num\">3</td>" in flagged.group(0) and "<td class=\"num\">4</td>" in flagged.group(0)
    list_id = re.search(r'href="/lists/(\d+)"', res.text)
    assert list_id
    entries = client.get(f"/lists/{list_id.group(1)}").text
    assert entries.count('class="flagged"') == 2 and "сто" in entries and "вчера" in entries


def test_import_without_any_mapping_uses_the_headers(client: TestClient) -> None:
    token = csrf_of(client.get("/lists").text)
    res = client.post("/lists", data={"csrf_token": token, "source": "Центр"},
                      files={"file": ("список.csv", CSV, "text/csv")})
    assert res.status_code == 200 and "3 записи" in res.text


def test_every_string_of_the_preview_is_translated_to_russian() -> None:
    from babel.messages.extract import extract_from_file

    from aqiqat.web.i18n import load_catalogs

    ru = load_catalogs().get("ru")
    template = Path(__file__).resolve().parents[2] / "src" / "aqiqat" / "web" / "templates" / "partials"
    messages = [m if isinstance(m, str) else m[0]
                for _, m, _, _ in extract_from_file("jinja2.ext:babel_extract", str(template / "list_preview.html"))]
    assert len(messages) >= 4
    assert not [m for m in messages if ru.gettext(m) == m]
