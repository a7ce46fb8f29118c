"""The column mapping suggested from a list's own headers, and the preview of its first rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.list_preview import preview_victim_list, suggest_mapping


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["№", "ФИО", "Возраст", "Пол", "Дата гибели", "Место гибели", "Примечание"],
         {"name": "ФИО", "age": "Возраст", "sex": "Пол", "date": "Дата гибели", "place": "Место гибели",
          "notes": "Примечание"}),
        (["Фамилия", "Имя", "Отчество", "Год рождения", "Город"],
         {"surname": "Фамилия", "given_name": "Имя", "patronymic": "Отчество", "birth_year": "Год рождения",
          "place": "Город"}),
        (["Аты-жөні", "Жасы", "Жынысы", "Күні", "Орны"],
         {"name": "Аты-жөні", "age": "Жасы", "sex": "Жынысы", "date": "Күні", "place": "Орны"}),
        (["Full name", "Age", "Gender", "Date of death", "Location", "Cause of death"],
         {"name": "Full name", "age": "Age", "sex": "Gender", "date": "Date of death", "place": "Location",
          "cause": "Cause of death"}),
        (["ФИО", "Фамилия", "Дата"], {"name": "ФИО", "date": "Дата"}),
        (["колонка 1", "колонка 2"], {}),
    ],
)
def test_suggested_mapping(headers: list[str], expected: dict[str, str]) -> None:
    assert suggest_mapping(headers) == expected


def test_csv_preview_in_cp1251_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    rows = ["ФИО;Возраст;Дата гибели", "Нургалиев Ерлан;34;07.01.2022", ";;", "Абишева Салтанат;сто;",
            "Тлеубаева Айгерим;22"] + [f"Человек {i};{20 + i};" for i in range(10)]
    path.write_text("\n".join(rows) + "\n", encoding="cp1251")
    preview = preview_victim_list(path, rows=3)
    assert preview.headers == ["ФИО", "Возраст", "Дата гибели"]
    assert preview.rows == [["Нургалиев Ерлан", "34", "07.01.2022"], ["Абишева Салтанат", "сто", ""],
                            ["Тлеубаева Айгерим", "22", ""]]
    assert preview.total_rows == 13 and preview.encoding == "cp1251" and preview.delimiter == ";"
    assert preview.suggested == {"name": "ФИО", "age": "Возраст", "date": "Дата гибели"}


def test_xlsx_preview(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["Тегі", "Аты", "Жасы"])
    sheet.append(["Нургалиев", "Ерлан", 34])
    wb.save(path)
    preview = preview_victim_list(path)
    assert preview.rows == [["Нургалиев", "Ерлан", "34"]]
    assert preview.suggested == {"surname": "Тегі", "given_name": "Аты", "age": "Жасы"}


def test_an_empty_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(IngestError, match="empty"):
        preview_victim_list(path)
