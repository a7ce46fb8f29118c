"""The CLI tour: export in the field's formats (also as a viewer), import with preview, reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.cli.main import app
from aqiqat.config import Settings
from tests.exchange.sample_register import ME, SECRET_SURNAME, build

runner = CliRunner()


def run(data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data-dir", str(data), *args], env={"AQIQAT_DATABASE_URL": ""})
    # messages wrap at the terminal's width, where a long temporary path falls decides: read them unwrapped
    return result.exit_code, result.stdout.replace("\n", " "), result.stderr


def test_export_import_and_report_from_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    with Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        sample = build(reg)
        add_user(reg, ME, "partner", "viewer", "a-long-password-1")
    code, out, _ = run(data, "export", "-f", "acled", str(tmp_path / "acled.csv"), "--as", "partner")
    assert code == 0 and "2 rows, sha256" in out
    code, out, _ = run(data, "export", "-f", "geojson", str(tmp_path / "out"))
    assert code == 0 and (tmp_path / "out" / "aqiqat-geojson.geojson").exists()
    code, out, err = run(data, "import", "acled", str(tmp_path / "acled.csv"))
    assert code == 0 and "2 new" in out and "nothing written" in out
    code, out, _ = run(data, "import", "acled", str(tmp_path / "acled.csv"), "--confirm", "--json")
    assert code == 0 and json.loads(out)["created"] == 2
    code, out, _ = run(data, "import", "acled", str(tmp_path / "acled.csv"), "--confirm")
    assert code == 0 and "0 created, 0 updated, 2 unchanged" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id_cnty,event_date,sub_event_type\nKAZ1,никогда,Arrests\n", encoding="utf-8")
    code, out, err = run(data, "import", "acled", str(bad), "--confirm")
    assert code == 2 and "row 2: event_date" in err
    code, out, _ = run(data, "report", "event", str(sample.events[0]), "-f", "docx", "-l", "en",
                       "-o", str(tmp_path / "r.docx"), "--as", "partner")
    assert code == 0 and "sha256" in out
    code, out, _ = run(data, "report", "period", "2022-01-01", "2022-01-31", "-o", str(tmp_path / "p.pdf"))
    assert code == 0 and (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    code, out, _ = run(data, "report", "list", "all", "--group", "date", "-o", str(tmp_path / "m.pdf"), "--sign")
    assert code == 0 and (tmp_path / "m.pdf.sig").exists()
    assert SECRET_SURNAME not in (tmp_path / "acled.csv").read_text(encoding="utf-8")
    code, out, _ = run(data, "audit", "--json", "--limit", "500")
    exports = [e for e in json.loads(out) if e["action"] == "export"]
    assert [e["entity"] for e in exports] == ["export", "export", "report", "report", "report"]
