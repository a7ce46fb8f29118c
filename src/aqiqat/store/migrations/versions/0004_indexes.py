"""indexes for the workbench's lists and record histories

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_events_type_start", "events", ["type", "start_date", "end_date", "confidentiality"]),
    ("ix_events_grade_start", "events", ["grade", "start_date", "end_date", "confidentiality"]),
    ("ix_events_conf_start", "events", ["confidentiality", "start_date", "end_date"]),
    ("ix_events_start_id", "events", ["start_date", "id"]),
    ("ix_audit_entity", "audit_entries", ["entity", "entity_id"]),
    ("ix_involvements_event_role", "involvements", ["event_id", "role"]),
    ("ix_claims_subject_kind", "claims", ["subject", "kind"]),
    ("ix_documents_source_published", "documents", ["source_id", "published_at"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
