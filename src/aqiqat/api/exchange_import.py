"""Use case: import ACLED CSV (and, in exchange_uwazi.py, Uwazi CSV) as register records.

`preview` reads the file, maps its columns, checks every row and says what would be new, changed or the
same; it writes nothing. A file with a bad row is not imported at all. `confirm` stores the file under its
hash (a document), then creates or updates the records in audited units of 500 rows (an import cut short is
finished by running it again: rows already imported are found by their ids and left as they are).
Each record's evidence is the file's row (a span of the document), and a
re-import of a later version of the file updates the records it made, keyed by the file's own ids."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.export import FORMULA_STARTS
from aqiqat.api.import_apply import Applier
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.register import Register, row_dict
from aqiqat.domain.enums import Confidentiality, DocumentKind
from aqiqat.exchange import acled
from aqiqat.ingest.text_decoding import decode_text
from aqiqat.store.tables import DocumentRow, ExternalRefRow

CHUNK = 500  # rows per unit of work when importing


@dataclass
class PlannedRow:
    number: int  # the row's number as a spreadsheet shows it (the header is row 1)
    external_id: str
    parsed: dict[str, Any]
    start: int
    end: int
    text: str
    action: str = "new"  # new | update


@dataclass
class ImportPreview:
    format: str
    file: str
    mapped: list[str]
    ignored: list[str]
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    written: bool = False
    document_id: int | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "format": self.format, "file": self.file, "mapped": self.mapped, "ignored": self.ignored,
            "rows": len(self.rows), "new": sum(r.action == "new" for r in self.rows),
            "update": sum(r.action == "update" for r in self.rows), "errors": self.errors, "written": self.written,
            "document_id": self.document_id, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged,
        }


def csv_rows(text: str) -> Iterator[tuple[int, list[str], int, int]]:
    """(spreadsheet row number, cells, start, end) of each record of a CSV text, the span in characters."""
    lines = text.splitlines(keepends=True)
    pos = [0, 0]  # characters consumed, lines consumed

    def feed() -> Iterator[str]:
        for line in lines:
            pos[0] += len(line)
            pos[1] += 1
            yield line

    reader = csv.reader(feed())
    start = 0
    for cells in reader:
        if any(c.strip() for c in cells):
            yield reader.line_num, [unquote(c) for c in cells], start, pos[0]
        start = pos[0]


def unquote(cell: str) -> str:
    """A cell our exports wrote with a leading ' (so a spreadsheet shows it rather than runs it), as it was."""
    return cell[1:] if cell.startswith("'") and cell[1:2] and cell[1:2] in FORMULA_STARTS else cell


def decode(data: bytes, name: str) -> str:
    try:
        return decode_text(data, name).text
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's problem, said in one line
        raise Invalid(f"{name}: not a readable CSV text ({exc})") from None


def plan_acled(text: str, name: str) -> ImportPreview:
    rows = csv_rows(text)
    try:
        _, header, _, _ = next(rows)
    except StopIteration:
        raise Invalid(f"{name}: the file is empty") from None
    header = [h.strip().lstrip("\ufeff").lower() for h in header]
    missing = acled.missing_columns(header)
    if missing:
        raise Invalid(f"{name}: not an ACLED file, no column {', '.join(missing)}")
    preview = ImportPreview("acled", name, [h for h in header if h in acled.ALL_COLUMNS],
                            [h for h in header if h not in acled.ALL_COLUMNS])
    seen: dict[str, int] = {}
    for number, cells, start, end in rows:
        if len(cells) != len(header):
            preview.errors.append(f"row {number}: {len(cells)} cells, the header has {len(header)}")
            continue
        try:
            parsed = acled.parse_row(dict(zip(header, cells, strict=True)))
        except ValueError as exc:
            preview.errors.append(f"row {number}: {exc}")
            continue
        if parsed["external_id"] in seen:
            preview.errors.append(f"row {number}: event_id_cnty {parsed['external_id']} is also row "
                                  f"{seen[parsed['external_id']]}")
            continue
        seen[parsed["external_id"]] = number
        preview.rows.append(PlannedRow(number, parsed["external_id"], parsed, start, end, text[start:end].rstrip()))
    return preview


def mark_known(reg: Register, preview: ImportPreview, system: str, entity: str) -> None:
    with reg.reading() as s:
        known = set(s.scalars(select(ExternalRefRow.external_id).where(ExternalRefRow.system == system,
                                                                     ExternalRefRow.entity == entity)))
    for row in preview.rows:
        row.action = "update" if row.external_id in known else "new"


def import_acled(
    reg: Register, principal: Principal, path: Path, confirm: bool = False, level: str = "internal",
    name: str | None = None,
) -> ImportPreview:
    """Preview an ACLED CSV (nothing written) or, with `confirm`, import it; a file with bad rows is never
    imported in part: fix the rows named, then confirm."""
    data = path.read_bytes()
    shown = name or path.name
    preview = plan_acled(decode(data, shown), shown)
    mark_known(reg, preview, "acled", "event")
    if not confirm:
        return preview
    if preview.errors:
        raise Invalid(f"{shown}: {len(preview.errors)} bad rows, nothing imported; first: {preview.errors[0]}")
    doc_id, text = store_file(reg, principal, data, shown, level)
    stored = plan_acled(text, shown)  # spans in the stored text, which is what the evidence points into
    apply = Applier(None, "acled", doc_id)
    for start in range(0, len(stored.rows), CHUNK):  # units of CHUNK rows: a big file never holds one
        with reg.unit(principal) as unit:            # session of everything; a rerun resumes (keyed rows)
            apply.begin(unit)
            for row in stored.rows[start:start + CHUNK]:
                outcome = apply.event(row.external_id, row.number, row.parsed, (row.start, row.end, row.text))
                preview.created += outcome == "created"
                preview.updated += outcome == "updated"
                preview.unchanged += outcome == "unchanged"
    preview.written, preview.document_id = True, doc_id
    return preview


def store_file(reg: Register, principal: Principal, data: bytes, name: str, level: str) -> tuple[int, str]:
    """The imported file as a document (stored once under its SHA-256) and its text."""
    outcome = ingest_bytes(reg, principal, data, name, IngestOptions(  # no source: the rows name theirs
        kind=DocumentKind.LIST, confidentiality=Confidentiality(level)))
    if outcome.document_id is None:
        raise Invalid(f"{name}: {outcome.message}")
    with reg.reading() as s:
        doc = s.get(DocumentRow, outcome.document_id)
        assert doc is not None
        return doc.id, str(row_dict(doc).get("text") or "")

