"""An uploaded victims list, imported or previewed exactly as `aqiqat lists import` reads a file: the bytes
are written under a fixed name in a temporary folder, never under the name the browser sent."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.lists import ListImport, import_list, parse_column_map, preview_list, suggested_column_map
from aqiqat.api.register import Register

LIST_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
PREVIEW_ROWS = 5


def import_upload(
    reg: Register,
    principal: Principal,
    data: bytes,
    filename: str,
    source: str,
    columns: str | dict[str, str],
    name: str = "",
    level: str = "internal",
    again: bool = False,
) -> ListImport:
    """Import uploaded bytes exactly as `aqiqat lists import` imports a file (the file keeps its name).

    ``columns`` is the mapping chosen in the preview (field -> header), or typed (`name=ФИО,...`); empty,
    the mapping suggested from the file's headers."""
    if not source.strip():
        raise Invalid("source: say who compiled the list")
    if Path(filename).suffix.lower() not in LIST_SUFFIXES:
        raise Invalid(f"{filename}: use a .csv or .xlsx file")
    column_map: dict[str, str] | None = None
    if isinstance(columns, dict):
        column_map = {f: h for f, h in columns.items() if h} or None
    elif columns.strip():
        try:
            column_map = parse_column_map(columns)
        except Invalid as exc:
            raise Invalid(str(exc).replace("--map:", "columns:")) from None
    with saved_upload(data, filename) as path:
        if column_map is None:
            column_map = suggested_column_map(path, filename)
        return import_list(reg, principal, path, source.strip(), column_map, name.strip() or None, filename,
                           again=again, level=level)


@contextmanager
def saved_upload(data: bytes, filename: str) -> Iterator[Path]:
    """The upload in a temporary folder under a fixed name: the upload's own name (NUL, "../", 300 bytes)
    never reaches the file system."""
    if Path(filename).suffix.lower() not in LIST_SUFFIXES:
        raise Invalid(f"{filename}: use a .csv or .xlsx file")
    with tempfile.TemporaryDirectory(prefix="aqiqat-list-") as folder:
        path = Path(folder) / ("upload" + Path(filename).suffix.lower())
        path.write_bytes(data)
        yield path


def preview_upload(data: bytes, filename: str, rows: int = PREVIEW_ROWS) -> dict[str, Any]:
    """The headers, first rows and suggested mapping of an uploaded list; nothing is stored."""
    with saved_upload(data, filename) as path:
        return preview_list(path, filename, rows)
