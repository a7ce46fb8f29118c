"""`aqiqat merge` and `aqiqat split`: two places (or people, or actors) become one, with the version check, and
are split again; both audited."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit
from aqiqat.api.records import create, get_record
from aqiqat.api.register import Register
from aqiqat.cli.main import app
from aqiqat.config import Settings

ENV = {"AQIQAT_DATABASE_URL": "", "AQIQAT_USER": "tester", "COLUMNS": "150"}


def _run(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_two_places_merged_with_the_version_check_and_split_again(tmp_path: Path) -> None:
    data = tmp_path / "reg"
    me = local_admin("tester")
    with Register.initialise(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        kept = create(reg, me, "place", {"name": "Алматы", "kind": "city", "latitude": 43.25, "longitude": 76.95})
        other = create(reg, me, "place", {"name": "Алма-Ата", "kind": "city"})
        event = create(reg, me, "event", {"type": "detention", "title": "Задержания", "place_id": other["id"]})
        versions = f"{get_record(reg, me, 'place', kept['id'])['version']},{other['version'] + 1}"
    code, _, err = _run(data, "merge", "place", str(kept["id"]), str(other["id"]), "--versions", versions)
    assert code == 2 and "changed since they were compared" in err
    code, _, err = _run(data, "merge", "place", str(kept["id"]), str(other["id"]), "--versions", "x")
    assert code == 2 and "KEEP_VERSION,OTHER_VERSION" in err
    code, out, err = _run(data, "merge", "place", str(kept["id"]), str(other["id"]))
    assert code == 0, err
    assert f"place {other['id']} merged into place {kept['id']}" in out
    with Register.open(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        assert get_record(reg, me, "event", event["id"])["place_id"] == kept["id"]
        assert get_record(reg, me, "place", kept["id"])["variants"] == ["Алма-Ата"]
    code, out, err = _run(data, "split", "place", str(other["id"]))
    assert code == 0 and f"place {other['id']} split off again" in out, err
    code, _, err = _run(data, "split", "place", str(other["id"]))
    assert code == 2 and "is not merged" in err
    with Register.open(Settings.load(data_dir=data, env={"AQIQAT_USER": "tester"})) as reg:
        assert get_record(reg, me, "event", event["id"])["place_id"] == other["id"]
        actions = [(e["action"], e["entity"]) for e in list_audit(reg, me, limit=20)]
    assert ("merge", "place") in actions and ("split", "place") in actions
    code, _, err = _run(data, "merge", "event", str(event["id"]), "1")
    assert code == 2 and "only person, place, actor can be merged" in err
