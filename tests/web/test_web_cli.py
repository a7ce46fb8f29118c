"""`aqiqat users add` and `aqiqat serve` (the first admin gets a generated password, never a default)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from aqiqat.api.register import Register
from aqiqat.api.users import authenticate, list_users
from aqiqat.cli.main import app
from aqiqat.cli.web_cmds import first_admin
from aqiqat.config import Settings


def test_users_add_prints_a_generated_password_or_reads_stdin(tmp_path: Path) -> None:
    runner = CliRunner()
    data = str(tmp_path / "data")
    assert runner.invoke(app, ["--data-dir", data, "init"]).exit_code == 0
    made = runner.invoke(app, ["--data-dir", data, "users", "add", "aigerim", "--role", "analyst"])
    assert made.exit_code == 0, made.output
    password = re.search(r"password: (\S+)", made.output)
    assert password and len(password.group(1)) >= 16
    stdin = runner.invoke(app, ["--data-dir", data, "users", "add", "dana", "--role", "viewer", "--password-stdin"],
                          input="a-long-enough-secret\n")
    assert stdin.exit_code == 0 and "password:" not in stdin.output
    bad = runner.invoke(app, ["--data-dir", data, "users", "add", "x", "--role", "emperor"])
    assert bad.exit_code != 0
    dup = runner.invoke(app, ["--data-dir", data, "users", "add", "dana", "--role", "viewer"])
    assert dup.exit_code == 2 and "exists" in dup.output
    with Register.open(Settings.load(data_dir=data)) as reg:
        assert authenticate(reg, "aigerim", password.group(1)) is not None
        assert authenticate(reg, "dana", "a-long-enough-secret") is not None
        assert {u["username"] for u in list_users(reg)} == {"aigerim", "dana"}
        assert first_admin(reg, "me") is None  # users exist: no admin is invented
    assert "--port" in runner.invoke(app, ["serve", "--help"]).output


def test_first_admin_has_a_fresh_password(tmp_path: Path) -> None:
    with Register.initialise(Settings.load(data_dir=tmp_path / "a")) as one, Register.initialise(
        Settings.load(data_dir=tmp_path / "b")
    ) as two:
        first, second = first_admin(one, "me"), first_admin(two, "me")
        assert first and second and first[0] == "admin" and first[1] != second[1]
        assert authenticate(one, "admin", first[1]) is not None
