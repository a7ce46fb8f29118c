"""evidence groups: documents carrying the same picture or video, grouped as one piece of evidence

Revision ID: 0012
Revises: 0010_exchange
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_groups")),
    )
    op.create_index("ix_evidence_groups_ended_at", "evidence_groups", ["ended_at"])
    op.create_table(
        "evidence_group_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_group_members")),
        sa.ForeignKeyConstraint(["group_id"], ["evidence_groups.id"],
                                name=op.f("fk_evidence_group_members_group_id_evidence_groups")),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_evidence_group_members_document_id_documents")),
    )
    op.create_index("ix_evidence_group_members_group_id", "evidence_group_members", ["group_id"])
    op.create_index("ix_evidence_group_members_document_id", "evidence_group_members", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_evidence_group_members_document_id", table_name="evidence_group_members")
    op.drop_index("ix_evidence_group_members_group_id", table_name="evidence_group_members")
    op.drop_table("evidence_group_members")
    op.drop_index("ix_evidence_groups_ended_at", table_name="evidence_groups")
    op.drop_table("evidence_groups")
