"""hardening: free text about children encrypted, idempotency keys keep no response body

Revision ID: 0006_hardening
Revises: 0005_weekly_loop
Create Date: 2026-11-29 01:00:00

Existing values are encrypted in place with the application's field key, so run it through
`flask db upgrade` (which configures the key). Cached idempotent responses held personal
data in clear and are dropped: a retry of an older request is then done again (a visit with
the phone's own id is refused as a duplicate, not doubled).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006_hardening"
down_revision = "0005_weekly_loop"
branch_labels = None
depends_on = None

# table, primary key, column: free text that was stored in clear (String(500)).
FREE_TEXT = [
    ("need", "id", "description"),
    ("need_transition", "id", "reason"),
    ("proposal", "id", "reason"),
    ("pairing", "id", "end_reason"),
    ("forbidden_pair", "id", "reason"),
]


def _cipher() -> Any:
    from app.crypto import cipher

    return cipher()  # configured by create_app(): run through `flask db upgrade`


def _convert(table: str, pk: str, column: str, encrypting: bool) -> None:
    bind = op.get_bind()
    raw = sa.table(table, sa.column(pk), sa.column(column, sa.Text))
    rows = bind.execute(sa.select(raw.c[pk], raw.c[column]).where(raw.c[column].is_not(None))).all()
    if not rows:
        return
    cipher = _cipher()
    for key, value in rows:
        new = cipher.encrypt(value) if encrypting else str(cipher.decrypt(value))[:500]
        bind.execute(sa.update(raw).where(raw.c[pk] == key).values({column: new}))


def _risk_reasons_to_body(bind: Any) -> None:
    """Risk-change records kept the reason in `data` (clear JSON); it moves to `body`."""
    records = sa.table(
        "child_record",
        sa.column("id"),
        sa.column("kind", sa.String),
        sa.column("body", sa.Text),
        sa.column("data", sa.JSON),
    )
    rows = bind.execute(
        sa.select(records.c.id, records.c.body, records.c.data).where(
            records.c.kind == "risk_change"
        )
    ).all()
    moving = [r for r in rows if isinstance(r.data, dict) and "reason" in r.data]
    if not moving:
        return
    cipher = _cipher()
    for row in moving:
        data = {k: v for k, v in row.data.items() if k != "reason"}
        body = row.body if row.body is not None else cipher.encrypt(row.data["reason"])
        bind.execute(sa.update(records).where(records.c.id == row.id).values(body=body, data=data))


# Append-only tables let key rotation (run by the owner, who alone may UPDATE them) rewrite
# their ciphertexts: an UPDATE passes while `tongxing.key_rotation` is on, nothing else.
GUARD_PG = (
    "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'UPDATE' AND current_setting('tongxing.key_rotation', true) = 'on' "
    "THEN RETURN NEW; END IF; "
    "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
)
GUARD_PG_BEFORE = (
    "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger AS $$ BEGIN "
    "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARD_PG)
    for table, _pk, column in FREE_TEXT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column,
                existing_type=sa.VARCHAR(length=500),
                type_=sa.Text(),
                existing_nullable=True,
            )
    for table, pk, column in FREE_TEXT:
        _convert(table, pk, column, encrypting=True)
    _risk_reasons_to_body(op.get_bind())

    op.execute("DELETE FROM idempotent_request")
    with op.batch_alter_table("idempotent_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_hash", sa.String(length=64), nullable=False))
        batch_op.add_column(sa.Column("location", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("resource_id", sa.String(length=64), nullable=True))
        batch_op.alter_column("status_code", existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index(
            batch_op.f("ix_idempotent_request_created_at"), ["created_at"], unique=False
        )
        batch_op.drop_column("body_hash")
        batch_op.drop_column("endpoint")
        batch_op.drop_column("response")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARD_PG_BEFORE)
    op.execute("DELETE FROM idempotent_request")
    with op.batch_alter_table("idempotent_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("response", sa.TEXT(), nullable=False))
        batch_op.add_column(sa.Column("endpoint", sa.VARCHAR(length=128), nullable=False))
        batch_op.add_column(sa.Column("body_hash", sa.VARCHAR(length=64), nullable=False))
        batch_op.drop_index(batch_op.f("ix_idempotent_request_created_at"))
        batch_op.alter_column("status_code", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("resource_id")
        batch_op.drop_column("location")
        batch_op.drop_column("request_hash")
    for table, pk, column in FREE_TEXT:
        _convert(table, pk, column, encrypting=False)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column,
                existing_type=sa.Text(),
                type_=sa.VARCHAR(length=500),
                existing_nullable=True,
            )
