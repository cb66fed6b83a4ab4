"""children: an index that serves prefix matches of the region path on PostgreSQL under any
collation, so the figures of a county or township read its files, not the province's

Revision ID: 0010_child_region_prefix_index
Revises: 0009_delivery
Create Date: 2026-11-29 08:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0010_child_region_prefix_index"
down_revision = "0009_delivery"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_child_region_prefix",
        "child",
        ["region_path"],
        unique=False,
        postgresql_ops={"region_path": "varchar_pattern_ops"},
    )


def downgrade() -> None:
    op.drop_index("ix_child_region_prefix", table_name="child")
