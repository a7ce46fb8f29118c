"""full-text search of documents

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE document_search (document_id INTEGER PRIMARY KEY "
            "REFERENCES documents(id) ON DELETE CASCADE, tsv tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_document_search_tsv ON document_search USING GIN (tsv)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE document_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 0')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE document_search")
    else:
        op.execute("DROP TABLE document_fts")
