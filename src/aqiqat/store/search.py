"""Full-text search: SQLite FTS5 over lemmatised text; PostgreSQL tsvector with the 'russian' configuration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import String, and_, bindparam, column, func, literal, literal_column, table, text
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.orm import Session

from aqiqat.store.tables import DocumentRow


def index_document(s: Session, document_id: int, title: str, body: str, lemmas: str) -> None:
    """(Re)index one document. SQLite gets the lemmas; PostgreSQL stems the words itself."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            text(
                "INSERT INTO document_search (document_id, tsv) VALUES (:id, "
                "setweight(to_tsvector('russian', :title), 'A') || to_tsvector('russian', :body)) "
                "ON CONFLICT (document_id) DO UPDATE SET tsv = EXCLUDED.tsv"
            ),
            {"id": document_id, "title": title, "body": body},
        )
    else:
        s.execute(text("DELETE FROM document_fts WHERE rowid = :id"), {"id": document_id})
        s.execute(
            text("INSERT INTO document_fts (rowid, title, body) VALUES (:id, :title, :body)"),
            {"id": document_id, "title": title, "body": lemmas},
        )


def search_ids(s: Session, words: Sequence[str], raw_query: str, limit: int, offset: int) -> list[int]:
    """Document ids matching every word, best first. `words` are lemmas (SQLite), `raw_query` for PostgreSQL."""
    if s.get_bind().dialect.name == "postgresql":
        rows = s.execute(
            text(
                "SELECT document_id FROM document_search WHERE tsv @@ plainto_tsquery('russian', :q) "
                "ORDER BY ts_rank(tsv, plainto_tsquery('russian', :q)) DESC, document_id LIMIT :l OFFSET :o"
            ),
            {"q": raw_query, "l": limit, "o": offset},
        )
        return [int(r[0]) for r in rows]
    if not words:
        return []
    # Each lemma becomes a quoted FTS5 string: user input can never become FTS5 or SQL syntax.
    match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
    rows = s.execute(
        text("SELECT rowid FROM document_fts WHERE document_fts MATCH :m ORDER BY rank LIMIT :l OFFSET :o"),
        {"m": match, "l": limit, "o": offset},
    )
    return [int(r[0]) for r in rows]


_FTS = table("document_fts", column("rowid"), column("rank"))
_PG = table("document_search", column("document_id"), column("tsv"))


@dataclass(frozen=True, slots=True)
class Match:
    """How a documents query is restricted to full-text matches: start FROM `table`, JOIN documents ON
    `on` (which holds the match condition), order by `rank` (best first) or `key` (the document id, as the
    index stores it, so newest-first needs no sort). The words are a parameter, `MATCH_PARAM`, whose value
    `match_value` gives: the same statements serve every query."""

    table: Any
    on: Any
    rank: Any
    key: Any
    matches: Any  # the match condition alone, on `table` (for counting without the documents)


MATCH_PARAM = "match"


def match_value(dialect: str, words: Sequence[str], raw_query: str) -> str | None:
    """The value of `MATCH_PARAM`: SQLite gets the lemmas as quoted FTS5 strings (user input never becomes FTS5
    or SQL syntax); PostgreSQL gets the raw words for plainto_tsquery. None: nothing to search for."""
    if dialect == "postgresql":
        return raw_query
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


@cache
def match_on(dialect: str) -> Match:
    """The full-text side of a documents query on `dialect`, built once."""
    words = bindparam(MATCH_PARAM, type_=String)
    if dialect == "postgresql":
        query = func.plainto_tsquery(literal("russian", type_=REGCONFIG), words)
        matches = _PG.c.tsv.op("@@")(query)
        on = and_(_PG.c.document_id == DocumentRow.id, matches)
        return Match(_PG, on, func.ts_rank(_PG.c.tsv, query).desc(), _PG.c.document_id, matches)
    matches = literal_column("document_fts").op("MATCH")(words)
    on = and_(_FTS.c.rowid == DocumentRow.id, matches)
    return Match(_FTS, on, _FTS.c.rank, _FTS.c.rowid, matches)


def unindex_document(s: Session, document_id: int) -> None:
    """Take one document out of the full-text index (it became restricted)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("DELETE FROM document_search WHERE document_id = :id"), {"id": document_id})
    else:
        s.execute(text("DELETE FROM document_fts WHERE rowid = :id"), {"id": document_id})
