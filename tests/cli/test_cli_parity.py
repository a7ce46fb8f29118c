"""CLI parity with the pages: ids in every table at any width, no type noise in --help."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import click
import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.cli import output
from aqiqat.cli.main import app
from aqiqat.config import Settings

QUEUE_ROWS = [
    {
        "id": 1200 + i,
        "p": "0.993",
        "judgement": "pending",
        "names": "Нургалиев Ерлан Сапарович ≟ Nurgaliyev Yerlan Saparovich",
        "weights": "full_key +5.2, event_day +3.1, place_key +2.0, birth_year -1.2, sex +0.3",
    }
    for i in range(3)
]


def _printed(width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    buffer = StringIO()
    monkeypatch.setattr(output, "out", Console(file=buffer, width=width, highlight=False, soft_wrap=False))
    output.print_table(QUEUE_ROWS, ["id", "p", "judgement", "names", "weights"], "Merge queue")
    return buffer.getvalue()


@pytest.mark.parametrize("width", [30, 50, 80, 120, 200])
def test_the_queue_shows_every_id_at_any_width(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _printed(width, monkeypatch)
    for row in QUEUE_ROWS:
        assert re.search(rf"(^|\s){row['id']}(\s|$)", text, re.MULTILINE), text
    assert all(len(line) <= width for line in text.splitlines())


def _commands(group: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in getattr(group, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_no_command_shows_python_types_in_its_help() -> None:
    runner = CliRunner()
    paths = list(_commands(typer.main.get_command(app)))
    assert len(paths) > 20
    for path in paths:
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "160"})
        assert result.exit_code == 0, (path, result.output)
        noise = re.findall(r"<(?:bool|int|str|float|Path|path|datetime|list\[[^\]]*\])>", result.output)
        assert not noise, (path, noise)
    queue = runner.invoke(app, ["queue", "--help"], env={"COLUMNS": "160"}).output
    assert re.search(r"--limit\s+INT(EGER| RANGE)", queue)  # a value, never a Python type


def _register(tmp_path: Path) -> Path:
    data = tmp_path / "reg"
    settings = Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})
    reg = Register.initialise(settings)
    me = local_admin("tester")
    try:
        create(reg, me, "event", {"type": "shooting", "title": "Обстрел машины в Талдыкоргане", "grade": "fair",
                                  "start_date": "2022-01-07", "killed_min": 2, "killed_max": 2})
        create(reg, me, "event", {"type": "detention", "title": "Задержания на площади", "grade": "weak",
                                  "start_date": "2022-01-05"})
        create(reg, me, "event", {"type": "shooting", "title": "Стрельба у акимата", "grade": "weak",
                                  "start_date": "2022-01-04"})
        create(reg, me, "person", {"display_name": "Нургалиев Ерлан", "affiliation": "civilian"})
        create(reg, me, "person", {"display_name": "Сапаров Арман", "affiliation": "security_forces"})
    finally:
        reg.close()
    return data


def _run(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args],
                                env={"AQIQAT_DATABASE_URL": "", "AQIQAT_USER": "tester", "COLUMNS": "150"})
    return result.exit_code, result.stdout, result.stderr


def test_events_take_the_page_filters(tmp_path: Path) -> None:
    data = _register(tmp_path)
    code, out, err = _run(data, "events", "--type", "shooting", "--json")
    assert code == 0, err
    assert sorted(e["title"] for e in json.loads(out)) == ["Обстрел машины в Талдыкоргане", "Стрельба у акимата"]
    code, out, _ = _run(data, "events", "--type", "shooting", "--from", "2022-01-06", "--json")
    assert [e["title"] for e in json.loads(out)] == ["Обстрел машины в Талдыкоргане"]
    code, out, _ = _run(data, "events", "--grade", "weak", "--to", "2022-01-04", "--json")
    assert [e["title"] for e in json.loads(out)] == ["Стрельба у акимата"]
    code, out, _ = _run(data, "events", "--text", "площади")
    assert code == 0 and "Задержания на площади" in out and "1 of 1 shown" in out
    code, _, err = _run(data, "events", "--from", "7 января")
    assert code == 2 and "is not a date" in err


def test_people_take_the_page_filters(tmp_path: Path) -> None:
    data = _register(tmp_path)
    code, out, err = _run(data, "people", "--affiliation", "security_forces", "--json")
    assert code == 0, err
    assert [p["display_name"] for p in json.loads(out)] == ["Сапаров Арман"]
    code, out, _ = _run(data, "people", "--name", "Нургалиев")
    assert code == 0 and "Нургалиев Ерлан" in out and "Сапаров" not in out and "1 of 1 shown" in out
