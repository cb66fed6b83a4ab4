"""weekly loop: aid items (goods items and fund purposes), run leases and stages,
unserved needs and gone proposals per run, one active run per region

Revision ID: 0005_weekly_loop
Revises: 0004_field
Create Date: 2026-11-29 00:47:11.918750
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_weekly_loop"
down_revision = "0004_field"
branch_labels = None
depends_on = None

ACTIVE = sa.text("status IN ('queued', 'running')")

# The vocabulary an admin starts from (and may extend): (code, kind, 中文, English).
AID_ITEMS = [
    ("school_supplies", "goods", "书包文具", "School bag and stationery"),
    ("books", "goods", "课外书", "Books"),
    ("winter_clothes", "goods", "冬衣", "Winter clothes"),
    ("nutrition", "goods", "营养品", "Nutrition supplements"),
    ("daily_necessities", "goods", "日用品", "Daily necessities"),
    ("assistive_device", "goods", "辅助器具", "Assistive devices"),
    ("learning_device", "goods", "学习设备", "Learning devices"),
    ("other_goods", "goods", "其他物资", "Other goods"),
    ("tuition", "funds", "助学（学费）", "School costs"),
    ("living", "funds", "生活补助", "Living costs"),
    ("medical", "funds", "医疗救助", "Medical costs"),
    ("rehabilitation", "funds", "康复补贴", "Rehabilitation"),
    ("emergency", "funds", "临时救助", "Emergency relief"),
]
# Goods titles of the ledgers and demo data so far, mapped to the items above.
GOODS_TITLES = {
    "书包文具": "school_supplies",
    "课外书": "books",
    "冬衣": "winter_clothes",
    "营养品": "nutrition",
}


def upgrade() -> None:
    aid_item = op.create_table(
        "aid_item",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("goods", "funds", name="aid_item_kind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("name_zh", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_aid_item")),
    )
    with op.batch_alter_table("aid_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aid_item_kind"), ["kind"], unique=False)
    op.bulk_insert(
        aid_item,
        [
            {"code": c, "kind": k, "name_zh": zh, "name_en": en, "active": True}
            for c, k, zh, en in AID_ITEMS
        ],
    )

    op.create_table(
        "run_gone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column(
            "provider_type",
            sa.Enum(
                "volunteer",
                "agency",
                "resource",
                name="provider_type",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("why", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["need.id"], name=op.f("fk_run_gone_need_id_need"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["match_run.id"],
            name=op.f("fk_run_gone_run_id_match_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_gone")),
    )
    with op.batch_alter_table("run_gone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_gone_run_id"), ["run_id"], unique=False)

    op.create_table(
        "run_unserved",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=48), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["need.id"], name=op.f("fk_run_unserved_need_id_need"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["match_run.id"],
            name=op.f("fk_run_unserved_run_id_match_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "need_id", name=op.f("pk_run_unserved")),
    )
    with op.batch_alter_table("run_unserved", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_unserved_need_id"), ["need_id"], unique=False)

    # Runs left queued or running by the old in-process execution are dead: close them
    # before one active run per region becomes a rule.
    op.execute(
        "UPDATE match_run SET status = 'failed', error = 'abandoned before the upgrade' "
        "WHERE status IN ('queued', 'running')"
    )
    with op.batch_alter_table("match_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("error_code", sa.String(length=48), nullable=True))
        batch_op.add_column(
            sa.Column(
                "stage",
                sa.Enum(
                    "queued",
                    "read",
                    "solve",
                    "write",
                    "done",
                    name="run_stage",
                    native_enum=False,
                    length=24,
                ),
                nullable=False,
                server_default="done",
            )
        )
        batch_op.add_column(sa.Column("progress", sa.Float(), nullable=False, server_default="1.0"))
        batch_op.add_column(sa.Column("attempt", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(
            sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "uq_match_run_active_region",
            ["region_code"],
            unique=True,
            sqlite_where=ACTIVE,
            postgresql_where=ACTIVE,
        )

    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_code", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_need_item_code"), ["item_code"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_need_item_code_aid_item"), "aid_item", ["item_code"], ["code"]
        )

    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_code", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_resource_item_code"), ["item_code"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_resource_item_code_aid_item"), "aid_item", ["item_code"], ["code"]
        )

    # Goods so far said what they were only in free text: name the item where the text is
    # one of the known titles, "other goods" otherwise (matched only with each other).
    for title, code in GOODS_TITLES.items():
        op.execute(
            sa.text(
                "UPDATE need SET item_code = :code WHERE item_code IS NULL AND category_code IN "
                "(SELECT code FROM need_category WHERE kind = 'goods') AND description = :title"
            ).bindparams(code=code, title=title)
        )
        op.execute(
            sa.text(
                "UPDATE resource SET item_code = :code WHERE kind = 'goods' AND title = :title"
            ).bindparams(code=code, title=title)
        )
    op.execute(
        "UPDATE need SET item_code = 'other_goods' WHERE item_code IS NULL AND category_code IN "
        "(SELECT code FROM need_category WHERE kind = 'goods')"
    )
    op.execute(
        "UPDATE resource SET item_code = 'other_goods' WHERE kind = 'goods' AND item_code IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_resource_item_code_aid_item"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_resource_item_code"))
        batch_op.drop_column("item_code")

    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_need_item_code_aid_item"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_need_item_code"))
        batch_op.drop_column("item_code")

    with op.batch_alter_table("match_run", schema=None) as batch_op:
        batch_op.drop_index("uq_match_run_active_region")
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("lease_expires_at")
        batch_op.drop_column("attempt")
        batch_op.drop_column("progress")
        batch_op.drop_column("stage")
        batch_op.drop_column("error_code")

    with op.batch_alter_table("run_unserved", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_unserved_need_id"))
    op.drop_table("run_unserved")
    with op.batch_alter_table("run_gone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_gone_run_id"))
    op.drop_table("run_gone")
    with op.batch_alter_table("aid_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aid_item_kind"))
    op.drop_table("aid_item")
