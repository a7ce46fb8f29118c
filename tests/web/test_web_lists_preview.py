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
    # each flagged cell with its column, its value as written and why, in the interface's language
    cells = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)</td><td><span class="flagged">([^<]*)</span></td>'
                       r"<td>([^<]*)</td></tr>", flagged.group(0))
    assert cells == [("3", "Возраст", "сто", "возраст — не число"), ("4", "Дата гибели", "вчера",
                                                                        "дату не удалось прочитать")]
    # the list's page marks the two rows for review, and can show only them
    assert entries.count('class="to-review"') == 2 and 'id="to-review"' in entries
    assert "В 2 строках есть ячейка, которую не удалось прочитать" in entries
    only = client.get(f"/lists/{list_id.group(1)}?review=1").text
    assert only.count('<tr id="e-') == 2 and "Нургалиев" not in only and "Абишева" in only and "Тлеубаева" in only


def test_dates_in_kazakh_russian_and_english_are_read_and_the_api_says_which_cell_was_not(
    client: TestClient,
) -> None:
    rows = ["ФИО,Дата гибели,Год рождения", "Нургалиев Ерлан,5 қаңтар 2022,1988",
            "Абишева Салтанат,5 января 2022 г.,1995",
            "Тлеубаев Серик,\"Jan 5, 2022\",1981", "Касымов Даурен,5 January 2022,2003",
            "Исаева Гульмира,2022 жылғы 6 қаңтар,1970", "Мусин Арман,пятое января,19 восемьдесят"]
    token = csrf_of(client.get("/lists").text)
    res = client.post("/api/v1/lists", data={"source": "Центр", "columns": "name=ФИО,date=Дата гибели,"
                                             "birth_year=Год рождения"},
                      files={"file": ("даты.csv", "\n".join(rows).encode(), "text/csv")},
                      headers={"X-CSRF-Token": token})
    assert res.status_code == 200, res.text[:300]
    body = res.json()
    assert body["imported"] == 6 and body["errors"] == []
    assert [(c["row"], c["column"], c["value"], c["reason"]) for c in body["flagged"]] == [
        (7, "Год рождения", "19 восемьдесят", "birth_year_not_a_year"),
        (7, "Дата гибели", "пятое января", "date_unreadable")]
    entries = client.get(f"/api/v1/lists/{body['list_id']}/entries").json()
    assert [e["event_date"] for e in entries] == ["2022-01-05"] * 4 + ["2022-01-06", None]


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
