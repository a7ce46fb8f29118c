"""Victims lists in, one person across lists out: import, link, judge (merge and split), estimate."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.clusters import clusters
from aqiqat.api.editing import list_rows_of
from aqiqat.api.errors import Invalid
from aqiqat.api.estimate import estimate_from_memberships, register_memberships
from aqiqat.api.linking import judge, link, linkable_records, memberships, queue
from aqiqat.api.lists import import_list, list_entries, list_lists, parse_column_map
from aqiqat.api.records import get_record
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.linkage.synthetic import synthetic_victims
from aqiqat.store.tables import PersonRow

ME = local_admin("statistician")
HEAD = ["ФИО", "Возраст", "Год рождения", "Пол", "Дата", "Место"]


def _write_lists(folder: Path) -> list[Path]:
    df = synthetic_victims(80, seed=5)
    paths = []
    for source, rows in df.groupby("source"):
        path = folder / f"{source}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(HEAD)
            for r in rows.itertuples():
                w.writerow(
                    [
                        r.name,
                        "" if pd.isna(r.age) else int(r.age),
                        "" if pd.isna(r.birth_year) else int(r.birth_year),
                        r.sex or "",
                        r.event_date or "",
                        r.place or "",
                    ]
                )
        paths.append(path)
    return paths


MAP = "name=ФИО,age=Возраст,birth_year=Год рождения,sex=Пол,date=Дата,place=Место"


def test_import_reports_bad_rows_and_keeps_the_rest(sqlite_settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "ФИО;Возраст\nНургалиев Ерлан;34\n;40\nАбишева Салтанат;сто\nТлеубаева Айгерим;22\n", encoding="cp1251"
    )
    with Register.initialise(sqlite_settings) as reg:
        result = import_list(reg, ME, path, "Правозащитный центр", parse_column_map("name=ФИО,age=Возраст"))
        assert result.imported == 3
        assert [row for row, _ in result.errors] == [3]  # no name: refused
        assert [row for row, _ in result.flagged] == [4]  # an unreadable age: kept, flagged
        entries = list_entries(reg, ME, result.list_id)
        assert [e["name"] for e in entries] == ["Нургалиев Ерлан", "Абишева Салтанат", "Тлеубаева Айгерим"]
        assert entries[1]["age"] is None and entries[1]["raw"]["Возраст"] == "сто"
        assert list_lists(reg, ME)[0]["entries"] == 3
        with pytest.raises(Invalid, match="Место"):
            import_list(reg, ME, path, "X", parse_column_map("name=ФИО,place=Место"))
        with pytest.raises(Invalid):
            parse_column_map("name")
        assert list_audit(reg, ME)[-1]["action"] == "import"


def test_link_merge_split_and_estimate(sqlite_settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(sqlite_settings) as reg:
        for path in _write_lists(tmp_path):
            import_list(reg, ME, path, path.stem, parse_column_map(MAP))
        run = link(reg, ME, threshold=0.9)
        assert run.queued > 0 and run.clusters < run.records
        linked = clusters(reg, ME, threshold=0.9)
        assert linked["entries"] == run.records and linked["people"] < run.records
        first = linked["clusters"][0]
        assert first["size"] == len(first["records"]) >= 2 and first["pairs"]
        assert all(p["match_probability"] >= 0.9 and "surname" in p["weights"] for p in first["pairs"])
        assert all(r["list"] and r["row"] >= 2 and r["name"] for r in first["records"] if r["kind"] == "entry")
        assert {r["ref"] for r in first["records"]} == {x for p in first["pairs"] for x in (p["left"], p["right"])}
        assert clusters(reg, ME, threshold=0.99)["people"] >= linked["people"]
        with pytest.raises(Invalid):
            clusters(reg, ME, threshold=0.3)  # pairs under the review floor are not kept
        pending = queue(reg)
        top = pending[0]
        assert top["match_probability"] >= 0.9
        assert any(not k.startswith("_") for k in top["field_weights"])
        merged = judge(reg, ME, top["id"], "positive")
        people = memberships(reg)
        assert any(len(lists) == 2 for lists in people.values())
        n_before = len(people)
        judge(reg, ME, merged["id"], "negative", note="different fathers' names")
        assert len(memberships(reg)) == n_before + 1
        actions = [e["action"] for e in list_audit(reg, ME, limit=5)]
        assert "merge" in actions and "split" in actions
        assert verify_audit(reg)[1] == []
        # accept every pair the model is sure of, then estimate from the linked lists
        for pair in queue(reg):
            if pair["match_probability"] >= 0.99:
                judge(reg, ME, pair["id"], "positive")
        result = estimate_from_memberships(memberships(reg), method="loglinear", criterion="bic")
        assert result["n_observed"] <= 160 and result["n_hat"] >= result["n_observed"]


def test_estimate_command_on_the_register(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from aqiqat.cli.main import app

    runner = CliRunner()
    data = str(tmp_path / "reg")
    assert runner.invoke(app, ["--data-dir", data, "init"]).exit_code == 0
    empty = runner.invoke(app, ["--data-dir", data, "estimate"])
    assert empty.exit_code == 2 and "lists import" in empty.stderr
    for path in _write_lists(tmp_path):
        res = runner.invoke(
            app, ["--data-dir", data, "lists", "import", str(path), "--source", path.stem, "--map", MAP]
        )
        assert res.exit_code == 0, res.stderr
    assert runner.invoke(app, ["--data-dir", data, "link"]).exit_code == 0
    res = runner.invoke(app, ["--data-dir", data, "estimate", "--by-threshold", "0.5,0.99"])
    assert res.exit_code == 0, res.stderr
    assert "0.500" in res.stdout and "0.990" in res.stdout
    # nobody is merged yet: no one is on two lists, so N cannot be estimated, and the command says so in one line
    res = runner.invoke(app, ["--data-dir", data, "estimate", "--json"])
    assert res.exit_code != 0 and "not identifiable" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    queue = json.loads(runner.invoke(app, ["--data-dir", data, "queue", "--json"]).stdout)
    for pair in [p for p in queue if p["match_probability"] >= 0.9][:30]:  # enough people on two lists
        assert runner.invoke(app, ["--data-dir", data, "judge", str(pair["id"]), "positive"]).exit_code == 0
    res = runner.invoke(app, ["--data-dir", data, "estimate", "--json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["n_hat"] < 10 * json.loads(res.stdout)["n_observed"]


def test_a_person_linked_from_a_restricted_list_is_restricted_from_its_first_write(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    analyst = Principal("analyst", UserRole.ANALYST)
    names = ["Жаксылыков Болат", "Сапаров Ерлан", "Абенов Нурлан", "Ким Виктор", "Омарова Айжан",
             "Касымов Даурен", "Исаева Гульмира", "Тлеубаев Серик", "Мусин Арман", "Бекова Динара"]
    with Register.initialise(sqlite_settings) as reg:
        for n, level in enumerate(("restricted", "internal")):  # the families' list, and a media list
            path = tmp_path / f"list{n}.csv"
            rows = [f"{name},{30 + i},2022-01-0{5 + i % 3},Алматы" for i, name in enumerate(names)]
            only = ["Досжанов Аскар,51,2022-01-06,Талдыкорган"] if level == "restricted" else []
            path.write_text("ФИО,Возраст,Дата,Место\n" + "\n".join(rows[n:] + rows[:n] + only) + "\n",
                            encoding="utf-8")
            import_list(reg, ME, path, f"source {n}", parse_column_map("name=ФИО,age=Возраст,date=Дата,place=Место"),
                        level=level)
        link(reg, ME, threshold=0.5)
        pairs = queue(reg, "pending", 100)
        assert len(pairs) == len(names)
        for pair in pairs:
            judge(reg, ME, pair["id"], "positive")
        with reg.reading() as s:
            people = list(s.scalars(select(PersonRow)))
            assert len(people) == len(names)
            assert {p.confidentiality for p in people} == {"restricted"} and {p.display_name for p in people} == {""}
        assert "Жаксылыков Болат" in json.dumps(clusters(reg, ME), ensure_ascii=False)  # sealed, not lost
        shown = {get_record(reg, ME, "person", p.id)["display_name"] for p in people}
        assert shown == set(names)  # named from the rows, opened: not from their sealed blanks
        rows = list_rows_of(reg, ME, people[0].id)  # the person's page: the rows with their lists' names
        assert sorted(r["list_name"] for r in rows) == ["list0", "list1"]
        assert "Жаксылыков" not in json.dumps(clusters(reg, analyst), ensure_ascii=False)
    raw = b"".join(p.read_bytes() for p in sqlite_settings.data_dir.rglob("*") if p.is_file())
    assert "Досжанов".encode() not in raw  # the families' list alone names him: nowhere in clear


def test_two_lists_under_one_name_are_two_lists_in_the_linkage_and_the_estimate(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    analyst = Principal("analyst", UserRole.ANALYST)
    with Register.initialise(sqlite_settings) as reg:
        paths = _write_lists(tmp_path)
        for path in paths[:2]:  # two files, both named "список" when imported
            import_list(reg, ME, path, path.stem, parse_column_map(MAP), name="список")
        for path in paths[2:3]:
            import_list(reg, ME, path, path.stem, parse_column_map(MAP), level="restricted")
        frame = linkable_records(reg, ME, include_people=False)
        labels = sorted(set(frame["source"]))
        assert len(labels) == 3 and sum(label.startswith("список #") for label in labels) == 2, labels
        people, hidden = register_memberships(reg, ME)
        assert len({source for lists in people.values() for source in lists}) == 3 and hidden == 0
        people, hidden = register_memberships(reg, analyst)  # the restricted list: left out, and counted
        assert len({source for lists in people.values() for source in lists}) == 2 and hidden > 0
