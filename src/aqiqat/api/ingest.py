"""Use case: ingest files and folders into the register, each file in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqiqat.api.access import Principal
from aqiqat.api.register import Register, Unit, row_dict, utcnow
from aqiqat.api.sealing import KeyUnavailable, sealed_name
from aqiqat.api.search import index_row
from aqiqat.domain.enums import AuditAction, Confidentiality, DatePrecision, DocumentKind, SourceKind
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import ReadResult, iter_paths, read_bytes
from aqiqat.store.tables import DocumentRow, SourceRow


@dataclass(frozen=True, slots=True)
class IngestOptions:
    source: str | None = None
    source_kind: SourceKind = SourceKind.OTHER
    url: str | None = None
    published_at: date | None = None
    language: str | None = None
    kind: DocumentKind | None = None
    confidentiality: Confidentiality = Confidentiality.INTERNAL
    consent_note: str = ""


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    path: str
    status: str  # added | duplicate | failed
    message: str = ""
    document_id: int | None = None
    sha256: str | None = None
    kind: str | None = None
    language: str | None = None


@dataclass(slots=True)
class IngestReport:
    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def added_ids(self) -> list[int]:
        return [o.document_id for o in self.outcomes if o.status == "added" and o.document_id is not None]


def expand(paths: Iterable[Path]) -> list[Path | IngestError]:
    return list(iter_paths(paths))


BATCH = 32


def ingest_paths(
    reg: Register,
    principal: Principal,
    paths: Iterable[Path],
    options: IngestOptions = IngestOptions(),
    progress: Callable[[IngestOutcome], None] | None = None,
) -> IngestReport:
    """Ingest every file under `paths`; one bad file is reported and never stops the rest."""
    return ingest_items(reg, principal, iter_paths(paths), options, progress)


def ingest_items(
    reg: Register,
    principal: Principal,
    items: Iterable[Path | IngestError],
    options: IngestOptions = IngestOptions(),
    progress: Callable[[IngestOutcome], None] | None = None,
) -> IngestReport:
    """Ingest files (and report the paths that could not be expanded), in batches that share one flush to
    disk; each document is still written in its own transaction, after its file is on disk."""
    report = IngestReport()
    batch: list[Path] = []

    def run_batch() -> None:
        for outcome in ingest_batch(reg, principal, batch, options):
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
        batch.clear()

    for item in items:
        if isinstance(item, IngestError):
            outcome = IngestOutcome(path="", status="failed", message=str(item))
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            run_batch()
    run_batch()
    return report


@dataclass(slots=True)
class _Prepared:
    path: Path
    data: bytes
    sha256: str
    result: ReadResult | None = None
    written: bool = False
    outcome: IngestOutcome | None = None


def _read_file(reg: Register, path: Path) -> bytes | IngestOutcome:
    try:
        size = path.stat().st_size
        if size > reg.settings.max_file_bytes:
            limit = reg.settings.max_file_bytes / 1e6
            raise IngestError(f"{path.name}: {size / 1e6:.1f} MB exceeds the {limit:.0f} MB limit")
        return path.read_bytes()
    except OSError as exc:
        return IngestOutcome(str(path), "failed", f"{path.name}: cannot read ({exc.strerror or exc})")
    except IngestError as exc:
        return IngestOutcome(str(path), "failed", str(exc))


def ingest_batch(reg: Register, principal: Principal, paths: list[Path], options: IngestOptions) -> list[IngestOutcome]:
    """Read and parse a batch, store the new files and flush them to disk together, then write each
    document in its own transaction."""
    if options.confidentiality == Confidentiality.RESTRICTED:  # sealed files take the one-by-one path
        return [ingest_file(reg, principal, p, options) for p in paths]
    items: list[_Prepared] = []
    outcomes: dict[int, IngestOutcome] = {}
    for i, path in enumerate(paths):
        data = _read_file(reg, path)
        if isinstance(data, IngestOutcome):
            outcomes[i] = data
        else:
            items.append(_Prepared(path, data, hashlib.sha256(data).hexdigest()))
    with reg.reading() as session:  # known bytes are not parsed again: a rerun after a crash skips them fast
        known = {
            r.sha256: r
            for r in session.scalars(select(DocumentRow).where(DocumentRow.sha256.in_([p.sha256 for p in items])))
        }
    for item in items:
        if item.sha256 in known:
            item.outcome = _duplicate(str(item.path), known[item.sha256])
            continue
        try:
            item.result = read_bytes(item.data, stored_name(item.path.name), max_bytes=reg.settings.max_file_bytes)
        except IngestError as exc:
            item.outcome = IngestOutcome(str(item.path), "failed", str(exc))
            continue
        _, item.written = reg.files.put(item.data, sync=False)
    reg.files.sync(p.sha256 for p in items if p.written)
    for item in items:
        if item.outcome is None:
            assert item.result is not None
            item.outcome = _commit(
                reg, principal, item.result, item.path.name, options, str(item.path), False, item.written
            )
    by_path = iter(items)
    return [outcomes[i] if i in outcomes else next(by_path).outcome for i in range(len(paths))]  # type: ignore[misc]


def ingest_file(reg: Register, principal: Principal, path: Path, options: IngestOptions) -> IngestOutcome:
    data = _read_file(reg, path)
    if isinstance(data, IngestOutcome):
        return data
    return ingest_bytes(reg, principal, data, path.name, options, display=str(path))


def ingest_bytes(
    reg: Register,
    principal: Principal,
    data: bytes,
    name: str,
    options: IngestOptions = IngestOptions(),
    display: str | None = None,
) -> IngestOutcome:
    """Ingest one file's bytes (also the upload path of the workbench)."""
    name = stored_name(name)
    shown = display or name
    with reg.reading() as session:  # known bytes are not parsed again: a rerun after a crash skips them fast
        existing = session.scalar(select(DocumentRow).where(DocumentRow.sha256 == hashlib.sha256(data).hexdigest()))
        if existing is not None:
            return _duplicate(shown, existing)
    try:
        result = read_bytes(data, name, max_bytes=reg.settings.max_file_bytes)
    except IngestError as exc:
        return IngestOutcome(shown, "failed", str(exc))
    sealed = options.confidentiality == Confidentiality.RESTRICTED  # restricted evidence is kept encrypted
    try:
        sha, written = reg.sealed_files.put(data, reg.keys.require()) if sealed else reg.files.put(data)
    except KeyUnavailable as exc:
        return IngestOutcome(shown, "failed", f"{name}: {exc}")
    return _commit(reg, principal, result, name, options, shown, sealed, written)


