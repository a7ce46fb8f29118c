"""The `aqiqat` command as a user runs it: init, ingest, documents, events, export, audit."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED_TEXT
from typer.testing import CliRunner

from aqiqat.cli.main import app

runner = CliRunner()


def run(data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data-dir", str(data), *args], env={"AQIQAT_DATABASE_URL": ""})
    return result.exit_code, result.stdout, result.stderr


def test_a_monitors_first_session(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    code, _, err = run(data, "documents")
    assert code != 0 and "aqiqat init" in err
    assert run(data, "init")[0] == 0
    code, out, _ = run(data, "ingest", str(SEED_TEXT), "--source", "Belsat", "--source-kind", "media")
    assert code == 0 and "1 added" in out
    code, out, _ = run(data, "ingest", str(SEED_TEXT))
    assert code == 0 and "1 already present" in out
    code, out, _ = run(data, "documents", "--json")
    docs = json.loads(out)
    assert len(docs) == 1
    for key in ("id", "sha256", "kind", "language", "title", "source", "confidentiality"):
        assert key in docs[0]
    assert docs[0]["language"] == "ru" and docs[0]["source"] == "Belsat"
    code, out, _ = run(data, "documents", "show", str(docs[0]["id"]))
    assert code == 0 and "Казахстан" in out and docs[0]["sha256"] in out
    code, out, _ = run(data, "events", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(data, "audit", "verify")
    assert code == 0 and "intact" in out
    code, out, _ = run(data, "export", str(tmp_path / "out.json"))
    assert code == 0 and json.loads((tmp_path / "out.json").read_text())["documents"][0]["source"] == "Belsat"


def test_failures_are_one_line_each_and_set_the_exit_code(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    run(data, "init")
    good = tmp_path / "good.txt"
    good.write_text("Заявление правозащитников о задержаниях.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(data, "ingest", str(good), str(empty), str(tmp_path / "nope.pdf"))
    assert code == 1
    assert "1 added" in out and "2 failed" in out
    failed = [line for line in err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 2
    code, _, err = run(data, "documents", "show", "12345")
    assert code == 2 and "no document" in err


def test_help_lists_every_command(tmp_path: Path) -> None:
    out = runner.invoke(app, ["--help"]).stdout
    for command in ("init", "ingest", "documents", "events", "people", "claims", "export", "audit"):
        assert command in out


def test_a_malformed_setting_in_the_environment_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "reg"), "documents"], env={"AQIQAT_WEB_THREADS": "many"})
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: AQIQAT_WEB_THREADS must be a whole number of at least 1, not 'many'"
