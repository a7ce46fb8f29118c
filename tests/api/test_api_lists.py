"""Importing a victims list: a file whose rows are already a list is refused, and a list the
importer may not see is never named. A list is kept at the level it was imported or reclassified at, and
never below its file's."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.lists import hidden_entry_count, import_list, list_entries, list_lists
from aqiqat.api.reclassify import reclassify_document, reclassify_list
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.store.tables import DocumentRow, ListEntryRow, PersonRow, SourceRow, VictimListRow

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
        reclassify_list(reg, ME, first.list_id, "restricted", "the list names witnesses")
        assert list_lists(reg, ANALYST) == []
        other = tmp_path / "other.csv"  # the same people, written by another compiler
        other.write_text(ROWS.replace(";", ","), encoding="utf-8")
        made = import_list(reg, ANALYST, other, "Медиа", {"name": "ФИО"})  # no word of the other
        assert made.imported == 2 and [row["id"] for row in list_lists(reg, ANALYST)] == [made.list_id]


def _entry_levels(reg: Register, list_id: int) -> list[str]:
    with reg.reading() as s:
        return sorted(s.scalars(select(ListEntryRow.confidentiality).where(ListEntryRow.list_id == list_id)))


def test_a_list_follows_its_file_up_and_stays_when_the_file_goes_down(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        made = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО", "age": "Возраст"})
        assert made.document_id is not None and made.level == "internal"
        person_id = create(reg, ME, "person", {"display_name": "Нургалиев Ерлан"})["id"]
        with reg.unit(ME) as unit:  # the person linked from the first row rests on the list too
            entry = unit.session.scalar(select(ListEntryRow).where(ListEntryRow.list_id == made.list_id,
                                                                   ListEntryRow.row_number == 2))
            assert entry is not None
            entry.person_id = person_id
        assert [row["entries"] for row in list_lists(reg, ANALYST)] == [2]

        reclassify_document(reg, ME, made.document_id, "restricted", "the families fear reprisals")
        assert list_lists(reg, ANALYST) == [] and hidden_entry_count(reg, ANALYST) == 2
        assert _entry_levels(reg, made.list_id) == ["restricted", "restricted"]
        with pytest.raises(NotFound):
            list_entries(reg, ANALYST, made.list_id)
        with reg.reading() as s:
            vlist = s.get(VictimListRow, made.list_id)
            assert vlist is not None and vlist.confidentiality == "restricted" and vlist.name == ""  # sealed
            assert "Нургалиев" not in " ".join(s.scalars(select(ListEntryRow.name)))
            assert s.get(PersonRow, person_id).confidentiality == "restricted"  # type: ignore[union-attr]
        assert [e["name"] for e in list_entries(reg, ME, made.list_id)] == ["Нургалиев Ерлан", "Абишева Салтанат"]

        reclassify_document(reg, ME, made.document_id, "internal", "the file itself holds no names now")
        assert list_lists(reg, ANALYST) == []  # lowering the file is not lowering the list
        with pytest.raises(Invalid, match="reason"):
            reclassify_list(reg, ME, made.list_id, "internal", " ")
        with pytest.raises(Forbidden):
            reclassify_list(reg, ANALYST, made.list_id, "internal", "the families agreed")
        opened = reclassify_list(reg, ME, made.list_id, "internal", "the families agreed to publication")
        assert opened["confidentiality"] == "internal" and opened["entries"] == {"internal": 2}
        assert [e["name"] for e in list_entries(reg, ANALYST, made.list_id)] == ["Нургалиев Ерлан",
                                                                                "Абишева Салтанат"]


def test_a_list_never_goes_below_its_file(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        made = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО"}, level="restricted")
        assert made.level == "restricted" and made.document_id is not None and made.name == "list"  # not blank
        with reg.reading() as s:
            doc = s.get(DocumentRow, made.document_id)
            assert doc is not None and doc.confidentiality == "restricted"
        assert _entry_levels(reg, made.list_id) == ["restricted", "restricted"]
        with pytest.raises(Invalid, match=f"document {made.document_id}, kept restricted"):
            reclassify_list(reg, ME, made.list_id, "internal", "a mistake")
        with pytest.raises(Invalid, match="already restricted"):
            reclassify_list(reg, ME, made.list_id, "restricted", "again")
        with pytest.raises(NotFound):
            reclassify_list(reg, ME, 999, "internal", "no such list")


def test_a_restricted_file_makes_a_restricted_list_whoever_imports_it(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        first = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО"}, level="restricted")
        made = import_list(reg, ANALYST, _file(tmp_path, "copy.csv"), "Медиа", {"name": "ФИО"})
        assert made.list_id != first.list_id and made.level == "restricted"
        assert list_lists(reg, ANALYST) == [] and _entry_levels(reg, made.list_id) == ["restricted", "restricted"]


def test_a_file_kept_lower_is_not_imported_higher_and_no_one_imports_above_clearance(
    settings: Settings, tmp_path: Path
) -> None:
    with Register.initialise(settings) as reg:
        made = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО"})
        with pytest.raises(Invalid, match=f"already document {made.document_id}, kept internal; raise it first"):
            import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО"}, again=True, level="restricted")
        with pytest.raises(Forbidden, match="above their clearance"):
            import_list(reg, ANALYST, _file(tmp_path, "b.csv"), "Медиа", {"name": "ФИО"}, level="restricted")
        with pytest.raises(Invalid, match="not a level"):
            import_list(reg, ME, _file(tmp_path, "c.csv"), "Медиа", {"name": "ФИО"}, level="secret")
        assert [row["id"] for row in list_lists(reg, ME)] == [made.list_id]


def test_a_list_left_below_its_file_by_an_older_aqiqat_is_raised_when_the_register_is_initialised(
    settings: Settings, tmp_path: Path
) -> None:
    with Register.initialise(settings) as reg:
        made = import_list(reg, ME, _file(tmp_path), "Центр", {"name": "ФИО"})
        assert made.document_id is not None
        reclassify_document(reg, ME, made.document_id, "restricted", "the list names witnesses")
        with reg.engine.begin() as conn:  # the state an older Aqiqat left: the list and its rows still internal
            conn.execute(update(VictimListRow).values(confidentiality="internal", sealed=None, name="list"))
            for row_number, name in ((2, "Нургалиев Ерлан"), (3, "Абишева Салтанат")):
                conn.execute(update(ListEntryRow).where(ListEntryRow.row_number == row_number)
                             .values(confidentiality="internal", sealed=None, name=name))
        assert [row["entries"] for row in list_lists(reg, ANALYST)] == [2]
    with Register.initialise(settings) as reg:  # `aqiqat init`, as after an upgrade
        assert list_lists(reg, ANALYST) == [] and _entry_levels(reg, made.list_id) == ["restricted", "restricted"]
        assert [e["name"] for e in list_entries(reg, ME, made.list_id)] == ["Нургалиев Ерлан", "Абишева Салтанат"]
        with reg.reading() as s:
            assert "Нургалиев" not in " ".join(s.scalars(select(ListEntryRow.name)))
        assert reg.lists_follow_their_files() == 0  # once


def test_a_restricted_list_keeps_its_source_sealed(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        made = import_list(reg, ME, _file(tmp_path), "Семья Досжановых", {"name": "ФИО"}, name="Семьи",
                           level="restricted")
        with reg.reading() as s:
            sources = list(s.scalars(select(SourceRow)))
            assert len(sources) == 1 and sources[0].confidentiality == "restricted"  # one source, sealed
            assert all("Досжанов" not in str(row.name) for row in sources)
            vlist = s.get(VictimListRow, made.list_id)
            assert vlist is not None and vlist.source_id == sources[0].id
        assert [row["source"] for row in list_lists(reg, ME)] == ["Семья Досжановых"]  # opened for the cleared
        with pytest.raises(Invalid, match=r"already list \d+ \(Семьи\)"):  # named, not by its sealed blank
            import_list(reg, ME, _file(tmp_path, "again.csv"), "Семья Досжановых", {"name": "ФИО"},
                        level="restricted")
        second = import_list(reg, ME, _file(tmp_path, "other.csv").with_name("other.csv"), "Семья Досжановых",
                             {"name": "ФИО"}, level="restricted", again=True)
        with reg.reading() as s:
            assert len(list(s.scalars(select(SourceRow)))) == 1  # found again by its sealed name
            assert s.get(VictimListRow, second.list_id).source_id == vlist.source_id  # type: ignore[union-attr]
