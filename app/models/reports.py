"""Reporting upward: the annual spot-check of files (年度抽查) and volunteers' service
certificates (志愿服务记录证明) that anyone can verify by their code."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Enum,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow
from app.models.children import RiskLevel


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=24)


class SpotCheck(Base):
    """A county's annual spot-check: a random sample of files per township, stratified by
    risk level, reproducible from `seed` (the sample is stored, so it never drifts as files
    are added later)."""

    __tablename__ = "spot_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    region_path: Mapped[str] = mapped_column(String(80), index=True)
    year: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    share: Mapped[float] = mapped_column(Float)
    minimum: Mapped[int] = mapped_column(Integer)
    population: Mapped[int] = mapped_column(Integer)  # files the sample was drawn from
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[SpotCheckItem]] = relationship(
        back_populates="spot_check",
        cascade="all, delete-orphan",
        order_by="SpotCheckItem.id",
        lazy="raise",
    )

    __table_args__ = (UniqueConstraint("region_code", "year"),)


class SpotCheckItem(Base):
    """One sampled file and its checklist. A criterion is None until the checker decides."""

    __tablename__ = "spot_check_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spot_check_id: Mapped[int] = mapped_column(
        ForeignKey("spot_check.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    township_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    risk_level: Mapped[RiskLevel] = mapped_column(_enum(RiskLevel, "risk_level"))  # when drawn
    info_complete: Mapped[bool | None] = mapped_column(Boolean)  # 基本信息完整
    visits_on_rhythm: Mapped[bool | None] = mapped_column(Boolean)  # 走访符合频次
    consent_recorded: Mapped[bool | None] = mapped_column(Boolean)  # 监护人同意已记录
    problems_resolved: Mapped[bool | None] = mapped_column(Boolean)  # 发现问题已解决
    note: Mapped[Any] = mapped_column(Encrypted, nullable=True)
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    spot_check: Mapped[SpotCheck] = relationship(back_populates="items")

    __table_args__ = (UniqueConstraint("spot_check_id", "child_id"),)


class ServiceCertificate(Base):
    """A volunteer's service record as issued: what it certified is frozen here, so the
    public check answers what the paper says, and nothing personal."""

    __tablename__ = "service_certificate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)  # inclusive
    hours: Mapped[float] = mapped_column(Float)
    services: Mapped[int] = mapped_column(Integer)
    organisation: Mapped[str] = mapped_column(String(200))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
