"""The estimate page: two lists give Chapman with the dependence note, LCMCR refused, rows hidden from the reader
left out and counted, the model's words and errors in Russian, and a headline outside the threshold range
explained."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.web.conftest import PASSWORD, csrf_of, login
from tests.web.test_web_victims import MAP, write_lists

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.estimate import estimate_over_drawn_links
from aqiqat.api.linking import DRAW_FLOOR, link, queue
from aqiqat.api.lists import import_list, parse_column_map
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.store.tables import ListEntryRow
from aqiqat.web import create_app
from aqiqat.web.estimate_text import MESSAGES, translate
from aqiqat.web.formatting import Formatter
from aqiqat.web.i18n import load_catalogs

ADMIN = local_admin("statistician")
LISTS = {
    "МВД": ["Нургалиев Ерлан", "Абишева Салтанат", "Тлеубаева Айгерим", "Сапаров Арман"],
    "Правозащитники": ["Нургалиев Ерлан", "Касенов Бауыржан", "Ахметов Данияр"],
    "Свидетели": ["Жумабаев Нурлан", "Омарова Гульнара"],
}


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    """Three lists; one person on the first two; the third list's rows rest on a restricted person."""
    register = Register.initialise(Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"}))
    add_user(register, ADMIN, "analyst", "analyst", PASSWORD)
    for name, people in LISTS.items():
        path = tmp_path / f"{name}.csv"
        path.write_text("ФИО\n" + "\n".join(people) + "\n", encoding="utf-8")
        import_list(register, ADMIN, path, name, {"name": "ФИО"}, name=name)
    same = create(register, ADMIN, "person", {"display_name": "Нургалиев Ерлан", "surname": "Нургалиев"})
    witness = create(register, ADMIN, "person", {"display_name": "Жумабаев Нурлан", "surname": "Жумабаев",
                                                 "confidentiality": "restricted"})
    with register.unit(ADMIN) as unit:
        for entry in unit.session.scalars(select(ListEntryRow)):
            if entry.name == "Нургалиев Ерлан":
                entry.person_id = same["id"]
            elif entry.list_id == 3:
                entry.person_id = witness["id"]
    try:
        yield register
    finally:
        register.close()


def _client(reg: Register, lang: str) -> TestClient:
    client = TestClient(create_app(reg.settings, reg))
    assert login(client, "analyst").status_code == 303
    token = csrf_of(client.get("/lists").text)
    client.post("/language", data={"lang": lang, "next": "/lists", "csrf_token": token}, follow_redirects=False)
    return client


def test_two_visible_lists_give_chapman_in_russian_with_the_rows_left_out(reg: Register) -> None:
    page = _client(reg, "ru").get("/estimate", params={"method": "loglinear"})
    assert page.status_code == 200, page.text[:300]
    assert 'id="n-hat">9<' in page.text  # n1 = 4, n2 = 3, m = 1: 5 x 4 / 2 - 1
    assert "Два списка (Чапмен)" in page.text and "нельзя проверить зависимость" in page.text
    assert "2 строки списков скрыты от вас" in page.text
    assert "cannot test" not in page.text and "Chapman's Lincoln" not in page.text


def test_lcmcr_on_two_lists_is_refused_in_the_readers_language(reg: Register) -> None:
    form = _client(reg, "ru").get("/estimate")  # the analyst sees two lists: the form offers no LCMCR
    register_form = form.text.split('id="register-form"')[1].split("</form>")[0]
    assert re.search(r'value="lcmcr"[^>]*disabled', register_form)
    assert "LCMCR требует трёх списков или больше" in form.text
    page = _client(reg, "ru").get("/estimate", params={"method": "lcmcr"})
    assert page.status_code == 422
    assert "LCMCR требует не меньше трёх списков" in page.text and "at least three" not in page.text


def test_every_estimate_message_has_a_russian_translation() -> None:
    ru = Formatter("ru", load_catalogs().get("ru"))
    missing = [m for _, m in MESSAGES if ru.translations.gettext(m) == m]
    assert not missing, missing
    text = translate(ru, "stratum Алматы: the model 'all two-way interactions except A:B' did not converge (N is "
                         "not identifiable from these data)")
    assert text == "страта Алматы: Модель «все парные взаимодействия, кроме A:B» не сошлась: по этим данным итог " \
                   "не определяется."
    assert translate(ru, "an unknown message") == "an unknown message"


def test_a_headline_outside_the_threshold_range_is_explained(tmp_path: Path) -> None:
    register = Register.initialise(Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"}))
    add_user(register, ADMIN, "analyst", "analyst", PASSWORD)
    for path in write_lists(tmp_path):
        import_list(register, ADMIN, path, path.stem, parse_column_map(MAP))
    try:
        client = _client(register, "en")
        plain = client.get("/estimate/thresholds", params={"method": "loglinear"})
        found = re.search(r"Range of the estimate over these thresholds: ([\d,.]+) to ([\d,.]+)\.", plain.text)
        assert found, plain.text[:500]
        low, high = (float(v.replace(",", "")) for v in found.groups())
        inside = client.get("/estimate/thresholds",
                            params={"method": "loglinear", "headline": (low + high) / 2, "documented": 90})
        assert 'id="threshold-table"' in inside.text and 'id="headline-outside"' not in inside.text
        outside = client.get("/estimate/thresholds",
                             params={"method": "loglinear", "headline": high * 3, "documented": 90})
        assert 'id="headline-outside"' in outside.text
        assert "is higher than every estimate in this table" in outside.text
        assert "as linked after review in the merge queue (90 documented)" in outside.text
        below = client.get("/estimate/thresholds", params={"method": "loglinear", "headline": 1, "documented": 90})
        assert "is lower than every estimate in this table" in below.text
    finally:
        register.close()


def test_the_estimate_over_drawn_linkages_joins_the_pending_pairs(tmp_path: Path) -> None:
    register = Register.initialise(Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"}))
    add_user(register, ADMIN, "analyst", "analyst", PASSWORD)
    for path in write_lists(tmp_path):
        import_list(register, ADMIN, path, path.stem, parse_column_map(MAP))
    link(register, ADMIN)
    try:
        pending = queue(register, "pending", 10**6, floor=DRAW_FLOOR)  # under the review floor too
        assert pending
        client = _client(register, "en")
        page = client.get("/estimate", params={"method": "loglinear"})
        assert 'id="drawn-linkages"' in page.text and 'hx-get="/estimate/draws?method=loglinear' in page.text
        fragment = client.get("/estimate/draws", params={"method": "loglinear"})
        assert fragment.status_code == 200 and 'id="draws-table"' in fragment.text
        assert f"{len(pending)} pending pairs drawn." in fragment.text
        data = estimate_over_drawn_links(register, Principal("analyst", UserRole.ANALYST), 20)
        median = re.search(r'id="draws-median"><b>([\d,.]+)</b>', fragment.text)
        assert median and float(median.group(1).replace(",", "")) == pytest.approx(data["n_hat"]["median"], abs=0.05)
        ru = _client(register, "ru").get("/estimate/draws", params={"method": "loglinear"})
        assert "Медиана по 20 разыгранным связываниям" in ru.text and "Median of" not in ru.text
        assert client.get("/estimate/draws", params={"method": "chao"}).text.count('class="alert"') == 1
    finally:
        register.close()
