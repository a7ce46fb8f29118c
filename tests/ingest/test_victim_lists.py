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
    assert [e.row_number for e in read.entries] == [2, 3, 8]
    first, second, last = read.entries
    assert first.name == "Нургалиев Ерлан Касымович" and first.age == 34 and first.sex is Sex.MALE
    assert first.event_date == date(2022, 1, 5) and first.place_text == "Алматы"
    assert first.cause == "огнестрельное ранение" and first.raw["№"] == "1" and first.list_id == 0
    assert second.age == 27 and second.sex is Sex.FEMALE and second.event_date == date(2022, 1, 6)
    assert last.age is None and last.event_date == date(2022, 1, 7)
    errors = {e.row_number: e.message for e in read.errors}
    assert set(errors) == {4, 5, 6, 7}
    assert errors[4] == "no name"
    assert "not a number" in errors[5] and "Возраст" in errors[5]
    assert "outside 0–120" in errors[6]
    assert "cannot be read" in errors[7] and "31.02.2022" in errors[7]


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
        (5, "Ким Сергей", 1975, date(2022, 1, 7)),
    ]
    assert len(read.errors) == 1 and read.errors[0].row_number == 3
    assert "in the future" in read.errors[0].message
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


def test_date_forms() -> None:
    assert parse_date("5 января 2022") == date(2022, 1, 5)
    assert parse_date("12 мая 2022 г.") == date(2022, 5, 12)
    assert parse_date("5/1/22") == date(2022, 1, 5)
    assert parse_date("в январе") is None
