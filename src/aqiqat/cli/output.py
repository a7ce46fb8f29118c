"""How the CLI prints: rich tables for people, JSON for programs, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from aqiqat.api.errors import AqiqatError

WIDE_COLUMNS = {"title", "text", "display_name", "message", "claimant_label", "path"}

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True, soft_wrap=True)
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


JSON_PAGE = 500
TABLE_ROWS = 100  # rows a table shows when no --limit is given
LIMIT_HELP = f"At most this many (a table shows {TABLE_ROWS} unless told; --json prints every one unless told)."
JSON_HELP = "Print a JSON array of every row, written as it is read."
# The paging and output options every list command takes, written once.
LimitOption = Annotated[int | None, typer.Option(min=1, help=LIMIT_HELP)]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many.")]
JsonOption = Annotated[bool, typer.Option("--json", help=JSON_HELP)]


def stream_json(fetch: Callable[[int, int], Sequence[Any]], offset: int = 0, limit: int | None = None) -> int:
    """Print rows as one JSON array, written page by page as they are read (never all held at once): every
    row there is, or `limit` of them. `fetch(offset, size)` gives a page; an empty page is the end (a page may
    come back shorter when rows the reader may not see were left out). Returns how many were printed."""
    write = sys.stdout.write
    count = 0
    write("[")
    while limit is None or count < limit:
        size = JSON_PAGE if limit is None else min(JSON_PAGE, limit - count)
        page = fetch(offset, size)
        if not page:
            break
        for row in page[: size if limit is not None else None]:
            write(("\n  " if count == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False, default=str))
            count += 1
        offset += size
        sys.stdout.flush()
    write("\n]\n" if count else "]\n")
    return count


SHORT = 16  # a column whose cells all fit in this many characters is never cut or wrapped (ids, dates, codes)
FOLDED_MIN = 12


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    """Rows as a table: short columns (ids first of all) whole, long ones folded onto more lines. When even
    that cannot fit the terminal, one row a block, one field a line, so no id is ever dropped or cut."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    longest = [max([len(col)] + [len(r[i]) for r in cells]) for i, col in enumerate(columns)]
    folded = [col in WIDE_COLUMNS or longest[i] > SHORT for i, col in enumerate(columns)]
    widths = sum(min(FOLDED_MIN, n) if fold else n for n, fold in zip(longest, folded, strict=True))
    need = widths + 3 * len(columns) + 2  # each column's padding and divider, and the table's edges
    if need > out.width:
        _print_blocks(cells, columns, title)
        return
    table = Table(title=title, show_lines=False, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    for i, col in enumerate(columns):
        if folded[i]:
            table.add_column(col, overflow="fold", ratio=1, min_width=min(FOLDED_MIN, longest[i]))
        else:
            table.add_column(col, no_wrap=True, min_width=longest[i])
    for r in cells:
        table.add_row(*r)
    out.print(table)


def _print_blocks(cells: Sequence[Sequence[str]], columns: Sequence[str], title: str | None) -> None:
    if title:
        out.print(f"[bold]{escape(title)}[/]")
    width = max(len(c) for c in columns)
    for r in cells:
        out.print()
        for col, value in zip(columns, r, strict=True):
            out.print(f"{col.ljust(width)}  {value}", markup=False, soft_wrap=False, overflow="fold")


def print_record(record: dict[str, Any], skip: Sequence[str] = ()) -> None:
    """One field a line, never cut: hashes and ids must be copyable whatever the terminal's width."""
    keys = [k for k, v in record.items() if k not in skip and not isinstance(v, list | dict)]
    width = max((len(k) for k in keys), default=0)
    for key in keys:
        out.print(f"[bold]{key.ljust(width)}[/]  ", end="")
        out.print(_cell(record[key]), markup=False, soft_wrap=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
