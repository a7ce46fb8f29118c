"""derived confidentiality: every record carries a level (and a hand-set floor) and a sealed column

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LEVELLED = (
    "sources",
    "places",
    "actors",
    "involvements",
    "claims",
    "adopted_figures",
    "quotes",
    "evidence",
    "victim_lists",
    "list_entries",
    "link_judgements",
)
FLOORED = ("places", "persons", "actors", "events", "claims")
SEALED = (
    "sources",
    "places",
    "actors",
    "events",
    "involvements",
    "claims",
    "adopted_figures",
    "victim_lists",
    "list_entries",
    "link_judgements",
)


def upgrade() -> None:
    for table in sorted(set(LEVELLED) | set(FLOORED) | set(SEALED)):
        with op.batch_alter_table(table) as batch:
            if table in LEVELLED:
                batch.add_column(
                    sa.Column("confidentiality", sa.String(16), nullable=False, server_default="internal")
                )
                batch.create_index(f"ix_{table}_confidentiality", ["confidentiality"])
            if table in FLOORED:
                batch.add_column(sa.Column("level_floor", sa.String(16), nullable=False, server_default="public"))
            if table in SEALED:
                batch.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
    # a level set by hand before this revision is kept as the floor the derived level cannot go below
    op.execute("UPDATE events SET level_floor = confidentiality")
    op.execute("UPDATE persons SET level_floor = confidentiality")


def downgrade() -> None:
    for table in sorted(set(LEVELLED) | set(FLOORED) | set(SEALED)):
        with op.batch_alter_table(table) as batch:
            if table in LEVELLED:
                batch.drop_index(f"ix_{table}_confidentiality")
                batch.drop_column("confidentiality")
            if table in FLOORED:
                batch.drop_column("level_floor")
            if table in SEALED:
                batch.drop_column("sealed")
