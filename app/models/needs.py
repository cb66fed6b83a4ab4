"""Needs (需求清单): one taxonomy of categories, and each need's lifecycle."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, Float, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow
from app.models.children import Child, Gender


class NeedKind(enum.StrEnum):
    service = "service"  # measured in hours per week
    goods = "goods"  # quantity and unit
    funds = "funds"  # amount in yuan
    post = "post"  # training or job posts


class NeedCategory(Base):
    """The taxonomy; admins may add categories. `code` is stable, names are for people."""

    __tablename__ = "need_category"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    kind: Mapped[NeedKind] = mapped_column(
        Enum(NeedKind, name="need_kind", native_enum=False, length=16)
    )
    in_person_default: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AidItemKind(enum.StrEnum):
    goods = "goods"  # what goods are (书包文具, 冬衣...)
    funds = "funds"  # what money is for (学费, 医疗...)


class AidItem(Base):
    """One vocabulary for goods items and fund purposes; admins may add more. A goods need
    and a goods resource name an item; a funds need names a purpose that the fund's
    `allowed_uses` must include. The engine treats them as hard compatibility."""

    __tablename__ = "aid_item"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[AidItemKind] = mapped_column(
        Enum(AidItemKind, name="aid_item_kind", native_enum=False, length=16), index=True
    )
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class NeedStatus(enum.StrEnum):
    open = "open"
    proposed = "proposed"
    matched = "matched"
    fulfilled = "fulfilled"
    closed = "closed"


# open → proposed → matched → fulfilled | closed; reopened when a pairing ends. A need met
# outside the platform is fulfilled from wherever it stands.
NEED_TRANSITIONS: dict[NeedStatus, frozenset[NeedStatus]] = {
    NeedStatus.open: frozenset(
        {NeedStatus.proposed, NeedStatus.matched, NeedStatus.fulfilled, NeedStatus.closed}
    ),
    NeedStatus.proposed: frozenset(
        {NeedStatus.open, NeedStatus.matched, NeedStatus.fulfilled, NeedStatus.closed}
    ),
    NeedStatus.matched: frozenset({NeedStatus.open, NeedStatus.fulfilled, NeedStatus.closed}),
    NeedStatus.fulfilled: frozenset({NeedStatus.open}),
    NeedStatus.closed: frozenset({NeedStatus.open}),
}


class Urgency(enum.StrEnum):
    normal = "normal"
    urgent = "urgent"
    critical = "critical"


class Need(Base):
    __tablename__ = "need"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    category_code: Mapped[str] = mapped_column(ForeignKey("need_category.code"), index=True)
    # goods: the item (书包文具); funds: the purpose (学费); none for services and posts
    item_code: Mapped[str | None] = mapped_column(ForeignKey("aid_item.code"), index=True)
    status: Mapped[NeedStatus] = mapped_column(
        Enum(NeedStatus, name="need_status", native_enum=False, length=16), index=True
    )
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    in_person: Mapped[bool] = mapped_column(Boolean, default=True)
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[float | None] = mapped_column(Numeric(12, 2, asdecimal=False))
    urgency: Mapped[Urgency] = mapped_column(
        Enum(Urgency, name="urgency", native_enum=False, length=16), default=Urgency.normal
    )
    recurring: Mapped[bool] = mapped_column(Boolean, default=True)
    preferred_gender: Mapped[Gender | None] = mapped_column(
        Enum(Gender, name="gender", native_enum=False, length=24)
    )
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)  # sign, minnan, ...
    description: Mapped[str | None] = mapped_column(Encrypted, nullable=True)  # free text
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    child: Mapped[Child] = relationship(lazy="joined", innerjoin=True)
    category: Mapped[NeedCategory] = relationship(lazy="joined", innerjoin=True)


class NeedTransition(Base):
    """Every status change of a need: who, when, why."""

    __tablename__ = "need_transition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str | None] = mapped_column(Encrypted, nullable=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
