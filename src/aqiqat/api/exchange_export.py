"""Use case: export the register in the field's formats (ACLED CSV, GeoJSON, Uwazi CSV zip, HXL CSV, Popolo
JSON, XLSX), redacted by the read layer, written row by row to a file, hashed and audited."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.exchange_rows import (
    EventFilter,
    iter_events,
    iter_people,
    iter_rows,
    list_actors,
    list_sources,
    source_files,
)
from aqiqat.api.export import csv_cell
from aqiqat.api.register import Register
from aqiqat.domain.enums import AuditAction
from aqiqat.exchange import acled, hxl, popolo, uwazi
from aqiqat.exchange.geojson_out import HEAD, TAIL, feature_text
from aqiqat.store.tables import ClaimRow, InvolvementRow, PlaceRow

SUFFIX = {"acled": ".csv", "geojson": ".geojson", "uwazi": ".zip", "hxl": ".csv", "popolo": ".json", "xlsx": ".xlsx"}
MEDIA_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".geojson": "application/geo+json",
    ".zip": "application/zip",
    ".json": "application/json",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(SUFFIX)


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    sha256: str
    rows: int
    format: str


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _csv_rows(fh: IO[str], header: list[str], rows: Iterable[Iterable[Any]]) -> int:
    """Rows as CSV; numbers and empty cells pass straight through, other values go through csv_cell (a
    formula is written as text)."""
    writer = csv.writer(fh)
    writer.writerow(header)
    n = 0
    plain = (int, float)
    for row in rows:
        writer.writerow([v if v is None or v == "" or type(v) in plain else csv_cell(v) for v in row])
        n += 1
    return n


def write_acled(reg: Register, principal: Principal, fh: IO[str], f: EventFilter) -> int:
    cols = list(acled.ALL_COLUMNS)
    return _csv_rows(fh, cols, ([r[c] for c in cols] for r in map(acled.acled_row, iter_events(reg, principal, f))))


def write_hxl(reg: Register, principal: Principal, fh: IO[str], f: EventFilter) -> int:
    csv.writer(fh).writerow(hxl.HEADERS)
    rows = (hxl.hxl_row(ev) for ev in iter_events(reg, principal, f))
    return _csv_rows(fh, hxl.TAGS, rows)  # the hashtag row right under the headers


def write_geojson(reg: Register, principal: Principal, fh: IO[str], f: EventFilter) -> int:
    fh.write(HEAD)
    n = 0
    for ev in iter_events(reg, principal, f):
        fh.write((",\n" if n else "") + feature_text(ev))
        n += 1
    fh.write(TAIL)
    return n


def write_popolo(reg: Register, principal: Principal, fh: IO[str], f: EventFilter) -> int:
    fh.write('{"persons":[\n')
    n, members = 0, []
    for p in iter_people(reg, principal):
        if p.get("redacted"):
            continue  # a person the reader may not see has no place in a list of persons
        fh.write((",\n" if n else "") + json.dumps(popolo.person(p), ensure_ascii=False))
        n += 1
        members += [(p["id"], a) for a in p.get("member_of", [])]
    fh.write('\n],"organizations":[\n')
    actors = list_actors(reg, principal)
    fh.write(",\n".join(json.dumps(popolo.organization(a), ensure_ascii=False) for a in actors))
    fh.write('\n],"memberships":')
    known = {a["id"] for a in actors}
    fh.write(json.dumps([popolo.membership(p, a, "member") for p, a in members if a in known], ensure_ascii=False))
    fh.write("}\n")
    return n + len(actors)


def _uwazi_csv(header: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> tuple[bytes, int]:
    buf = io.StringIO()
    n = _csv_rows(buf, list(header), ([r[c] for c in header] for r in rows))
    return buf.getvalue().encode("utf-8"), n


def write_uwazi(reg: Register, principal: Principal, out: Path, f: EventFilter) -> int:
    """A zip: events.csv, people.csv, sources.csv and files/ with the sources' documents the reader may see."""
    titles: dict[int, str] = {}
    n = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("events.csv", "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
            def events() -> Iterator[dict[str, Any]]:
                for ev in iter_events(reg, principal, f):
                    titles[ev["id"]] = ev["title"]
                    yield uwazi.event_row(ev)
            header = uwazi.TEMPLATES["events"]
            n += _csv_rows(fh, list(header), ([r[c] for c in header] for r in events()))
        with z.open("people.csv", "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
            def people() -> Iterator[dict[str, Any]]:
                for p in iter_people(reg, principal):
                    links: dict[str, list[str]] = {}
                    for role, event_id, _harm in p["involvements"]:
                        if event_id in titles:
                            links.setdefault(f"{role}_of", []).append(titles[event_id])
                    yield uwazi.person_row(p, links)
            header = uwazi.TEMPLATES["people"]
            n += _csv_rows(fh, list(header), ([r[c] for c in header] for r in people()))
        files = source_files(reg, principal)
        rows = []
        for s in list_sources(reg, principal):
            names = [name for name, _ in files.get(s["id"], [])]
            rows.append(uwazi.source_row(s, names))
            for name, sha in files.get(s["id"], []):
                if reg.files.has(sha):
                    z.write(reg.files.path(sha), f"files/{name}")
        data, count = _uwazi_csv(uwazi.TEMPLATES["sources"], rows)
        z.writestr("sources.csv", data)
        n += count
    return n


def write_xlsx(reg: Register, principal: Principal, out: Path, f: EventFilter) -> int:
    """One sheet per table (events, people, places, actors, involvements, claims, sources), written row by row
    (openpyxl's write-only mode); a table the reader has no row of is an empty sheet."""
    wb = Workbook(write_only=True)
    n = 0
    sheets: dict[str, Callable[[], Iterable[dict[str, Any]]]] = {
        "events": lambda: ({k: v for k, v in ev.items() if not isinstance(v, list | dict)} | {
            "place": (ev["place"] or {}).get("name"), "perpetrators": "; ".join(a["name"] for a in ev["perpetrators"]),
            "sources": "; ".join(s["name"] for s in ev["sources"])} for ev in iter_events(reg, principal, f)),
        "people": lambda: ({k: v for k, v in p.items() if not isinstance(v, list | dict)}
                           for p in iter_people(reg, principal)),
        "places": lambda: iter_rows(reg, principal, PlaceRow),
        "actors": lambda: list_actors(reg, principal),
        "involvements": lambda: iter_rows(reg, principal, InvolvementRow),
        "claims": lambda: iter_rows(reg, principal, ClaimRow),
        "sources": lambda: list_sources(reg, principal),
    }
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        header: list[str] | None = None
        for row in rows():
            if header is None:
                header = list(row)
                ws.append(header)
            ws.append([_xlsx_cell(row.get(k)) for k in header])
            n += 1
    wb.save(out)
    return n


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return csv_cell(value)  # a cell that begins like a formula is text, not a formula


TEXT_WRITERS = {"acled": write_acled, "hxl": write_hxl, "geojson": write_geojson, "popolo": write_popolo}
FILE_WRITERS = {"uwazi": write_uwazi, "xlsx": write_xlsx}


def export_format(
    reg: Register, principal: Principal, fmt: str, out: Path, f: EventFilter = EventFilter()
) -> Exported:
    """Write the register in `fmt` to `out` (a file, or a folder to put it in: a path without a suffix);
    audited with its SHA-256."""
    if fmt not in SUFFIX:
        raise Invalid(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    path = out / f"aqiqat-{fmt}{SUFFIX[fmt]}" if out.is_dir() or not out.suffix else out
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        if fmt in TEXT_WRITERS:
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                rows = TEXT_WRITERS[fmt](reg, principal, fh, f)
        else:
            rows = FILE_WRITERS[fmt](reg, principal, tmp, f)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    done = Exported(path, file_sha256(path), rows, fmt)
    audit_file(reg, principal, "export", fmt, done.path.name, done.sha256, {"rows": rows})
    return done


def audit_file(
    reg: Register, principal: Principal, entity: str, kind: str, name: str, sha256: str, extra: dict[str, Any]
) -> None:
    with reg.unit(principal) as unit:
        unit.audit(AuditAction.EXPORT, entity, kind, None,
                   {"file": name, "sha256": sha256, "clearance": str(principal.clearance), **extra})
