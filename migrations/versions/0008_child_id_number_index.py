"""children: a blind index of the ID number, so a re-imported ledger finds the files it
describes without decrypting them

Revision ID: 0008_child_id_number_index
Revises: 0007_reports
Create Date: 2026-11-29 04:30:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008_child_id_number_index"
down_revision = "0007_reports"
branch_labels = None
depends_on = None


def _cipher() -> Any:
    from app.crypto import cipher

    return cipher()  # configured by create_app(): run through `flask db upgrade`


def upgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id_number_index", sa.String(length=32), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_child_id_number_index"), ["id_number_index"], unique=False
        )
    bind = op.get_bind()
    child = sa.table(
        "child", sa.column("id"), sa.column("pii", sa.Text), sa.column("id_number_index")
    )
    rows = bind.execute(sa.select(child.c.id, child.c.pii)).all()
    if not rows:
        return
    cipher = _cipher()
    for child_id, token in rows:
        number = (cipher.decrypt(token) or {}).get("id_number") if token else None
        if number:
            bind.execute(
                sa.update(child)
                .where(child.c.id == child_id)
                .values(id_number_index=cipher.blind_index(str(number).upper()))
            )


def downgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_id_number_index"))
        batch_op.drop_column("id_number_index")
