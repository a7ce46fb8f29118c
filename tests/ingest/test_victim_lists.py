"""Victims lists from CSV (utf-8, cp1251; comma, semicolon, tab) and XLSX files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from aqiqat.domain.enums import Sex
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.victim_lists import entries_as_records, parse_date, read_victim_list

ROWS = [
    ["№", "ФИО", "Возраст", "Пол", "Дата гибели", "Место", "Обстоятельства"],
    ["1", "Нургалиев Ерлан Касымович", "34", "м", "05.01.2022", "Алматы", "огнестрельное ранение"],
    ["2", "Тлеубаева Айгерим", "27 лет", "ж", "6 января 2022 г.", "Талдыкорган", ""],
    ["3", "", "40", "м", "05.01.2022", "Алматы", "имя не установлено"],
    ["4", "Ахметов Серик", "сорок", "м", "05.01.2022", "Алматы", ""],
    ["5", "Касымов Бауыржан", "130", "м", "05.01.2022", "Тараз", ""],
    ["6", "Жумабаев Нурлан", "19", "м", "31.02.2022", "Шымкент", ""],
    ["7", "Сапаргалиева Динара", "", "ж", "2022-01-07", "Алматы", ""],
]
MAP = {"name": "ФИО", "age": "Возраст", "sex": "Пол", "date": "Дата гибели", "place": "Место",
       "cause": "Обстоятельства"}


def _write_csv(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> Path:
    text = "\r\n".join(delimiter.join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(("delimiter", "encoding", "expected"),
                         [(",", "utf-8", "utf-8"), (";", "cp1251", "cp1251"),
                          ("\t", "utf-8-sig", "utf-8-sig")])
def test_csv_rows_become_entries_and_bad_rows_are_reported(
    tmp_path: Path, delimiter: str, encoding: str, expected: str
) -> None:
    path = _write_csv(tmp_path / "list.csv", ROWS, delimiter, encoding)
    read = read_victim_list(path, MAP)
    assert read.encoding == expected and read.delimiter == delimiter
    assert [e.row_number for e in read.entries] == [2, 3, 5, 6, 7, 8]  # only the row without a name is refused
    first, second, *_, last = read.entries
    assert first.name == "Нургалиев Ерлан Касымович" and first.age == 34 and first.sex is Sex.MALE
    assert first.event_date == date(2022, 1, 5) and first.place_text == "Алматы"
    assert first.cause == "огнестрельное ранение" and first.raw["№"] == "1" and first.list_id == 0
    assert second.age == 27 and second.sex is Sex.FEMALE and second.event_date == date(2022, 1, 6)
    assert last.age is None and last.event_date == date(2022, 1, 7)
    assert [(e.row_number, e.message) for e in read.errors] == [(4, "no name")]
    flags = {e.row_number: e.message for e in read.flags}
    assert set(flags) == {5, 6, 7}
    assert "not a number" in flags[5] and "Возраст" in flags[5]
    assert "outside 0–120" in flags[6]
    assert "cannot be read" in flags[7] and "31.02.2022" in flags[7]
    kept = {e.row_number: e for e in read.entries}
    assert kept[5].name == "Ахметов Серик" and kept[5].age is None and kept[5].raw["Возраст"] == "сорок"
    assert kept[6].age is None and kept[6].event_date == date(2022, 1, 5)
    assert kept[7].event_date is None and kept[7].date_text == "31.02.2022" and kept[7].age == 19


def test_xlsx_with_excel_dates_and_split_names(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Фамилия", "Имя", "Отчество", "Год рождения", "Дата", "Город"])
    ws.append(["Нургалиев", "Ерлан", "Касымович", 1988, datetime(2022, 1, 5), "Алматы"])
    ws.append(["Тлеубаева", "Айгерим", None, 2094, datetime(2022, 1, 6), "Талдыкорган"])
    ws.append([None, None, None, None, None, None])
    ws.append(["Ким", "Сергей", None, "1975", "07.01.2022", "Алматы"])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    read = read_victim_list(path, {"surname": "Фамилия", "given_name": "Имя", "patronymic": "Отчество",
                                   "birth_year": "Год рождения", "date": "Дата", "place": "Город"})
    assert [(e.row_number, e.name, e.birth_year, e.event_date) for e in read.entries] == [
        (2, "Нургалиев Ерлан Касымович", 1988, date(2022, 1, 5)),
        (3, "Тлеубаева Айгерим", None, date(2022, 1, 6)),
        (5, "Ким Сергей", 1975, date(2022, 1, 7)),
    ]
    assert not read.errors and len(read.flags) == 1 and read.flags[0].row_number == 3
    assert "in the future" in read.flags[0].message
    records = entries_as_records(read.entries, "ngo")
    assert records[0]["unique_id"] == "ngo:2" and records[0]["birth_year"] == 1988


def test_a_header_the_file_lacks_is_one_error_for_the_file(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "list.csv", ROWS, ",", "utf-8")
    with pytest.raises(IngestError, match="no such column.*age=Age"):
        read_victim_list(path, {"name": "ФИО", "age": "Age"})
    with pytest.raises(IngestError, match="unknown field.*height"):
        read_victim_list(path, {"name": "ФИО", "height": "Рост"})
    with pytest.raises(IngestError, match="unsupported list format"):
        read_victim_list(tmp_path / "list.pdf", {"name": "ФИО"})
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match="empty"):
        read_victim_list(empty, {"name": "ФИО"})


DATES = [
    ("5 января 2022", date(2022, 1, 5)),
    ("12 мая 2022 г.", date(2022, 5, 12)),
    ("5/1/22", date(2022, 1, 5)),
    ("05.01.2022 ж.", date(2022, 1, 5)),
    ("5 қаңтар 2022", date(2022, 1, 5)),  # Kazakh
    ("5 қаңтар 2022 ж.", date(2022, 1, 5)),
    ("2022 жылғы 5 қаңтар", date(2022, 1, 5)),
    ("2022 жылғы 5-ші қаңтар", date(2022, 1, 5)),
    ("6-шы қаңтар 2022", date(2022, 1, 6)),
    ("5 кантар 2022", date(2022, 1, 5)),  # Kazakh letters typed as Russian ones
    ("12 мамыр 2022", date(2022, 5, 12)),
    ("1 желтоқсан 2021", date(2021, 12, 1)),
    ("Jan 5, 2022", date(2022, 1, 5)),  # English
    ("January 5, 2022", date(2022, 1, 5)),
    ("Jan. 5 2022", date(2022, 1, 5)),
    ("5 January 2022", date(2022, 1, 5)),
    ("December 16th, 2021", date(2021, 12, 16)),
    ("в январе", None),
    ("31.02.2022", None),  # no such day
    ("5 кантарь 2022", None),
    ("Janvier 5, 2022", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_date_forms(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


AGES = [("32", 32), ("32 года", 32), ("32 жаста", 32), ("32 жасында", 32), ("32 years old", 32), ("32.0", 32)]


@pytest.mark.parametrize(("text", "expected"), AGES)
def test_age_forms(tmp_path: Path, text: str, expected: int) -> None:
    path = _write_csv(tmp_path / "list.csv", [["ФИО", "Возраст"], ["Сапаров Саят", text]], ",", "utf-8")
    read = read_victim_list(path, {"name": "ФИО", "age": "Возраст"})
    assert read.entries[0].age == expected and not read.flags
