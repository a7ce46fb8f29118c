"""the review inbox: pending suggestions counted per document and kind from one index; a document's reviewer
in its own column (it was in the metadata, which a restricted document seals, so the inbox could neither show
nor filter it, and assigning one rewrote the sealed metadata)

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_suggestions_status_doc_kind", "suggestions", ["status", "document_id", "kind"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("assigned_to", sa.String(200), nullable=False, server_default=""))
    documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("metadata", sa.JSON),
                         sa.column("assigned_to", sa.String))
    conn = op.get_bind()
    assigned = sa.cast(documents.c.metadata, sa.Text).like("%assigned_to%")
    for doc_id, meta in conn.execute(sa.select(documents.c.id, documents.c.metadata).where(assigned)).all():
        who = (meta or {}).get("assigned_to") if isinstance(meta, dict) else None
        if who:  # an open document's reviewer; a sealed one's cannot be read here and is assigned again
            conn.execute(documents.update().where(documents.c.id == doc_id).values(assigned_to=who))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("assigned_to")
    op.drop_index("ix_suggestions_status_doc_kind", table_name="suggestions")
