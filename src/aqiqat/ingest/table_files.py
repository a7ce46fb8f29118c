"""A table as the bytes of a CSV file (UTF-8 with a byte-order mark, for spreadsheets) or an XLSX workbook:
what a list page of the workbench exports. Cells that a spreadsheet would run as a formula are quoted."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet")
    sheet.append(list(header))
    for row in rows:
        sheet.append([cell(v) if not isinstance(v, int | float) or isinstance(v, bool) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