def _commit(
    reg: Register,
    principal: Principal,
    result: ReadResult,
    name: str,
    options: IngestOptions,
    shown: str,
    sealed: bool,
    written: bool,
) -> IngestOutcome:
    """Write the document, its search index entry and its audit entry in one transaction."""
    sha = result.sha256
    try:
        with reg.unit(principal) as unit:
            s = unit.session
            existing = s.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha))
            if existing is not None:
                return _duplicate(shown, existing)
            source_id = source_row_id(unit.session, options) if options.source else None
            row = _document_row(result, name, options, source_id)
            row.file_sealed = sealed
            s.add(row)
            s.flush()
            index_row(s, row)
            unit.audit(AuditAction.INGEST, "document", row.id, None, row_dict(row, frozenset({"text"})))
            return IngestOutcome(shown, "added", "", row.id, sha, row.kind, row.language)
    except Exception:
        if written:
            (reg.sealed_files if sealed else reg.files).remove(sha)
        raise


def _duplicate(shown: str, row: DocumentRow) -> IngestOutcome:
    return IngestOutcome(
        shown,
        "duplicate",
        f"already in the register as document {row.id}; nothing changed",
        row.id,
        row.sha256,
        row.kind,
        row.language,
    )


def source_row_id(session: Session, options: IngestOptions, audit: Unit | None = None) -> int:
    """The source named in ``options``, made when new (an entry in ``audit``'s log, when given); named in a
    restricted ingest, it is sealed with it (and found again by its sealed name)."""
    assert options.source
    level = str(options.confidentiality)
    restricted = level == "restricted"  # a source named in a restricted ingest (a witness) is sealed with it
    name = sealed_name(session, "source", options.source) if restricted else options.source
    row = session.scalar(select(SourceRow).where(SourceRow.name == name))
    if row is None:
        row = SourceRow(
            name=options.source,
            kind=str(options.source_kind),
            reliability="unknown",
            notes="",
            confidentiality="restricted" if restricted else "internal",
        )
        session.add(row)
        session.flush()
        if audit is not None:
            audit.audit(AuditAction.CREATE, "source", row.id, None, row_dict(row), restricted=restricted)
    return row.id


MAX_NAME = 255


def stored_name(name: str) -> str:
    """A file name as the register keeps and shows it: the last path part only, control and bidi-format
    characters (NUL, ESC, U+202E …) written as escapes, at most 255 characters (the end with the extension kept)."""
    name = name.rsplit("/", 1)[-1]
    if not name.isprintable():
        name = "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in name)
    if len(name) > MAX_NAME:
        name = name[: MAX_NAME - 41] + "…" + name[-40:]
    return name


def _document_row(result: ReadResult, name: str, options: IngestOptions, source_id: int | None) -> DocumentRow:
    name = stored_name(name)
    kind = options.kind or result.kind_hint or DocumentKind.ARTICLE
    published = options.published_at or result.published_at
    now = utcnow()
    return DocumentRow(
        sha256=result.sha256,
        media_type=result.media_type,
        size=result.size,
        kind=str(kind),
        title=result.title or Path(name).stem,
        url=options.url or result.url,
        author=result.author,
        published_at=published,
        published_precision=str(DatePrecision.DAY if published else DatePrecision.UNKNOWN),
        retrieved_at=now,
        language=options.language or result.language,
        text=result.text,
        confidentiality=str(options.confidentiality),
        consent_note=options.consent_note,
        original_name=name,
        encoding=result.encoding,
        meta=result.metadata,
        source_id=source_id,
        created_at=now,
        updated_at=now,
    )
