"""Use case: import Uwazi CSV (a zip with events.csv, people.csv, sources.csv and files/, or one CSV) with a
preview first, as exchange_import.py does for ACLED. Rows are keyed by `aqiqat_id` when the file has it,
else by title; people link to events by the events' titles, as Uwazi writes relationships."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Invalid
from aqiqat.api.exchange_import import ImportPreview, PlannedRow, csv_rows, decode, store_file
from aqiqat.api.import_apply import Applier
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.register import Register, utcnow
from aqiqat.domain.enums import Confidentiality, SourceKind
from aqiqat.exchange import uwazi
from aqiqat.store.tables import EventRow, ExternalRefRow, PersonNameRow

PARSERS = {"events": uwazi.parse_event, "people": uwazi.parse_person, "sources": uwazi.parse_source}
ENTITY = {"events": "event", "people": "person", "sources": "source"}
EXPORT_PREFIX = re.compile(r"^[0-9a-f]{12}-")  # our export's file names: the hash's first 12 digits, then the name


@dataclass
class UwaziPlan:
    preview: ImportPreview
    tables: dict[str, tuple[bytes, str, list[PlannedRow]]] = field(default_factory=dict)  # name -> (bytes, ...)
    files: dict[str, bytes] = field(default_factory=dict)


def _members(path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    if path.suffix.lower() != ".zip":
        return {path.name: path.read_bytes()}, {}
    tables, files = {}, {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.is_dir():
                continue
            name = PurePosixPath(info.filename)
            if name.suffix.lower() == ".csv" and len(name.parts) == 1:
                tables[name.name] = z.read(info)
            else:
                files[name.name] = z.read(info)  # an attachment, named as the CSV names it
    return tables, files


def plan(path: Path, shown: str) -> UwaziPlan:
    tables, files = _members(path)
    result = UwaziPlan(ImportPreview("uwazi", shown, [], []), files=files)
    for name in sorted(tables, key=lambda n: ("sources", "events", "people").index(n[:-4]) if n[:-4] in PARSERS else 9):
        text = decode(tables[name], name)
        rows = csv_rows(text)
        try:
            _, header, _, _ = next(rows)
        except StopIteration:
            result.preview.errors.append(f"{name}: the file is empty")
            continue
        header = [h.strip().lstrip("\ufeff").lower() for h in header]
        template = uwazi.template_of(header)
        if template is None:
            result.preview.errors.append(f"{name}: no `title` column; Uwazi requires it")
            continue
        known = uwazi.TEMPLATES[template]
        result.preview.mapped += [f"{name}:{h}" for h in header if h in known]
        result.preview.ignored += [f"{name}:{h}" for h in header if h not in known]
        planned: list[PlannedRow] = []
        seen: dict[str, int] = {}
        for number, cells, start, end in rows:
            row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
            if len(cells) > len(header) or not row["title"].strip():
                result.preview.errors.append(f"{name} row {number}: " + (
                    "more cells than headers" if len(cells) > len(header) else "title is empty"))
                continue
            try:
                parsed = PARSERS[template](row)
            except ValueError as exc:
                result.preview.errors.append(f"{name} row {number}: {exc}")
                continue
            key = f"{template}:{row.get('aqiqat_id') or row['title'].strip()}"
            if key in seen:
                result.preview.errors.append(f"{name} row {number}: the same record as row {seen[key]}")
                continue
            seen[key] = number
            parsed["template"] = template
            missing = [a for a in parsed.get("attachments", []) if a not in files]
            if missing:
                result.preview.errors.append(f"{name} row {number}: attachment {missing[0]} is not in the zip")
                continue
            planned.append(PlannedRow(number, key, parsed, start, end, text[start:end].rstrip()))
        result.tables[name] = (tables[name], template, planned)
        result.preview.rows += planned
    return result


def import_uwazi(
    reg: Register, principal: Principal, path: Path, confirm: bool = False, level: str = "internal",
    name: str | None = None,
) -> ImportPreview:
    shown = name or path.name
    p = plan(path, shown)
    with reg.reading() as s:
        known = set(s.scalars(select(ExternalRefRow.external_id).where(ExternalRefRow.system == "uwazi")))
    for row in p.preview.rows:
        row.action = "update" if row.external_id in known else "new"
    if not confirm:
        return p.preview
    if p.preview.errors:
        raise Invalid(f"{shown}: {len(p.preview.errors)} bad rows, nothing imported; first: {p.preview.errors[0]}")
    stored = {n: store_file(reg, principal, data, n, level) for n, (data, _, _) in p.tables.items()}
    sources = _sources(p)
    for f, data in p.files.items():  # each attachment a document of its source
        _attach(reg, principal, data, f, sources.get(f), level)
    preview = p.preview
    with reg.unit(principal) as unit:
        apply = Applier(unit, "uwazi", 0)
        titles: dict[str, int] = {}
        for name, (_, template, _) in p.tables.items():
            apply.document_id, text = stored[name]
            for row in _replan(text, name, template):
                outcome = _apply_row(apply, template, row, titles)
                preview.created += outcome == "created"
                preview.updated += outcome == "updated"
                preview.unchanged += outcome == "unchanged"
    preview.written = True
    return preview


def _replan(text: str, name: str, template: str) -> list[PlannedRow]:
    """The rows again, with spans into the stored text (which the evidence points into)."""
    rows = csv_rows(text)
    _, header, _, _ = next(rows)
    header = [h.strip().lstrip("\ufeff").lower() for h in header]
    out = []
    for number, cells, start, end in rows:
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        parsed = PARSERS[template](row)
        out.append(PlannedRow(number, f"{template}:{row.get('aqiqat_id') or row['title'].strip()}", parsed,
                              start, end, text[start:end].rstrip()))
    return out


def _sources(p: UwaziPlan) -> dict[str, dict[str, Any]]:
    """Which source each attachment belongs to."""
    out: dict[str, dict[str, Any]] = {}
    for _, template, rows in p.tables.values():
        for row in rows if template == "sources" else []:
            for a in row.parsed["attachments"]:
                out[a] = row.parsed["source"]
    return out


def _attach(
    reg: Register, principal: Principal, data: bytes, name: str, source: dict[str, Any] | None, level: str
) -> int | None:
    kind = SourceKind(source["kind"]) if source and source["kind"] in set(SourceKind) else SourceKind.OTHER
    outcome = ingest_bytes(reg, principal, data, EXPORT_PREFIX.sub("", name), IngestOptions(
        source=source["name"] if source else None, source_kind=kind, confidentiality=Confidentiality(level)))
    return outcome.document_id


def _apply_row(apply: Applier, template: str, row: PlannedRow, titles: dict[str, int]) -> str:
    span = (row.start, row.end, row.text)
    parsed = row.parsed
    if template == "sources":
        src = parsed["source"]
        before = apply.s.scalar(select(ExternalRefRow.id).where(ExternalRefRow.system == "uwazi",
                                                                ExternalRefRow.external_id == row.external_id))
        sid = apply.source(src["name"], **{k: v for k, v in src.items() if k != "name"})
        if before is None:
            apply.s.add(ExternalRefRow(system="uwazi", external_id=row.external_id, entity="source", entity_id=sid,
                                       document_id=apply.document_id, row_number=row.number, source_ids=[],
                                       updated_at=utcnow()))
        return "unchanged" if before is not None else "created"
    if template == "events":
        values = {**parsed["event"], "place_id": apply.place_of(parsed.get("place"))}
        sources = [apply.source(n) for n in parsed["sources"]]
        outcome, event_id = apply.record("event", row.external_id, row.number, values, span, sources)
        titles[values["title"]] = event_id
        for name in parsed["perpetrators"]:
            apply.involve(event_id, "perpetrator", actor_id=apply.actor(name, "unknown"))
        return outcome
    outcome, person_id = apply.record("person", row.external_id, row.number, parsed["person"], span)
    have = set(apply.s.scalars(select(PersonNameRow.text).where(PersonNameRow.person_id == person_id)))
    for n in parsed["names"]:
        if n not in have:
            apply.s.add(PersonNameRow(person_id=person_id, text=n))
    for role, event_titles in parsed["links"].items():
        for title in event_titles:
            linked = titles.get(title) or apply.s.scalar(select(EventRow.id).where(EventRow.title == title).limit(1))
            if linked is not None:
                apply.involve(linked, role, person_id=person_id)
    return outcome
