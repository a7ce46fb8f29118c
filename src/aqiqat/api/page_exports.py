"""Use case: a list page's own view (its filters, what the reader may see) as a CSV or XLSX file."""

from __future__ import annotations

from typing import Any

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.register import Register
from aqiqat.api.web_queries import EventQuery, PeopleQuery, list_events, list_people
from aqiqat.ingest.table_files import csv_bytes, xlsx_bytes

MEDIA = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
EVENT_COLUMNS = ("id", "start_date", "end_date", "date_precision", "type", "title", "place", "location_precision",
                 "perpetrators", "killed_min", "killed_max", "injured_min", "injured_max", "detained_min",
                 "detained_max", "victims", "grade", "confidentiality")


def _file(name: str, fmt: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> tuple[bytes, str]:
    if fmt not in MEDIA:
        raise Invalid("export as csv or xlsx")
    table = [[", ".join(map(str, r[c])) if isinstance(r.get(c), list) else r.get(c) for c in columns] for r in rows]
    data = csv_bytes(columns, table) if fmt == "csv" else xlsx_bytes(name, columns, table)
    return data, MEDIA[fmt]


def events_file(reg: Register, principal: Principal, q: EventQuery, fmt: str) -> tuple[bytes, str]:
    rows, _ = list_events(reg, principal, q)
    return _file("events", fmt, EVENT_COLUMNS, rows)


def people_file(reg: Register, principal: Principal, q: PeopleQuery, fmt: str) -> tuple[bytes, str]:
    rows, _ = list_people(reg, principal, q)
    columns = tuple(k for k in (rows[0].keys() if rows else ("id", "display_name")) if k != "sealed")
    return _file("people", fmt, columns, rows)
