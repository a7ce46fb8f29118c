"""`aqiqat export --as USER`, `aqiqat declassify` and `aqiqat reclassify` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.users import add_user
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.domain.model import Span

runner = CliRunner()
TESTIMONY = "Мой сосед Нурсултан Жумабеков видел, как увозили задержанных."


def run(data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data-dir", str(data), *args], env={"AQIQAT_DATABASE_URL": ""})
    return result.exit_code, result.stdout, result.stderr


def test_a_partners_export_and_a_declassification(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    assert run(data, "init")[0] == 0
    (tmp_path / "t.txt").write_text(TESTIMONY, encoding="utf-8")
    code, _, err = run(data, "ingest", str(tmp_path / "t.txt"), "--kind", "testimony", "--confidentiality",
                       "restricted", "--source", "Свидетель Ж.", "--no-extract")
    assert code == 0, err
    with Register.open(Settings.load(data_dir=data, env={})) as reg:
        add_user(reg, local_admin("setup"), "partner", "viewer", "long-enough-password")
        start = TESTIMONY.index("Нурсултан")
        span = Span(1, start, start + 20, TESTIMONY[start : start + 20])
        event = create(reg, local_admin("setup"), "event", {"type": "detention", "title": "Увозили задержанных"},
                       evidence=[span])
    code, out, err = run(data, "export", str(tmp_path / "mine.json"))
    assert code == 0 and "Жумабеков" in (tmp_path / "mine.json").read_text(encoding="utf-8")
    code, out, err = run(data, "export", str(tmp_path / "partner.json"), "--as", "partner")
    partner = json.loads((tmp_path / "partner.json").read_text(encoding="utf-8"))
    assert code == 0 and partner["events"] == [] and "Жумабеков" not in json.dumps(partner, ensure_ascii=False)
    assert "Свидетель Ж." not in json.dumps(partner, ensure_ascii=False)
    code, _, err = run(data, "export", str(tmp_path / "x.json"), "--as", "nobody")
    assert code == 2 and "no user 'nobody'" in err and "\n" not in err.strip()

    code, _, err = run(data, "declassify", "event", str(event["id"]), "internal", "--reason", " ")
    assert code == 2 and "reason" in err
    code, out, _ = run(data, "declassify", "event", str(event["id"]), "internal", "--reason", "he agreed")
    assert code == 0 and "now internal" in out
    run(data, "export", str(tmp_path / "partner2.json"), "--as", "partner")
    assert len(json.loads((tmp_path / "partner2.json").read_text(encoding="utf-8"))["events"]) == 1

    code, out, _ = run(data, "reclassify", "1", "internal", "--reason", "the witness agreed to be named")
    assert code == 0 and "now internal" in out
    code, out, _ = run(data, "audit", "--json", "--entity", "event")
    assert "declassify" in [e["action"] for e in json.loads(out)]
