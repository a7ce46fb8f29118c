"""`aqiqat lists preview` and `aqiqat lists import` without --map: the mapping comes from the file's headers;
rows with a bad cell are kept and flagged."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.lists import list_entries, list_lists
from aqiqat.api.register import Register
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.store.tables import ListEntryRow

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
    flagged = [" ".join(line.split()) for line in err.splitlines() if "kept, flagged" in line]
    assert flagged == ["row 3 kept, flagged: column 'Возраст', value 'сто': the age is not a number",
                       "row 5 kept, flagged: column 'Дата гибели', value 'вчера': the date cannot be read"]
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


def test_dates_in_kazakh_russian_and_english_are_read_and_an_unreadable_one_is_flagged(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})).close()
    path = tmp_path / "dates.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["ФИО", "Күні", "Жасы"], ["Нұрланұлы Дәурен", "5 қаңтар 2022", "27 жаста"],
                ["Ибраев Даурен", "5 января 2022 г.", "27"], ["Islamkyzy Gulnar", "Jan 5, 2022", "32"],
                ["Исламкызы Гульнар", "5 January 2022", "32 лет"], ["Сапаров Саят", "5-ші қаңтар 2022 ж.", "отыз"],
                ["Цой Виктор", "35 қаңтар 2022", "41"]):
        sheet.append(row)
    book.save(path)
    code, out, err = _run(data, "lists", "import", str(path), "--source", "Медиа", "--map",
                          "name=ФИО,date=Күні,age=Жасы")
    assert code == 0, err
    assert "6 entries imported (2 cells flagged for review), 0 rows refused" in out
    flagged = [" ".join(line.split()) for line in err.splitlines() if "kept, flagged" in line]
    assert flagged == ["row 6 kept, flagged: column 'Жасы', value 'отыз': the age is not a number",
                       "row 7 kept, flagged: column 'Күні', value '35 қаңтар 2022': the date cannot be read"]
    with Register.open(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        me = local_admin("tester")
        entries = list_entries(reg, me, list_lists(reg, me)[0]["id"])
    assert [str(e["event_date"]) for e in entries] == ["2022-01-05"] * 5 + ["None"]
    assert [e["age"] for e in entries] == [27, 27, 32, 32, None, 41]
    assert entries[5]["date_text"] == "35 қаңтар 2022" and entries[4]["raw"]["Жасы"] == "отыз"


PEOPLE = [("Нургалиев Ерлан", 34, "1988", "07.01.2022", "Талдыкорган"),
          ("Абишева Салтанат", 27, "1995", "06.01.2022", "Алматы"),
          ("Тлеубаев Серик", 41, "1981", "05.01.2022", "Алматы"),
          ("Касымов Даурен", 19, "2003", "07.01.2022", "Шымкент"),
          ("Исаева Гульмира", 52, "1970", "06.01.2022", "Тараз"),
          ("Мусин Арман", 23, "1999", "05.01.2022", "Актобе"),
          ("Бекова Динара", 30, "1992", "08.01.2022", "Алматы"),
          ("Ким Виктор", 45, "1977", "06.01.2022", "Талдыкорган"),
          ("Омарова Айжан", 36, "1986", "07.01.2022", "Кызылорда"),
          ("Сапаров Саят", 28, "1994", "05.01.2022", "Тараз"),
          ("Жумабаев Ринат", 33, "1989", "06.01.2022", "Алматы"),
          ("Ахметова Лаура", 25, "1997", "07.01.2022", "Караганда")]


def _two_lists(tmp_path: Path) -> list[Path]:
    """Two lists naming the same twelve people (the second in Kazakh month names, one surname misspelt)."""
    first = tmp_path / "правозащитники.csv"
    first.write_text("ФИО,Возраст,Год рождения,Дата гибели,Место\n" + "".join(
        f"{n},{a},{b},{d},{p}\n" for n, a, b, d, p in PEOPLE), encoding="utf-8")
    second = tmp_path / "сми.csv"
    months = {"05": "5 қаңтар 2022", "06": "6 қаңтар 2022", "07": "7 қаңтар 2022", "08": "8 қаңтар 2022"}
    second.write_text("ФИО,Возраст,Год рождения,Дата гибели,Место\n" + "".join(
        f"{n.replace('Тлеубаев', 'Тлеубаэв')},{a},{b},{months[d[:2]]},{p}\n" for n, a, b, d, p in PEOPLE[::-1]),
        encoding="utf-8")
    return [first, second]


def test_clusters_give_each_person_with_the_rows_and_weights_that_joined_them(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})).close()
    for path in _two_lists(tmp_path):
        code, out, err = _run(data, "lists", "import", str(path), "--source", path.stem)
        assert code == 0 and "0 cells flagged" in out, err  # the Kazakh dates are read
    code, out, err = _run(data, "link", "--threshold", "0.8")
    assert code == 0, err
    code, out, err = _run(data, "lists", "clusters", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found["threshold"] == 0.8 and found["entries"] == 24  # the last link run's threshold
    assert found["people"] == 24 - found["linked_entries"] + len(found["clusters"])
    by_name = {tuple(sorted(r["name"] for r in c["records"])): c for c in found["clusters"]}
    pair = by_name.get(("Нургалиев Ерлан", "Нургалиев Ерлан"))
    assert pair is not None, sorted(by_name)
    assert sorted((r["list"], r["row"]) for r in pair["records"]) == [("правозащитники", 2), ("сми", 13)]
    (joined,) = pair["pairs"]
    assert joined["match_probability"] >= 0.8 and joined["judgement"] == "pending"
    assert joined["weights"]["birth_year"]["weight"] > 0
    assert {joined["left"], joined["right"]} == {r["ref"] for r in pair["records"]}

    code, out, err = _run(data, "lists", "clusters", "--threshold", "0.8")
    assert code == 0, err
    assert f"24 list entries make {found['people']} people at threshold 0.8" in out
    drawn = found["people_drawn"]  # beside the count: the people over linkages drawn from the pairs
    assert found["people"] <= drawn["low"] <= drawn["mean"] <= drawn["high"] <= 24
    assert (f"{drawn['mean']:.1f} people (5th-95th percentile {drawn['low']}-{drawn['high']}) when each pair is "
            "drawn with its probability") in " ".join(out.split())
    assert "Нургалиев Ерлан" in out and "правозащитники" in out
    code, out, _ = _run(data, "lists", "clusters", "--threshold", "0.2")
    assert code == 2

    code, out, err = _run(data, "counts")
    assert code == 0, err
    assert f"victims lists: 24 entries make {found['people']} people as linked at threshold 0.8" in out
    code, out, _ = _run(data, "counts", "--json")
    assert json.loads(out)["linkage"]["people"] == found["people"]

    # the estimate over linkages drawn from the pending pairs: each draw documents fewer people than as linked
    code, out, err = _run(data, "estimate", "--linkage-draws", "10", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["draws"] == 10 and result["pairs_drawn"] >= len(json.loads(_run(data, "queue", "--json")[1]))
    assert result["n_observed"]["high"] < result["as_linked"]["n_observed"] == 24
    code, out, err = _run(data, "estimate", "--linkage-draws", "10")
    assert code == 0 and "Estimate over 10 drawn linkages" in out and "median of the draws" in out, err
    code, _, err = _run(data, "estimate", "--linkage-draws", "5", "--by-threshold", "0.5,0.9")
    assert code == 2 and "--linkage-draws applies to the register alone" in err


def test_a_file_imported_twice_is_refused_unless_again(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})).close()
    path = _file(tmp_path)
    code, out, err = _run(data, "lists", "import", str(path), "--source", "Правозащитный центр")
    assert code == 0, err
    code, out, err = _run(data, "lists", "import", str(path), "--source", "Правозащитный центр")
    assert code == 2 and "these rows are already list 1" in " ".join(err.split()) and "nothing was imported" in err
    copy = tmp_path / "copy.csv"  # the same bytes under another name: the same rows
    copy.write_bytes(path.read_bytes())
    code, _, err = _run(data, "lists", "import", str(copy), "--source", "Медиа")
    assert code == 2 and "already list 1" in " ".join(err.split())
    with Register.open(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        assert len(list_lists(reg, local_admin("tester"))) == 1  # nothing was added
    code, out, err = _run(data, "lists", "import", str(path), "--source", "Правозащитный центр", "--again")
    assert code == 0 and "list 2 " in out, err


def test_a_list_imported_restricted_and_one_reclassified_later(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})).close()
    code, out, err = _run(data, "lists", "import", str(_file(tmp_path)), "--source", "Семьи",
                          "--confidentiality", "restricted")
    assert code == 0 and "list 1 " in out, err
    other = tmp_path / "other.csv"
    other.write_text("ФИО\nКасымов Арман\n", encoding="utf-8")
    code, out, err = _run(data, "lists", "import", str(other), "--source", "Медиа")
    assert code == 0 and "list 2 " in out, err
    code, out, err = _run(data, "lists", "reclassify", "2", "restricted")
    assert code != 0 and "--reason" in err
    code, out, err = _run(data, "lists", "reclassify", "2", "restricted", "--reason", "a family asked")
    assert code == 0 and "list 2 is now restricted (rows: 1 restricted)" in out, err
    code, out, err = _run(data, "lists", "reclassify", "1", "internal", "--reason", "a mistake")
    assert code == 2 and "its file is document" in " ".join(err.split()) and "reclassify the document first" in err
    code, out, err = _run(data, "lists", "reclassify", "9", "internal", "--reason", "none")
    assert code != 0 and "no list 9" in err
    with Register.open(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        assert {row["id"] for row in list_lists(reg, local_admin("tester"))} == {1, 2}
        with reg.reading() as s:
            assert set(s.scalars(select(ListEntryRow.confidentiality))) == {"restricted"}
