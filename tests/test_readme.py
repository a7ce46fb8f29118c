"""The README documents every setting and every command (as sqlite-utils and datasette check theirs)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from aqiqat.cli.main import app
from aqiqat.config import ENVIRONMENT, setting_names

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _configuration_table() -> str:
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[str]:
    if not hasattr(command, "commands"):
        return [" ".join(path)]
    found = [" ".join(path)] if path and getattr(command, "invoke_without_command", False) else []
    for name, sub in command.commands.items():
        found += _commands(sub, (*path, name))
    return found


def test_every_setting_has_an_environment_variable_and_is_in_the_table() -> None:
    assert sorted(ENVIRONMENT) == sorted(setting_names())
    table = _configuration_table()
    missing = [env for env in ENVIRONMENT.values() if f"`{env}`" not in table]
    assert missing == [], f"settings missing from the README's configuration table: {missing}"


def test_no_setting_is_read_outside_config() -> None:
    """Every AQIQAT_* name in the package is a setting of config.Settings (none read on the side)."""
    names: set[str] = set()
    for path in (REPO / "src" / "aqiqat").rglob("*.py"):
        names.update(re.findall(r"\bAQIQAT_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    assert names - set(ENVIRONMENT.values()) == set()


def test_every_command_is_in_the_readme() -> None:
    commands = _commands(typer.main.get_command(app))
    assert len(commands) > 30
    missing = [c for c in commands if f"`aqiqat {c}`" not in README]
    assert missing == [], f"commands missing from the README: {missing}"
