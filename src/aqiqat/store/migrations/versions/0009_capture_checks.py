"""re-checks of captured web pages: unchanged, changed or lost, dated

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "capture_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capture_checks")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_capture_checks_document_id_documents")
        ),
    )
    op.create_index("ix_capture_checks_document_id", "capture_checks", ["document_id"])
    op.create_index("ix_capture_checks_outcome", "capture_checks", ["outcome"])


def downgrade() -> None:
    op.drop_index("ix_capture_checks_outcome", table_name="capture_checks")
    op.drop_index("ix_capture_checks_document_id", table_name="capture_checks")
    op.drop_table("capture_checks")
