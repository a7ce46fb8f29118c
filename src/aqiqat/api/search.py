"""Use case: full-text search of documents that understands Russian word forms.

Restricted documents are never put in the index (their words must not sit in the database in clear);
they are found by their metadata in the documents list instead.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Integer, bindparam, func, select

from aqiqat.api.access import Principal
from aqiqat.api.capture_status import add_capture_status
from aqiqat.api.documents import (
    DocumentFilter,
    count_documents,
    document_public,
    filter_conditions,
    filter_params,
    list_documents,
    listed,
    listed_columns,
)
from aqiqat.api.register import Register
from aqiqat.domain.enums import Confidentiality
from aqiqat.nlp.search_lemmas import lemmatise, query_lemmas
from aqiqat.store.search import MATCH_PARAM, index_document, match_on, match_value, search_ids
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
    params = filter_params(f)
    shape = frozenset(params)
    # The index never holds a restricted document (index_row; reclassifying one up unindexes it) and documents
    # are never deleted, so for a reader cleared for every other level each match is a document they may see:
    # counted on the index alone, without finding each document's row.
    on_index = not shape and principal.may_see(Confidentiality.INTERNAL)
    with reg.reading() as s:
        dialect = s.get_bind().dialect.name
        value = match_value(dialect, words, q)
        if value is None:
            return [], 0
        count, ranked, newest = _statements(dialect, shape, on_index)
        params.update({MATCH_PARAM: value, "levels": [c.value for c in Confidentiality if principal.may_see(c)]})
        conn = s.connection()  # plain rows: a page of fifty needs no identity map, and building one costs more
        total = int(conn.scalar(count, {**params, "cap": RANK_LIMIT + 1}) or 0)
        page = ranked if total <= RANK_LIMIT else newest
        rows = conn.execute(page, {**params, "limit": f.limit, "offset": f.offset}).mappings().all()
        out = []
        for (item, row), r in zip(listed(s, principal, rows), rows, strict=True):
            item["snippet"] = snippet((row.text if row is not None else r["text"]) or "", q)
            out.append(item)
        return add_capture_status(s, principal, out), total


@cache
def _statements(dialect: str, shape: frozenset[str], on_index: bool) -> tuple[Any, Any, Any]:
    """The count and the two page orders of a search with the filters named in `shape`, built once: building and
    keying them anew costs SQLAlchemy more than the database takes to run them."""
    match = match_on(dialect)
    levels: BindParameter[Any] = bindparam("levels", expanding=True)

    def restricted(query: Any) -> Any:
        # driven from the index: the matches stream in index order and each finds its document by key,
        # instead of collecting every match of a common word into a temporary set first
        return (
            query.select_from(match.table)
            .join(DocumentRow, match.on)
            .outerjoin(SourceRow, DocumentRow.source_id == SourceRow.id)
            .where(DocumentRow.confidentiality.in_(levels), *filter_conditions(shape))
        )

    # Counting stops at RANK_LIMIT + 1: ranking (bm25) every match of a very common word costs tens of
    # milliseconds, so past that many matches the newest documents come first and the total reads "1000+".
    cap = bindparam("cap", type_=Integer)  # RANK_LIMIT + 1
    if on_index:
        capped = select(match.key).select_from(match.table).where(match.matches).limit(cap).subquery()
    else:
        capped = restricted(select(DocumentRow.id)).limit(cap).subquery()
    page = restricted(select(*listed_columns(), DocumentRow.text))
    limit, offset = bindparam("limit", type_=Integer), bindparam("offset", type_=Integer)
    return (
        select(func.count()).select_from(capped),
        page.order_by(match.rank, DocumentRow.id).limit(limit).offset(offset),
        page.order_by(match.key.desc()).limit(limit).offset(offset),
    )


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
