"""perceptual hashes (PDQ) of images and of sampled video frames

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "perceptual_hashes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("offset", sa.Float(), nullable=True),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perceptual_hashes")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_perceptual_hashes_document_id_documents")
        ),
    )
    op.create_index("ix_perceptual_hashes_document_id", "perceptual_hashes", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_perceptual_hashes_document_id", table_name="perceptual_hashes")
    op.drop_table("perceptual_hashes")
