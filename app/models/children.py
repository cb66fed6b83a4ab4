"""One child, one file (一人一档): the child, consent, risk history and the file's records."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Enum, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=24)


class RiskLevel(enum.StrEnum):
    """Guardianship risk (004 item 4): high and medium visited monthly, low quarterly."""

    high = "high"
    medium = "medium"
    low = "low"


class ChildCategory(enum.StrEnum):
    left_behind = "left_behind"  # 农村留守儿童
    family_hardship = "family_hardship"  # 家庭困境
    disability = "disability"  # 自身困境: 残疾
    serious_illness = "serious_illness"  # 自身困境: 重病
    autism = "autism"  # 孤独症 (a mental disability)
    guardianship_hardship = "guardianship_hardship"  # 监护困境
    orphan = "orphan"  # 孤儿
    de_facto_unsupported = "de_facto_unsupported"  # 事实无人抚养儿童
    hiv_affected = "hiv_affected"  # 受艾滋病影响


class Gender(enum.StrEnum):
    female = "female"
    male = "male"


class Child(Base):
    """A child's file. Name, ID number, phones, address, guardian and entrusted-care contacts
    live in `pii`, encrypted at rest; `name_index` is a blind index for exact search."""

    __tablename__ = "child"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # pseudonymous, shown to others
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    township_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    region_path: Mapped[str] = mapped_column(String(80), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    birth_date: Mapped[date] = mapped_column(Date)
    gender: Mapped[Gender | None] = mapped_column(_enum(Gender, "gender"))
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    disability: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {"type", "grade"}
    risk_level: Mapped[RiskLevel] = mapped_column(_enum(RiskLevel, "risk_level"), index=True)
    risk_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    risk_changed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    pii: Mapped[dict[str, Any]] = mapped_column(Encrypted)
    name_index: Mapped[str] = mapped_column(String(32), index=True)
    # blind index of the ID number: a re-imported ledger finds its files by it
    id_number_index: Mapped[str | None] = mapped_column(String(32), index=True)
    entrusted_care_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}  # ETag; the ORM refuses lost updates too

    consents: Mapped[list[Consent]] = relationship(
        back_populates="child", order_by="Consent.id", lazy="selectin"
    )

    __table_args__ = (
        Index("ix_child_region_risk", "region_path", "risk_level"),
        # `regions.within` is a LIKE on the path's prefix: PostgreSQL serves it from a
        # btree only with the pattern operators (or a "C" collation), so a county's or a
        # township's statistics read their own files instead of the whole table
        Index(
            "ix_child_region_prefix",
            "region_path",
            postgresql_ops={"region_path": "varchar_pattern_ops"},
        ),
    )

    @property
    def active_consent(self) -> Consent | None:
        live = [c for c in self.consents if c.revoked_at is None]
        return live[-1] if live else None

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class Consent(Base):
    """Guardian consent to processing (PIPL: all data of a child under 14 is sensitive)."""

    __tablename__ = "child_consent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    guardian: Mapped[dict[str, Any]] = mapped_column(Encrypted)  # {"name", "relation"}
    given_on: Mapped[date] = mapped_column(Date)
    scope: Mapped[list[str]] = mapped_column(JSON)  # e.g. ["matching", "visits"]
    evidence_ref: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    child: Mapped[Child] = relationship(back_populates="consents")


class RecordKind(enum.StrEnum):
    visit = "visit"  # 走访记录
    work_log = "work_log"  # 工作日志
    assistance = "assistance"  # 关爱帮扶记录
    problem = "problem"  # 发现问题和解决方案
    risk_change = "risk_change"
    need_change = "need_change"
    consent = "consent"
    pairing = "pairing"


class FileRecord(Base):
    """An entry of the child's file history. `body` is free text and encrypted; `data` holds
    only codes and ids."""

    __tablename__ = "child_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RecordKind] = mapped_column(_enum(RecordKind, "record_kind"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[Any] = mapped_column(Encrypted, nullable=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # problems
    resolution: Mapped[Any] = mapped_column(Encrypted, nullable=True)
