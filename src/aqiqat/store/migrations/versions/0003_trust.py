"""trust: documents.text_sha256 (filled for existing texts), sealed passages of evidence and quotes

Revision ID: 0003
Revises: 0002
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_sha256", sa.String(length=64), nullable=True))
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
    bind = op.get_bind()
    docs = sa.table("documents", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                    sa.column("text_sha256", sa.String))
    rows = bind.execute(sa.select(docs.c.id, docs.c.text).where(docs.c.text.is_not(None))).all()
    for doc_id, text in rows:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        bind.execute(sa.update(docs).where(docs.c.id == doc_id).values(text_sha256=digest))


def downgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_column("sealed")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("sealed")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("text_sha256")
