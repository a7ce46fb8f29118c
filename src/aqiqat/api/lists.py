"""Use case: import an external victims list (CSV or XLSX) as a Source with one ListEntry per row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select

from aqiqat.api.access import Principal
from aqiqat.api.documents import source_name
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.ingest import IngestOptions, ingest_bytes, source_row_id, stored_name
from aqiqat.api.levels import below, top
from aqiqat.api.records import visible_levels
from aqiqat.api.register import Register, row_dict, utcnow
from aqiqat.domain.enums import AuditAction, Confidentiality, DocumentKind, SourceKind
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.list_preview import preview_victim_list
from aqiqat.ingest.victim_lists import read_victim_list
from aqiqat.store.tables import DocumentRow, ListEntryRow, SourceRow, VictimListRow


@dataclass(slots=True)
class ListImport:
    list_id: int
    name: str
    imported: int
    errors: list[tuple[int, str]] = field(default_factory=list)  # rows refused (no name)
    document_id: int | None = None
    flagged: list[tuple[int, str]] = field(default_factory=list)  # kept rows with a cell left unread
    # the same cells with what and why: row, column (the file's header), value (as written), reason, message
    flagged_cells: list[dict[str, Any]] = field(default_factory=list)
    level: str = "internal"  # the list's and its rows' level: the one asked for, or its file's when higher


def parse_column_map(spec: str) -> dict[str, str]:
    """`name=ФИО,age=Возраст` → {"name": "ФИО", "age": "Возраст"}."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        key, sep, header = part.partition("=")
        if not sep or not key.strip() or not header.strip():
            raise Invalid(f"--map: {part!r} is not field=Column")
        out[key.strip()] = header.strip()
    return out


def format_column_map(column_map: dict[str, str]) -> str:
    """{"name": "ФИО", "age": "Возраст"} → `name=ФИО,age=Возраст` (what --map takes)."""
    return ",".join(f"{k}={v}" for k, v in column_map.items())


def preview_list(path: Path, original_name: str | None = None, rows: int = 5) -> dict[str, Any]:
    """A list file's headers and first ``rows`` rows, and the column mapping suggested from its headers;
    nothing is stored. ``usable`` says whether the suggestion finds the name (a full name, or surname and
    given name), which an import needs."""
    shown = stored_name(original_name or path.name)
    try:
        preview = preview_victim_list(path, rows)
    except IngestError as exc:
        raise Invalid(str(exc).replace(path.name, shown, 1)) from None
    except OSError as exc:
        raise Invalid(f"{shown}: cannot read ({exc.strerror or exc})") from None
    suggested = preview.suggested
    return {
        "file": shown,
        "headers": preview.headers,
        "rows": preview.rows,
        "total_rows": preview.total_rows,
        "encoding": preview.encoding,
        "delimiter": preview.delimiter,
        "suggested": suggested,
        "suggested_map": format_column_map(suggested),
        "usable": "name" in suggested or {"surname", "given_name"} <= set(suggested),
    }


def suggested_column_map(path: Path, original_name: str | None = None) -> dict[str, str]:
    """The mapping suggested from the file's headers, or Invalid when it cannot find the name column."""
    preview = preview_list(path, original_name, rows=0)
    if not preview["usable"]:
        raise Invalid(
            f"{preview['file']}: no column looks like the name (headers: {', '.join(preview['headers'])}); "
            "give the mapping, e.g. name=<column>"
        )
    return dict(preview["suggested"])


