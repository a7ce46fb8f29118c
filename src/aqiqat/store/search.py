"""Full-text search: SQLite FTS5 over lemmatised text; PostgreSQL tsvector with the 'russian' configuration."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session


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
