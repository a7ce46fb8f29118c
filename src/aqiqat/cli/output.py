"""How the CLI prints: rich tables for people, JSON for programs, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from aqiqat.api.errors import AqiqatError

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the API's errors into one line on stderr and a non-zero exit code."""
    try:
        yield
    except AqiqatError as exc:
        fail(str(exc), 2)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold", max_width=60)
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    out.print(table)


def print_record(record: dict[str, Any], skip: Sequence[str] = ()) -> None:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in record.items():
        if key in skip or isinstance(value, list | dict):
            continue
        table.add_row(key, _cell(value))
    out.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