def import_list(
    reg: Register,
    principal: Principal,
    path: Path,
    source: str,
    column_map: dict[str, str],
    name: str | None = None,
    original_name: str | None = None,
    again: bool = False,
    level: str = "internal",
) -> ListImport:
    """Read the file, keep it as a document (kind list), store its rows; rows without a name are refused
    and reported by number, rows with an unreadable cell are kept and flagged (``flagged``; the
    cell's text stays in the entry's ``raw``).

    A file whose contents are already a list the reader may see is refused (its rows would count
    each person twice until the next link run) unless ``again``; a list the reader may not see is
    not mentioned, and the file is imported as usual.

    The list, its rows and its file are kept at `level` (public, internal or restricted), and never below
    the level of the document its file already is.

    `original_name` is the name the file came with (an upload), when `path` is only where it was saved."""
    shown = stored_name(original_name or path.name)
    try:
        wanted = Confidentiality(level)
    except ValueError:
        raise Invalid(f"{level!r} is not a level: public, internal or restricted") from None
    if not principal.may_see(wanted):
        raise Forbidden(f"{principal.username} ({principal.role}) may not import a list above their clearance")
    try:
        read = read_victim_list(path, column_map)
    except IngestError as exc:
        raise Invalid(str(exc).replace(path.name, shown, 1)) from None
    except OSError as exc:
        raise Invalid(f"{shown}: cannot read ({exc.strerror or exc})") from None
    doc = ingest_bytes(
        reg,
        principal,
        path.read_bytes(),
        shown,
        IngestOptions(source=source, source_kind=SourceKind.LIST, kind=DocumentKind.LIST, confidentiality=wanted),
    )
    with reg.reading() as s:
        stored = s.get(DocumentRow, doc.document_id) if doc.document_id is not None else None
        if stored is not None and below(stored.confidentiality, str(wanted)):
            raise Invalid(f"{shown} is already document {stored.id}, kept {stored.confidentiality}; raise it first "
                          f"(aqiqat reclassify {stored.id} {wanted} --reason …); nothing was imported")
        level = Confidentiality(top([str(wanted), stored.confidentiality if stored is not None else None]))
        earlier = None if again else s.scalar(
            select(VictimListRow)
            .where(VictimListRow.document_id == doc.document_id,
                   VictimListRow.confidentiality.in_(visible_levels(principal)))
            .order_by(VictimListRow.id)
        )
        if earlier is not None:
            listed = row_dict(earlier)["name"]  # opened: the reader may see the list
            raise Invalid(f"{shown}: these rows are already list {earlier.id} ({listed}), imported from "
                          "the same file; nothing was imported (--again keeps a second copy)")
    with reg.unit(principal) as unit:
        s = unit.session
        # the source as the file's ingest named it: sealed with a restricted list (a family's name is no
        # less telling than a witness's), found again by its sealed name
        source_id = source_row_id(s, IngestOptions(source=source, source_kind=SourceKind.LIST, confidentiality=level))
        vlist = VictimListRow(
            source_id=source_id,
            name=(list_name := name or stored_name(Path(original_name or path.name).stem)),
            document_id=doc.document_id,
            column_map=column_map,
            imported_at=utcnow(),
            confidentiality=str(level),
        )
        s.add(vlist)
        s.flush()
        for e in read.entries:
            s.add(
                ListEntryRow(
                    list_id=vlist.id,
                    row_number=e.row_number,
                    name=e.name,
                    age=e.age,
                    birth_year=e.birth_year,
                    sex=str(e.sex),
                    date_text=e.date_text,
                    event_date=e.event_date,
                    place_text=e.place_text,
                    cause=e.cause,
                    notes=e.notes,
                    raw={k: str(v) for k, v in e.raw.items()},
                )
            )
        s.flush()
        unit.audit(
            AuditAction.IMPORT,
            "victim_list",
            vlist.id,
            None,
            {
                **row_dict(vlist),
                "entries": len(read.entries),
                "bad_rows": [r.row_number for r in read.errors],
                "flagged_cells": [[r.row_number, r.message] for r in read.flags],
                "file_sha256": doc.sha256,
            },
        )
        return ListImport(
            vlist.id,
            list_name,  # as given: a restricted list's own column holds the sealed blank
            len(read.entries),
            [(r.row_number, r.message) for r in read.errors],
            doc.document_id,
            [(r.row_number, r.message) for r in read.flags],
            [{"row": r.row_number, "column": r.column, "value": r.value, "reason": r.reason, "message": r.message}
             for r in read.flags],
            vlist.confidentiality,
        )


