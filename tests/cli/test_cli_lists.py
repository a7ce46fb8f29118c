"""`aqiqat lists preview` and `aqiqat lists import` without --map: the mapping comes from the file's headers;
rows with a bad cell are kept and flagged."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.lists import list_entries, list_lists
from aqiqat.api.register import Register
from aqiqat.cli.main import app
from aqiqat.config import Settings

ROWS = ["ФИО;Возраст;Пол;Дата гибели", "Нургалиев Ерлан;34;м;07.01.2022", "Абишева Салтанат;сто;ж;",
        ";40;м;", "Тлеубаева Айгерим;22;ж;вчера"]


def _run(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args],
                                env={"AQIQAT_DATABASE_URL": "", "AQIQAT_USER": "tester", "COLUMNS": "150"})
    return result.exit_code, result.stdout, result.stderr


def _file(tmp_path: Path, rows: list[str] = ROWS) -> Path:
    path = tmp_path / "список.csv"
    path.write_text("\n".join(rows) + "\n", encoding="cp1251")
    return path


def test_preview_shows_the_suggested_mapping_and_the_first_rows(tmp_path: Path) -> None:
    path = _file(tmp_path)
    code, out, err = _run(tmp_path / "reg", "lists", "preview", str(path), "--rows", "2")
    assert code == 0, err
    assert "--map 'name=ФИО,age=Возраст,sex=Пол,date=Дата гибели'" in out
    assert "Нургалиев Ерлан" in out and "Абишева Салтанат" in out and "Тлеубаева" not in out
    code, out, _ = _run(tmp_path / "reg", "lists", "preview", str(path), "--json")
    data = json.loads(out)
    assert data["headers"] == ["ФИО", "Возраст", "Пол", "Дата гибели"] and data["total_rows"] == 4
    assert data["suggested"]["date"] == "Дата гибели" and data["usable"] is True


def test_import_without_a_map_uses_the_headers_and_keeps_rows_with_a_bad_cell(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})).close()
    code, out, err = _run(data, "lists", "import", str(_file(tmp_path)), "--source", "Правозащитный центр")
    assert code == 0, err
    assert "columns from the file's headers: --map 'name=ФИО,age=Возраст,sex=Пол,date=Дата гибели'" in err
    assert "3 entries imported (2 cells flagged for review), 1 rows refused" in out
    assert "row 3 kept, flagged" in err and "row 5 kept, flagged" in err and "row 4 refused" in err
    with Register.open(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        me = local_admin("tester")
        (only,) = list_lists(reg, me)
        entries = list_entries(reg, me, only["id"])
    assert [e["name"] for e in entries] == ["Нургалиев Ерлан", "Абишева Салтанат", "Тлеубаева Айгерим"]
    assert entries[1]["age"] is None and entries[1]["raw"]["Возраст"] == "сто"


def test_import_refuses_a_file_whose_headers_name_no_name_column(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})).close()
    path = _file(tmp_path, ["колонка 1;колонка 2", "Нургалиев Ерлан;34"])
    code, _, err = _run(data, "lists", "import", str(path), "--source", "X")
    assert code == 2 and "no column looks like the name" in err
