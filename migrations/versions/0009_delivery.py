"""delivery: goods handed over and signed for (签收), confirmed by the donor

Revision ID: 0009_delivery
Revises: 0008_child_id_number_index
Create Date: 2026-11-29 04:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_delivery"
down_revision = "0008_child_id_number_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("delivered_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_pairing_delivered_by_user_account"),
            "user_account",
            ["delivered_by"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_pairing_delivered_by_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("delivered_by")
        batch_op.drop_column("delivered_at")
