"""Use case: machine suggestions for documents, in parallel worker processes.

Extraction is a pure function of (text, metadata, extractor version): the workers get only text and
metadata and return drafts; this process writes each document's suggestions in one audited transaction.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from aqiqat.api.access import Principal
from aqiqat.api.documents import find_document_row
from aqiqat.api.register import Register, utcnow
from aqiqat.api.sealing import document_fields, document_text
from aqiqat.domain.enums import AuditAction
from aqiqat.domain.model import SuggestionDraft
from aqiqat.nlp.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractionMeta, Extractor
from aqiqat.store.tables import DocumentRow, SuggestionRow

Job = tuple[int, str, str | None, date | None, str, str]

_worker_extractor: Extractor | None = None


@dataclass(slots=True)
class ExtractReport:
    done: dict[int, int] = field(default_factory=dict)  # document id -> suggestions written
    skipped: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)

    @property
    def suggestions(self) -> int:
        return sum(self.done.values())


def pending_documents(reg: Register, refs: Iterable[str | int] | None = None, force: bool = False) -> list[Job]:
    """Documents with text that this extractor version has not processed (or the ones named)."""
    with reg.reading() as s:
        if refs:
            rows = [find_document_row(s, ref) for ref in refs]
        else:
            query = (
                select(DocumentRow)
                .where(or_(DocumentRow.text.is_not(None), DocumentRow.text_sealed.is_not(None)))
                .order_by(DocumentRow.id)
            )
            if not force:
                query = query.where(
                    or_(DocumentRow.extracted_version.is_(None), DocumentRow.extracted_version != _version_tag())
                )
            rows = list(s.scalars(query))
        jobs: list[Job] = []
        for r in rows:
            if not (force or refs or r.extracted_version != _version_tag()):
                continue
            text = document_text(r)  # a restricted document's text is opened here, never stored in clear
            if text:
                title = document_fields(r).get("title", r.title) if r.text_sealed is not None else r.title
                jobs.append((r.id, text, r.language, r.published_at, title, r.kind))
        return jobs


def _version_tag() -> str:
    return f"{EXTRACTOR_NAME}/{EXTRACTOR_VERSION}"


def _init_worker() -> None:
    """Load the models once per process (a worker, or this process when extraction runs inline)."""
    global _worker_extractor
    if _worker_extractor is None:
        _worker_extractor = Extractor()


def _run_job(job: Job) -> tuple[int, list[SuggestionDraft] | str]:
    doc_id, text, language, published, title, kind = job
    assert _worker_extractor is not None
    try:
        meta = ExtractionMeta(language=language, published_at=published, title=title, kind=kind)
        return doc_id, _worker_extractor.extract(text, meta)
    except Exception as exc:  # one bad document never stops the others
        return doc_id, f"extraction failed: {type(exc).__name__}: {exc}".splitlines()[0]


def _results(jobs: list[Job], workers: int) -> Iterator[tuple[int, list[SuggestionDraft] | str]]:
    if workers <= 1 or len(jobs) <= 1:
        _init_worker()
        for job in jobs:
            yield _run_job(job)
        return
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
        yield from pool.map(_run_job, jobs, chunksize=1)


def extract_documents(
    reg: Register,
    principal: Principal,
    refs: Iterable[str | int] | None = None,
    workers: int = 1,
    force: bool = False,
    progress: Callable[[int, int | str], None] | None = None,
) -> ExtractReport:
    """Write suggestions for each pending (or named) document; each document in its own transaction."""
    jobs = pending_documents(reg, refs, force)
    report = ExtractReport()
    for doc_id, result in _results(jobs, workers):
        if isinstance(result, str):
            report.failed[doc_id] = result
        else:
            report.done[doc_id] = store_suggestions(reg, principal, doc_id, result)
        if progress:
            progress(doc_id, result if isinstance(result, str) else len(result))
    return report


def store_suggestions(reg: Register, principal: Principal, doc_id: int, drafts: list[SuggestionDraft]) -> int:
    tag = _version_tag()
    now = utcnow()
    with reg.unit(principal) as unit:
        s = unit.session
        doc = s.get(DocumentRow, doc_id)
        if doc is None:
            return 0
        already = s.scalar(
            select(SuggestionRow.id)
            .where(
                SuggestionRow.document_id == doc_id,
                SuggestionRow.extractor_version == EXTRACTOR_VERSION,
                SuggestionRow.extractor == EXTRACTOR_NAME,
            )
            .limit(1)
        )
        if already is not None:  # a rerun after a crash, or a forced rerun: never duplicate
            doc.extracted_version = tag
            return 0
        for d in drafts:
            s.add(
                SuggestionRow(
                    document_id=doc_id,
                    kind=str(d.kind),
                    payload=d.payload,
                    spans=[{"start": sp.start, "end": sp.end, "text": sp.text} for sp in d.spans],
                    confidence=float(d.confidence),
                    extractor=d.extractor,
                    extractor_version=d.version,
                    status="pending",
                    decision={},
                    created_at=now,
                    updated_at=now,
                )
            )
        doc.extracted_version = tag
        doc.updated_at = now
        s.flush()
        counts: dict[str, Any] = {}
        for d in drafts:
            counts[str(d.kind)] = counts.get(str(d.kind), 0) + 1
        unit.audit(AuditAction.EXTRACT, "document", doc_id, None, {"extractor": tag, "suggestions": counts})
        return len(drafts)
