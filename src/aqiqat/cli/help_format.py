"""How `--help` shows an option's value: flags show none, options that take a value show a click-style word
(TEXT, INTEGER, PATH, or the metavar given), never a Python type such as ``<bool>`` or ``<str>``.

Typer 0.2x prints ``<bool>`` beside every flag (``--help <bool>``) and ``<Path | None>``-style names beside
values; both come from ``display_type_rich``, which this module replaces once, for the whole `aqiqat` app.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption

WORDS = {"int": "INTEGER", "float": "NUMBER", "str": "TEXT", "path": "PATH", "file": "FILE", "directory": "FOLDER",
         "datetime": "DATE"}


def _option_value(self: TyperOption, ctx: Any) -> str | None:
    if self.metavar is not None:
        return self.metavar
    if self.is_flag or self.count:
        return None
    label = TyperOption.display_type(self, ctx).strip("<>")
    word = WORDS.get(label.removeprefix("list[").removesuffix("]"), label.upper())
    return f"{word}..." if self.nargs != 1 or label.startswith("list[") else word


def _argument_value(self: TyperArgument, ctx: Any) -> str | None:
    return None  # the argument's name (ID, FILE) already says what it takes


def install() -> None:
    """Replace Typer's type display in help (idempotent)."""
    patched: Any = TyperOption
    patched.display_type_rich = _option_value
    argument: Any = TyperArgument
    argument.display_type_rich = _argument_value
