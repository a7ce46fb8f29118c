"""The estimate from the register counts only the list rows the reader may see, and says how many it left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.estimate import register_memberships
from aqiqat.api.lists import import_list
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.store.tables import ListEntryRow
from aqiqat.web.routes.estimate import estimate_register

ADMIN = local_admin("statistician")
ANALYST = Principal("analyst", UserRole.ANALYST)
LISTS = {
    "МВД": ["Нургалиев Ерлан", "Абишева Салтанат", "Тлеубаева Айгерим", "Сапаров Арман"],
    "Правозащитники": ["Нургалиев Ерлан", "Касенов Бауыржан", "Ахметов Данияр"],
    "Свидетели": ["Жумабаев Нурлан", "Омарова Гульнара"],
}


@pytest.fixture
def reg(sqlite_settings: Settings, tmp_path: Path) -> Register:
    register = Register.initialise(sqlite_settings)
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
                entry.person_id = same["id"]  # one person on the first two lists
            elif entry.list_id == 3:
                entry.person_id = witness["id"]  # the third list's rows rest on a restricted person
    return register


def test_the_admin_counts_every_row(reg: Register) -> None:
    people, left_out = register_memberships(reg, ADMIN)
    assert left_out == 0 and len(people) == 4 + 3 + 1 - 1  # the third list's rows are one restricted person


def test_an_analyst_counts_only_what_they_may_see_and_is_told_what_was_left_out(reg: Register) -> None:
    people, left_out = register_memberships(reg, ANALYST)
    assert left_out == 2
    assert set().union(*people.values()) == {"МВД", "Правозащитники"}
    result = estimate_register(reg, ANALYST, "loglinear", "bic")
    assert result["left_out"] == 2 and result["n_observed"] == 6
    # two lists seen: n1 = 4, n2 = 3, m = 1, Chapman (5 x 4) / 2 - 1 = 9
    assert result["method"] == "chapman" and result["n_hat"] == pytest.approx(9.0)
