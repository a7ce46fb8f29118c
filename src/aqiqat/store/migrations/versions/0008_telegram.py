"""Telegram messages as imported: posts (with their document) and service messages, one row per version

Revision ID: 0008
Revises: 0006_web_sessions
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006_web_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    json_type = sa.JSON().with_variant(sa.JSON(none_as_null=True), "postgresql")
    op.create_table(
        "telegram_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.String(32), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("edited_unixtime", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("previous_document_id", sa.Integer(), nullable=True),
        sa.Column("confidentiality", sa.String(16), nullable=False),
        sa.Column("meta", json_type, nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_messages")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_telegram_messages_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["previous_document_id"],
            ["documents.id"],
            name=op.f("fk_telegram_messages_previous_document_id_documents"),
        ),
        sa.UniqueConstraint("chat_id", "message_id", "edited_unixtime", name="uq_telegram_messages_version"),
    )
    op.create_index("ix_telegram_messages_document_id", "telegram_messages", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_telegram_messages_document_id", table_name="telegram_messages")
    op.drop_table("telegram_messages")
