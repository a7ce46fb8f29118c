"""Use case: export the register as JSON and CSV, redacted for who asks, and audited."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.documents import document_public
from aqiqat.api.errors import Invalid
from aqiqat.api.records import evidence_of, person_view
from aqiqat.api.register import Register, row_dict
from aqiqat.domain.enums import AuditAction
from aqiqat.store.tables import (
    ActorRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    InvolvementRow,
    PersonRow,
    PlaceRow,
    SourceRow,
)

FORMATS = ("json", "csv")


def collect(reg: Register, principal: Principal) -> dict[str, list[dict[str, Any]]]:
    """Every table of the register as rows a principal may see, restricted names replaced."""
    with reg.reading() as s:
        sources = {r.id: r.name for r in s.scalars(select(SourceRow))}
        documents = [
            document_public(r, sources.get(r.source_id or -1), principal, full=False)
            for r in s.scalars(select(DocumentRow).order_by(DocumentRow.id))
        ]
        visible_events = [
            r for r in s.scalars(select(EventRow).order_by(EventRow.id)) if principal.may_see(r.confidentiality)
        ]
        event_ids = {r.id for r in visible_events}
        events = []
        for r in visible_events:
            item = row_dict(r)
            item["evidence"] = evidence_of(s, "event", r.id)
            events.append(item)
        people = [
            person_view(r, principal)
            for r in s.scalars(select(PersonRow).where(PersonRow.merged_into_id.is_(None)).order_by(PersonRow.id))
        ]
        involvements = [
            row_dict(r)
            for r in s.scalars(select(InvolvementRow).order_by(InvolvementRow.id))
            if r.event_id in event_ids
        ]
        claims = [
            {**row_dict(r), "evidence": evidence_of(s, "claim", r.id)}
            for r in s.scalars(select(ClaimRow).order_by(ClaimRow.id))
            if r.event_id is None or r.event_id in event_ids
        ]
        places = [row_dict(r) for r in s.scalars(select(PlaceRow).order_by(PlaceRow.id))]
        actors = [row_dict(r) for r in s.scalars(select(ActorRow).order_by(ActorRow.id))]
    return {
        "documents": documents,
        "events": events,
        "people": people,
        "involvements": involvements,
        "claims": claims,
        "places": places,
        "actors": actors,
    }


def export_register(reg: Register, principal: Principal, fmt: str, out: Path) -> list[Path]:
    """Write the register to `out` (a .json file, or a folder of .csv files); returns the files written."""
    if fmt not in FORMATS:
        raise Invalid(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    data = collect(reg, principal)
    written: list[Path] = []
    if fmt == "json":
        path = out if out.suffix == ".json" else out / "aqiqat-register.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.part")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, rows in data.items():
            path = out / f"{name}.csv"
            _write_csv(path, rows)
            written.append(path)
    with reg.unit(principal) as unit:
        unit.audit(
            AuditAction.EXPORT,
            "register",
            fmt,
            None,
            {
                "files": [p.name for p in written],
                "counts": {k: len(v) for k, v in data.items()},
                "clearance": str(principal.clearance),
            },
        )
    return written


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    tmp = path.with_suffix(".csv.part")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns or ["id"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
    tmp.replace(path)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists and objects as JSON; text that a spreadsheet would run as a formula
    (beginning with =, +, -, @, a tab or a carriage return) gets a leading ' so it is shown, not run."""
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
