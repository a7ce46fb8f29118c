"""Importing a victims list: a file whose rows are already a list is refused, and a list the
importer may not see is never named."""

from __future__ import annotations

from pathlib import Path

import pytest

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.errors import Invalid
from aqiqat.api.lists import import_list, list_lists
from aqiqat.api.reclassify import reclassify_document
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.store.tables import VictimListRow

ME = local_admin("editor")
ANALYST = Principal("analyst", UserRole.ANALYST)  # may import, may not see restricted lists
ROWS = "ФИО;Возраст\nНургалиев Ерлан;34\nАбишева Салтанат;27\n"


def _file(tmp_path: Path, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(ROWS, encoding="utf-8")
    return path


def test_the_same_rows_twice_are_refused_and_nothing_is_added(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        first = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО", "age": "Возраст"})
        with pytest.raises(Invalid, match=f"already list {first.list_id} "):
            import_list(reg, ME, _file(tmp_path, "again.csv"), "Медиа", {"name": "ФИО"})
        assert [row["id"] for row in list_lists(reg, ME)] == [first.list_id]
        second = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО", "age": "Возраст"}, again=True)
        assert second.list_id != first.list_id and second.imported == 2


def test_a_list_the_importer_may_not_see_is_not_named(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        first = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО", "age": "Возраст"})
        assert first.document_id is not None
        reclassify_document(reg, ME, first.document_id, "restricted", "the list names witnesses")
        with reg.unit(ME) as unit:  # the list itself restricted (its rows follow it)
            unit.session.get(VictimListRow, first.list_id).confidentiality = "restricted"
        assert list_lists(reg, ANALYST) == []
        made = import_list(reg, ANALYST, _file(tmp_path), "Медиа", {"name": "ФИО"})  # no word of the other
        assert made.imported == 2 and [row["id"] for row in list_lists(reg, ANALYST)] == [made.list_id]
