"""The trust commands end to end: keys status/rotate, backup, restore (with and without the key); bad backups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from aqiqat.api.backup import read_backup_meta
from aqiqat.api.errors import Invalid
from aqiqat.cli.main import app

RUN = CliRunner()


def _env(data: Path, key: Path | None = None) -> dict[str, str]:
    env = {"AQIQAT_DATA_DIR": str(data), "AQIQAT_USER": "monitor", "AQIQAT_KEY": ""}
    if key is not None:
        env["AQIQAT_KEY_FILE"] = str(key)
    return env


def test_keys_backup_and_restore_commands(tmp_path: Path) -> None:
    data, env = tmp_path / "data", _env(tmp_path / "data")
    assert RUN.invoke(app, ["init"], env=env).exit_code == 0
    testimony = tmp_path / "t.txt"
    testimony.write_text("Свидетель Нурлан Ахметов видел задержание у акимата.", encoding="utf-8")
    r = RUN.invoke(app, ["ingest", "--no-extract", "--confidentiality", "restricted", str(testimony)], env=env)
    assert r.exit_code == 0, r.output
    status = RUN.invoke(app, ["keys", "status", "--json"], env=env)
    fp = json.loads(status.stdout)["fingerprint"]
    assert status.exit_code == 0 and len(fp) == 16
    rot = RUN.invoke(app, ["keys", "rotate"], env=env)
    assert rot.exit_code == 0 and f"retired {fp}" in " ".join(rot.stdout.split())
    back = RUN.invoke(app, ["backup", str(tmp_path / "bk")], env=env)
    assert back.exit_code == 0 and "1 documents, 1 files" in " ".join(back.stdout.split())
    assert RUN.invoke(app, ["backup", str(tmp_path / "bk")], env=env).exit_code == 2  # not into a full folder
    key = Path(str(data) + ".key")
    ok = RUN.invoke(app, ["restore", str(tmp_path / "bk")], env=_env(tmp_path / "r1", key))
    assert ok.exit_code == 0 and "restored 1 documents" in " ".join(ok.stdout.split()), ok.output
    shown = RUN.invoke(app, ["documents", "show", "1"], env=_env(tmp_path / "r1", key))
    assert "Ахметов" in shown.stdout
    refused = RUN.invoke(app, ["restore", str(tmp_path / "bk")], env=_env(tmp_path / "r2"))
    assert refused.exit_code == 2 and "--accept-key-change" in " ".join(refused.output.split())
    keyless = RUN.invoke(app, ["restore", str(tmp_path / "bk"), "--accept-key-change"], env=_env(tmp_path / "r2"))
    assert keyless.exit_code == 0 and "restricted records stay sealed" in " ".join(keyless.output.split())
    locked = RUN.invoke(app, ["documents", "show", "1"], env=_env(tmp_path / "r2"))
    assert locked.exit_code == 2 and "encryption key is not available" in " ".join(locked.output.split())
    assert "Ахметов" not in locked.output
    ver = RUN.invoke(app, ["verify"], env=_env(tmp_path / "r2"))
    assert ver.exit_code == 0 and "not checked" in ver.output


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), st.dictionaries(st.sampled_from(["format", "database", "x"]),
                                                          st.none() | st.text(max_size=10) | st.integers())
                 .map(lambda d: json.dumps(d).encode())))
def test_a_bad_backup_description_is_a_clean_error(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "backup.json").write_bytes(data)
    with pytest.raises(Invalid) as err:
        read_backup_meta(tmp_path)
    assert "\n" not in str(err.value)
