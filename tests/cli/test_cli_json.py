"""A command given --json prints every row, written as it is read, unless --limit says otherwise; a table says
when it shows only the first rows."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.cli.main import app
from aqiqat.config import Settings

ME = local_admin("monitor")
EVENTS = 1_050  # more than two pages of 500


def _run(data: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], env={"AQIQAT_USER": "tester"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_prints_every_row_unless_limited(sqlite_settings: Settings) -> None:
    with Register.initialise(sqlite_settings) as reg:
        for i in range(130):
            ingest_bytes(reg, ME, f"Сообщение {i} о задержаниях.".encode(), f"r{i}.txt", IngestOptions())
        for i in range(EVENTS):
            create(reg, ME, "event", {"type": "detention", "title": f"Задержание {i}"})
    data = sqlite_settings.data_dir
    docs = json.loads(_run(data, "documents", "--json"))
    assert [d["id"] for d in docs] == list(range(1, 131))  # it stopped at 100 without a word
    assert len(json.loads(_run(data, "documents", "--json", "--limit", "7"))) == 7
    assert [d["id"] for d in json.loads(_run(data, "documents", "--json", "--offset", "125"))] == list(range(126, 131))
    assert "100 of 130 shown" in " ".join(_run(data, "documents").split())
    events = json.loads(_run(data, "events", "--json"))
    assert len(events) == EVENTS and len({e["id"] for e in events}) == EVENTS
    assert len(json.loads(_run(data, "events", "--json", "--limit", "501"))) == 501
    assert "the first 100 shown" in " ".join(_run(data, "events").split())
    audit = json.loads(_run(data, "audit", "--json"))
    assert [e["seq"] for e in audit] == list(range(1, 130 + EVENTS + 1))
    assert [e["seq"] for e in json.loads(_run(data, "audit", "--json", "--limit", "3"))] == [1178, 1179, 1180]
