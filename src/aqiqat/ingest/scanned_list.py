"""A scanned list read row by row into the list importer's columns, for a person to correct before import.

Each OCR line that starts with a row number ("12." / "12)") becomes a row: the name up to the first comma,
an age (a number of 1–120), a place, and the rest as written; each row carries its lowest word confidence and
is marked for checking when a word in it is uncertain. Lines without a number are kept as notes of the row
before them (a name broken over two lines), or as headings before the first row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aqiqat.ingest.ocr import LOW_CONFIDENCE, OcrResult

_ROW = re.compile(r"^\s*(\d{1,5})\s*[.):;,]?\s+(.*\S)\s*$")
COLUMNS = ["row", "name", "age", "place", "notes", "confidence", "check"]


@dataclass(frozen=True, slots=True)
class ScannedRow:
    row: int
    name: str
    age: int | None
    place: str
    notes: str
    confidence: float
    check: bool

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "name": self.name, "age": "" if self.age is None else self.age,
                "place": self.place, "notes": self.notes, "confidence": self.confidence,
                "check": "yes" if self.check else ""}


def rows_of(result: OcrResult) -> tuple[list[ScannedRow], list[str]]:
    """(rows, heading lines before the first row)."""
    rows: list[ScannedRow] = []
    heading: list[str] = []
    at = 0
    for line in result.text.split("\n"):
        start, end = at, at + len(line)
        at = end + 1
        if not line.strip():
            continue
        confs = [w["conf"] for w in result.words if start <= w["start"] < end]
        low = min(confs) if confs else 0.0
        match = _ROW.match(line)
        if match is None:
            if rows:
                last = rows[-1]
                rows[-1] = ScannedRow(last.row, last.name, last.age, last.place,
                                      " ".join(x for x in (last.notes, line.strip()) if x),
                                      min(last.confidence, low), last.check or low < LOW_CONFIDENCE)
            else:
                heading.append(line.strip())
            continue
        rows.append(_row(int(match.group(1)), match.group(2), low))
    return rows, heading


def _row(number: int, rest: str, low: float) -> ScannedRow:
    parts = [p.strip() for p in re.split(r"[,;]", rest)]
    name = parts[0] if parts else ""
    age: int | None = None
    place = ""
    notes: list[str] = []
    for part in parts[1:]:
        if age is None and part.isdigit() and 0 < int(part) <= 120:
            age = int(part)
        elif not place and part and not any(ch.isdigit() for ch in part):
            place = part
        elif part:
            notes.append(part)
    return ScannedRow(number, name, age, place, ", ".join(notes), round(low, 1), low < LOW_CONFIDENCE)
