"""`aqiqat ingest EXPORT_DIR`: a Telegram Desktop export given to the ingest command, beside ordinary files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED_TEXT
from tests.ingest.telegram_fixtures import write_sample_channel
from typer.testing import CliRunner

from aqiqat.cli.main import app

runner = CliRunner()


def run(data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data-dir", str(data), *args], env={"AQIQAT_DATABASE_URL": ""})
    return result.exit_code, result.stdout, result.stderr


def test_ingest_takes_an_export_folder_by_its_result_json(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    export = write_sample_channel(tmp_path / "ChatExport_2022-01-10")
    assert run(data, "init")[0] == 0
    code, out, err = run(data, "ingest", str(export), str(SEED_TEXT), "--no-extract")
    assert code == 0, err
    assert "1 chats, 14 new posts (0 edited versions), 2 service messages" in " ".join(out.split())
    assert "1 added" in out  # the ordinary file beside it
    code, out, _ = run(data, "ingest", str(export), "--no-extract", "--json")
    (report,) = json.loads(out)
    assert code == 0 and report["telegram"]["unchanged"] == 16 and report["telegram"]["posts"] == 0
    code, out, _ = run(data, "documents", "--json", "--kind", "post")
    assert code == 0 and len(json.loads(out)) == 14


def test_a_truncated_export_is_one_line_of_error_and_exit_code_1(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    export = write_sample_channel(tmp_path / "cut")
    raw = (export / "result.json").read_bytes()
    (export / "result.json").write_bytes(raw[: len(raw) // 2])
    assert run(data, "init")[0] == 0
    code, out, err = run(data, "ingest", str(export), "--no-extract")
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("failed:")]
    assert len(lines) == 1 and "breaks off" in lines[0]