def list_labels(lists: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Each list's name as linkage and estimation count lists by it, told apart by its number where two lists
    share a name (two files both called list.csv): two lists under one name are two lists, not one whose
    people all appear twice."""
    named = list(lists)
    times = Counter(name for _, name in named)
    return {i: name if name and times[name] == 1 else f"{name or 'list'} #{i}" for i, name in named}


def list_lists(reg: Register, principal: Principal) -> list[dict[str, Any]]:
    """The victims lists the reader may see, with how many of their rows they may see."""
    seen = visible_levels(principal)
    with reg.reading() as s:
        counts = dict(
            s.execute(
                select(ListEntryRow.list_id, func.count(ListEntryRow.id))
                .where(ListEntryRow.confidentiality.in_(seen))
                .group_by(ListEntryRow.list_id)
            ).all()
        )
        sources = {r.id: r for r in s.scalars(select(SourceRow))}
        return [
            {**row_dict(r), "source": source_name(sources.get(r.source_id), principal), "entries": counts.get(r.id, 0)}
            for r in s.scalars(
                select(VictimListRow).where(VictimListRow.confidentiality.in_(seen)).order_by(VictimListRow.id)
            )
        ]


def list_entries(
    reg: Register, principal: Principal, list_id: int, limit: int = 1000, offset: int = 0
) -> list[dict[str, Any]]:
    """The rows of a list the reader may see (a row merged into a restricted person is restricted too)."""
    seen = visible_levels(principal)
    with reg.reading() as s:
        vlist = s.get(VictimListRow, list_id)
        if vlist is None or vlist.confidentiality not in seen:
            raise NotFound(f"no list {list_id}")
        rows = s.scalars(
            select(ListEntryRow)
            .where(ListEntryRow.list_id == list_id, ListEntryRow.confidentiality.in_(seen))
            .order_by(ListEntryRow.row_number)
            .limit(limit)
            .offset(offset)
        )
        return [row_dict(r) for r in rows]


READ_FIELDS = {"age": "age", "birth_year": "birth_year", "date": "event_date"}  # column-map field -> entry field


def unread_fields(entry: dict[str, Any], column_map: dict[str, str]) -> list[str]:
    """The fields of a list entry whose cell was written but could not be read (flagged at import)."""
    raw = entry.get("raw") or {}
    return [f for f, attr in READ_FIELDS.items()
            if f in column_map and str(raw.get(column_map[f], "")).strip() and entry.get(attr) is None]


def entries_to_review(reg: Register, principal: Principal, list_id: int) -> list[dict[str, Any]]:
    """The rows of a list (as the reader may see them) with a cell that could not be read, in row order.
    Only rows missing a value of a mapped field are read (a flagged cell leaves its field empty)."""
    seen = visible_levels(principal)
    with reg.reading() as s:
        vlist = s.get(VictimListRow, list_id)
        if vlist is None or vlist.confidentiality not in seen:
            raise NotFound(f"no list {list_id}")
        column_map = dict(vlist.column_map or {})
        empty = [getattr(ListEntryRow, attr).is_(None) for f, attr in READ_FIELDS.items() if f in column_map]
        if not empty:
            return []
        query = (select(ListEntryRow)
                 .where(ListEntryRow.list_id == list_id, ListEntryRow.confidentiality.in_(seen), or_(*empty))
                 .order_by(ListEntryRow.row_number))
        rows = [row_dict(r) for r in s.scalars(query)]
    return [e for e in rows if unread_fields(e, column_map)]


def hidden_entry_count(reg: Register, principal: Principal) -> int:
    """How many list rows the reader may not see (in a list above their clearance, or restricted themselves):
    a number only, so an aggregate can say what it left out."""
    seen = visible_levels(principal)
    with reg.reading() as s:
        hidden = (
            select(func.count(ListEntryRow.id))
            .join(VictimListRow, VictimListRow.id == ListEntryRow.list_id)
            .where(~ListEntryRow.confidentiality.in_(seen) | ~VictimListRow.confidentiality.in_(seen))
        )
        return int(s.scalar(hidden) or 0)
