"""Use case: a list page's own view (its filters, what the reader may see) as a CSV or XLSX file."""

from __future__ import annotations

from typing import Any

from aqiqat.api.access import Principal
from aqiqat.api.documents import DocumentFilter, list_documents
from aqiqat.api.errors import Invalid
from aqiqat.api.inbox import inbox
from aqiqat.api.linking import visible_queue
from aqiqat.api.lists import list_entries, list_lists, unread_fields
from aqiqat.api.places_actors import COLUMNS, NamedQuery, list_named
from aqiqat.api.register import Register
from aqiqat.api.stats import HARMS, counts, figures
from aqiqat.api.web_queries import EventQuery, PeopleQuery, list_events, list_people
from aqiqat.ingest.table_files import csv_bytes, xlsx_bytes

MEDIA = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
EVENT_COLUMNS = ("id", "start_date", "end_date", "date_precision", "type", "title", "place", "location_precision",
                 "perpetrators", "killed_min", "killed_max", "injured_min", "injured_max", "detained_min",
                 "detained_max", "victims", "grade", "confidentiality")

DOCUMENT_COLUMNS = ("id", "title", "kind", "source", "author", "url", "language", "published_at", "retrieved_at",
                    "sha256", "media_type", "size", "text_length", "capture_status", "confidentiality")
CLAIM_COLUMNS = ("id", "subject", "claimed_on", "claimant_label", "qualifier", "value", "value_min", "value_max",
                 "text", "event_id", "person_id", "documents", "confidentiality")

ENTRY_COLUMNS = ("row_number", "name", "age", "birth_year", "sex", "date_text", "event_date", "place_text", "cause",
                 "notes", "not_read", "person_id", "confidentiality")


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


def named_file(reg: Register, principal: Principal, entity: str, q: NamedQuery, fmt: str) -> tuple[bytes, str]:
    """The places or actors page's own view as CSV or XLSX."""
    rows, _ = list_named(reg, principal, entity, q)
    return _file(f"{entity}s", fmt, COLUMNS[entity], rows)


def documents_file(
    reg: Register, principal: Principal, q: str | None, f: DocumentFilter, fmt: str
) -> tuple[bytes, str]:
    """The documents page's own view (its search or its filters) as CSV or XLSX: a restricted document the
    reader may not open is listed as on the page, by its number only."""
    if q and q.strip():
        from aqiqat.api.search import search  # the Russian word forms: loaded only when searched

        rows, _ = search(reg, principal, q.strip(), f)
    else:
        rows = list_documents(reg, principal, f)
    return _file("documents", fmt, DOCUMENT_COLUMNS, rows)


def claims_file(reg: Register, principal: Principal, subject: str, fmt: str) -> tuple[bytes, str]:
    """The claims page's view of one subject (every figure the reader may see, in time order) as CSV or XLSX,
    each with the documents its passages come from."""
    claims = figures(reg, principal, subject)["claims"]
    rows = [{**c, "documents": sorted({e["document_id"] for e in c.get("evidence", []) if e.get("document_id")})}
            for c in claims]
    return _file("claims", fmt, CLAIM_COLUMNS, rows)


def list_entries_file(reg: Register, principal: Principal, list_id: int, fmt: str) -> tuple[bytes, str]:
    """A victims list's rows as the reader may see them, with the cells that could not be read (``not_read``)."""
    rows = list_entries(reg, principal, list_id, limit=10**9)
    info = next((x for x in list_lists(reg, principal) if x["id"] == list_id), None)
    columns = (info or {}).get("column_map") or {}
    return _file("list", fmt, ENTRY_COLUMNS, [{**r, "not_read": unread_fields(r, columns)} for r in rows])


def counts_file(reg: Register, principal: Principal, fmt: str, **query: Any) -> tuple[bytes, str]:
    """The counts page's table (its grouping, grades and period) with its total row, as CSV or XLSX."""
    data = counts(reg, principal, **query)
    columns = ("group", "events", *(f"{h}_{m}" for h in HARMS for m in ("min", "max")))
    return _file("counts", fmt, columns, [*data["rows"], data["total"]])


QUEUE_COLUMNS = ("id", "match_probability", "judgement", "left_ref", "left_name", "left_list", "right_ref",
                 "right_name", "right_list", "weights", "decided_by", "decided_at", "note")


def queue_file(reg: Register, principal: Principal, decided: bool, fmt: str) -> tuple[bytes, str]:
    """The merge queue's pending (or decided) pairs as the reader may read them, as CSV or XLSX."""
    rows = [r for r in visible_queue(reg, principal, "all", limit=10**9)
            if (r["judgement"] != "pending") == decided]
    table = []
    for r in rows:
        fw = r["field_weights"] or {}
        names, sources = list(fw.get("_names") or ["", ""]), list(fw.get("_sources") or ["", ""])
        weights = [f"{k} {v['weight']:+.2f}" for k, v in fw.items()
                   if not k.startswith("_") and isinstance(v, dict) and v.get("weight") is not None]
        table.append({**r, "left_name": names[0], "left_list": sources[0], "right_name": names[1],
                      "right_list": sources[1], "weights": weights, "note": fw.get("_note") or ""})
    return _file("merge queue", fmt, QUEUE_COLUMNS, table)


INBOX_COLUMNS = ("id", "title", "language", "assigned_to", "pending", "total", "by_kind", "confidentiality")


def inbox_file(reg: Register, principal: Principal, kind: str | None, assignee: str | None,
               fmt: str) -> tuple[bytes, str]:
    """The review inbox as filtered on its page (documents the reader may see) as CSV or XLSX."""
    rows = inbox(reg, principal, kind=kind, assignee=assignee, limit=10_000).rows
    return _file("inbox", fmt, INBOX_COLUMNS,
                 [{**r, "by_kind": [f"{k} {n}" for k, n in sorted((r.get("by_kind") or {}).items())]} for r in rows])
