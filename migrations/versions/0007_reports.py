"""reports: the annual spot-check of files (sample and checklist), volunteers'
service certificates with their public verification code, and an index of visits for the
statistics

Revision ID: 0007_reports
Revises: 0006_hardening
Create Date: 2026-11-29 01:51:00.361339
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_reports"
down_revision = "0006_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_stats",
            ["occurred_at", "child_id", "kind", "author_id", "hours_status", "duration_minutes"],
            unique=False,
        )
    op.create_table(
        "spot_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("region_path", sa.String(length=80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_spot_check_created_by_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_spot_check_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check")),
        sa.UniqueConstraint("region_code", "year", name=op.f("uq_spot_check_region_code_year")),
    )
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_spot_check_region_code"), ["region_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_spot_check_region_path"), ["region_path"], unique=False
        )

    op.create_table(
        "service_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("services", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["issued_by"],
            ["user_account.id"],
            name=op.f("fk_service_certificate_issued_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
            name=op.f("fk_service_certificate_volunteer_id_volunteer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_certificate")),
        sa.UniqueConstraint("code", name=op.f("uq_service_certificate_code")),
    )
    with op.batch_alter_table("service_certificate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_certificate_volunteer_id"), ["volunteer_id"], unique=False
        )

    op.create_table(
        "spot_check_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spot_check_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("township_code", sa.String(length=12), nullable=False),
        sa.Column(
            "risk_level",
            sa.Enum("high", "medium", "low", name="risk_level", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("info_complete", sa.Boolean(), nullable=True),
        sa.Column("visits_on_rhythm", sa.Boolean(), nullable=True),
        sa.Column("consent_recorded", sa.Boolean(), nullable=True),
        sa.Column("problems_resolved", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("checked_by", sa.Integer(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_by"],
            ["user_account.id"],
            name=op.f("fk_spot_check_item_checked_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child.id"],
            name=op.f("fk_spot_check_item_child_id_child"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["spot_check_id"],
            ["spot_check.id"],
            name=op.f("fk_spot_check_item_spot_check_id_spot_check"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["township_code"], ["region.code"], name=op.f("fk_spot_check_item_township_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check_item")),
        sa.UniqueConstraint(
            "spot_check_id", "child_id", name=op.f("uq_spot_check_item_spot_check_id_child_id")
        ),
    )
    with op.batch_alter_table("spot_check_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_spot_check_item_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_spot_check_item_spot_check_id"), ["spot_check_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
    with op.batch_alter_table("spot_check_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_spot_check_item_spot_check_id"))
        batch_op.drop_index(batch_op.f("ix_spot_check_item_child_id"))

    op.drop_table("spot_check_item")
    with op.batch_alter_table("service_certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_certificate_volunteer_id"))

    op.drop_table("service_certificate")
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_spot_check_region_path"))
        batch_op.drop_index(batch_op.f("ix_spot_check_region_code"))

    op.drop_table("spot_check")
