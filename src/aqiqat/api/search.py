"""Use case: full-text search of documents that understands Russian word forms.

Restricted documents are never put in the index (their words must not sit in the database in clear);
they are found by their metadata in the documents list instead.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from aqiqat.api.access import Principal
from aqiqat.api.capture_status import add_capture_status
from aqiqat.api.documents import DocumentFilter, count_documents, document_public, filtered, list_documents
from aqiqat.api.register import Register
from aqiqat.domain.enums import Confidentiality
from aqiqat.nlp.search_lemmas import lemmatise, query_lemmas
from aqiqat.store.search import index_document, match_join, search_ids
from aqiqat.store.tables import DocumentRow, SourceRow

MAX_QUERY = 500


def index_row(s: Any, row: DocumentRow) -> None:
    """Index one document in the open session (called by ingest in the same transaction)."""
    if row.confidentiality == Confidentiality.RESTRICTED or not row.text:
        return
    index_document(s, row.id, row.title or "", row.text, lemmatise(f"{row.title}\n{row.text}"))


def search_documents(
    reg: Register, principal: Principal, query: str, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Documents containing every word of `query` in any of its forms, best first, with a snippet."""
    q = (query or "").strip()[:MAX_QUERY]
    words = query_lemmas(q)
    if not words:
        return []
    with reg.reading() as s:
        ids = search_ids(s, words, q, limit * 2 + offset, 0)
        rows = {r.id: r for r in s.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)))} if ids else {}
        sources = {r.id: r for r in s.scalars(select(SourceRow))}
        out: list[dict[str, Any]] = []
        for doc_id in ids:
            row = rows.get(doc_id)
            if row is None or not principal.may_see(row.confidentiality):
                continue
            item = document_public(row, sources.get(row.source_id or -1), principal, full=False)
            item["snippet"] = snippet(row.text or "", q)
            out.append(item)
        return out[offset : offset + limit]


RANK_LIMIT = 1000


def search(
    reg: Register, principal: Principal, query: str, f: DocumentFilter = DocumentFilter()
) -> tuple[list[dict[str, Any]], int]:
    """One page of documents matching `query` and the list's filters, best first, and how many match
    (counted up to RANK_LIMIT + 1; beyond RANK_LIMIT matches the newest come first)."""
    q = (query or "").strip()[:MAX_QUERY]
    words = query_lemmas(q)
    if not words:
        return [], 0
    levels = [c.value for c in Confidentiality if principal.may_see(c)]
    with reg.reading() as s:
        match = match_join(s, words, q)
        if match is None:
            return [], 0

        def restricted(query: Any) -> Any:
            # driven from the index: the matches stream in index order and each finds its document by key,
            # instead of collecting every match of a common word into a temporary set first
            query = (
                query.select_from(match.table)
                .join(DocumentRow, match.on)
                .outerjoin(SourceRow, DocumentRow.source_id == SourceRow.id)
            )
            return filtered(query.where(DocumentRow.confidentiality.in_(levels)), f, principal)

        # Counting stops at RANK_LIMIT + 1: ranking (bm25) every match of a very common word costs tens of
        # milliseconds, so past that many matches the newest documents come first and the total reads "1000+".
        narrowed = (f.source, f.kind, f.language, f.published_from, f.published_to, f.capture_status)
        if not any(narrowed) and principal.may_see(Confidentiality.INTERNAL):
            # The index never holds a restricted document (index_row; reclassifying one up unindexes it) and
            # documents are never deleted, so for a reader cleared for every other level each match is a
            # document they may see: counted on the index alone, without finding each document's row.
            capped = select(match.key).select_from(match.table).where(match.matches).limit(RANK_LIMIT + 1).subquery()
        else:
            capped = restricted(select(DocumentRow.id)).limit(RANK_LIMIT + 1).subquery()
        total = int(s.connection().scalar(select(func.count()).select_from(capped)) or 0)
        page = restricted(select(DocumentRow, SourceRow))
        if total <= RANK_LIMIT:
            page = page.order_by(match.rank, DocumentRow.id)
        else:
            page = page.order_by(match.key.desc())
        out = []
        for row, source in s.execute(page.limit(f.limit).offset(f.offset)):
            item = document_public(row, source, principal, full=False)
            item["snippet"] = snippet(row.text or "", q)
            out.append(item)
        return add_capture_status(s, principal, out), total


def warm_up() -> None:
    """Load the lemmatiser's dictionaries now rather than during the first search."""
    query_lemmas("задержания")


def snippet(text: str, query: str, width: int = 90) -> str:
    """A passage around the first word of the text that shares a stem with a query word."""
    stems = [w.lower()[: max(3, len(w) - 2)] for w in re.findall(r"\w+", query) if len(w) > 1]
    low = text.lower()
    hits = [low.find(stem) for stem in stems if low.find(stem) >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width)
    end = min(len(text), at + width)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def search_or_list(
    reg: Register, principal: Principal, q: str | None, f: DocumentFilter
) -> tuple[list[dict[str, Any]], int]:
    """Full-text search when there is a query (Russian word forms), else the filtered list."""
    if q and q.strip():
        return search(reg, principal, q.strip(), f)
    return list_documents(reg, principal, f), count_documents(reg, f, principal)
