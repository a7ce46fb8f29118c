"""external ids of imported records (ACLED, Uwazi): a re-import updates the records it made

Revision ID: 0010_exchange
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_exchange"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "external_refs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("system", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=True),
        sa.Column("source_ids", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_refs")),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_external_refs_document_id_documents")),
        sa.UniqueConstraint("system", "external_id", "entity", name="uq_external_refs_key"),
    )
    op.create_index("ix_external_refs_entity", "external_refs", ["entity", "entity_id"])


def downgrade() -> None:
    op.drop_index("ix_external_refs_entity", table_name="external_refs")
    op.drop_table("external_refs")
