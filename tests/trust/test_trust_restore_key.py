"""A backup restored where its encryption key is not: refused, unless the operator says the change is meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aqiqat.api.access import local_admin
from aqiqat.api.backup import backup
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.api.restore import RestoreRefused, restore
from aqiqat.cli.main import app
from aqiqat.config import Settings
from aqiqat.security.keys import ensure_keyring

ME = local_admin("monitor")


def _backup(settings: Settings, dest: Path) -> None:
    with Register.initialise(settings) as reg:
        create(reg, ME, "person", {"display_name": "Бахыт Оспанов", "confidentiality": "restricted"})
        backup(reg, ME, dest)


def test_restore_with_another_key_is_refused_unless_accepted(sqlite_settings: Settings, tmp_path: Path) -> None:
    _backup(sqlite_settings, tmp_path / "backup")
    other_key = tmp_path / "other.key"
    ensure_keyring(other_key)  # a different, freshly made key
    target = Settings.load(data_dir=tmp_path / "restored", env={"AQIQAT_KEY_FILE": str(other_key)})
    with pytest.raises(RestoreRefused, match="--accept-key-change"):
        restore(target, ME, tmp_path / "backup")
    assert not target.data_dir.exists() or not any(target.data_dir.iterdir())  # nothing written
    nokey = Settings.load(data_dir=tmp_path / "nokey", env={"AQIQAT_KEY_FILE": str(tmp_path / "absent.key")})
    with pytest.raises(RestoreRefused, match="this register has no key"):
        restore(nokey, ME, tmp_path / "backup")
    done = restore(target, ME, tmp_path / "backup", accept_key_change=True)
    assert done.documents == 0 and any("stay sealed" in w for w in done.warnings)


def test_the_cli_names_the_flag(sqlite_settings: Settings, tmp_path: Path) -> None:
    _backup(sqlite_settings, tmp_path / "backup")
    other_key = tmp_path / "other.key"
    ensure_keyring(other_key)
    env = {"AQIQAT_KEY_FILE": str(other_key), "AQIQAT_USER": "restorer"}
    args = ["--data-dir", str(tmp_path / "restored"), "restore", str(tmp_path / "backup")]
    refused = CliRunner().invoke(app, args, env=env)
    assert refused.exit_code != 0 and "--accept-key-change" in refused.output
    accepted = CliRunner().invoke(app, [*args, "--accept-key-change"], env=env)
    assert accepted.exit_code == 0, accepted.output
