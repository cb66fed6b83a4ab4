"""Work in the field: visits and contacts, service hours, urgent reports, idempotent writes."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow
from app.models.user import User


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=24)


class VisitKind(enum.StrEnum):
    home_visit = "home_visit"  # 入户走访
    school = "school"  # 到校
    phone = "phone"
    video = "video"


IN_PERSON_VISITS = (VisitKind.home_visit, VisitKind.school)


class HoursStatus(enum.StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    rejected = "rejected"


class Visit(Base):
    """A visit or contact (走访记录). Editable for a short window, then closed; later
    corrections are new records pointing at the one they correct."""

    __tablename__ = "visit"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the phone may make it
    pairing_id: Mapped[int | None] = mapped_column(ForeignKey("pairing.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[VisitKind] = mapped_column(_enum(VisitKind, "visit_kind"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[Any] = mapped_column(Encrypted)  # {"done": ..., "problems": ...}
    problems_found: Mapped[bool] = mapped_column(default=False)
    corrects_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )
    editable_until: Mapped[datetime] = mapped_column(UTCDateTime)
    hours_status: Mapped[HoursStatus] = mapped_column(
        _enum(HoursStatus, "hours_status"), default=HoursStatus.pending, index=True
    )
    hours_decided_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    hours_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    # Who wrote it, by name, for whoever decides the hours (a coordinator, an agency colleague):
    # read only by the listings that ask for it (`undefer`), so other requests pay nothing.
    author_name: Mapped[str | None] = column_property(
        select(User.display_name)
        .where(User.id == author_id)
        .correlate_except(User)
        .scalar_subquery(),
        deferred=True,
    )

    # Statistics count visits by time: this index holds what they read, not the notes, so
    # they scan it instead of the table.
    __table_args__ = (
        Index(
            "ix_visit_stats",
            "occurred_at",
            "child_id",
            "kind",
            "author_id",
            "hours_status",
            "duration_minutes",
        ),
    )


class ReportStatus(enum.StrEnum):
    received = "received"
    handling = "handling"
    closed = "closed"


class UrgentReport(Base):
    """强制报告: a child in danger. Never edited or deleted; only events are added."""

    __tablename__ = "urgent_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    danger: Mapped[str] = mapped_column(String(32))
    details: Mapped[Any] = mapped_column(Encrypted)  # what was seen, where, which child
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    region_path: Mapped[str] = mapped_column(String(80), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))
    status: Mapped[ReportStatus] = mapped_column(_enum(ReportStatus, "report_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    events: Mapped[list[ReportEvent]] = relationship(
        lazy="selectin", order_by="ReportEvent.id", viewonly=True
    )


class ReportEvent(Base):
    """What happened to a report: status changes, notes, the outcome. Append-only."""

    __tablename__ = "urgent_report_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("urgent_report.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[ReportStatus | None] = mapped_column(_enum(ReportStatus, "report_status"))
    note: Mapped[Any] = mapped_column(Encrypted)


class IdempotentRequest(Base):
    """A POST made with an Idempotency-Key: what a replay needs, never the response body.
    `request_hash` fingerprints method, path and body; `status_code` is set once the
    request's work is done (in the same transaction as the work)."""

    __tablename__ = "idempotent_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(255))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    __table_args__ = (UniqueConstraint("user_id", "key"),)


class Reminder(Base):
    """A visit reminder sent for a child's due date: at most once per (pairing, due date)."""

    __tablename__ = "visit_reminder"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairing.id", ondelete="CASCADE"))
    due_on: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        UniqueConstraint("pairing_id", "due_on"),
        Index("ix_visit_reminder_pairing", "pairing_id"),
    )
