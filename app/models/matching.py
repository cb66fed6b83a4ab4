"""Match runs, their proposals, approved pairings, forbidden pairs and the outbox."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow
from app.models.needs import Need


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=24)


class RunStatus(enum.StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class RunTrigger(enum.StrEnum):
    manual = "manual"  # CLI
    api = "api"
    schedule = "schedule"


class ProviderType(enum.StrEnum):
    volunteer = "volunteer"
    agency = "agency"
    resource = "resource"


ACTIVE_RUNS = (RunStatus.queued, RunStatus.running)


class RunStage(enum.StrEnum):
    queued = "queued"
    read = "read"
    solve = "solve"
    write = "write"
    done = "done"


class MatchRun(Base):
    """One matching of a region, executed by a worker (Celery).

    `period` (the scheduled firing, e.g. 2026-11-23T02:00 in TIMEZONE) is set for scheduled
    runs and unique per region: that key makes the weekly recompute happen exactly once.
    At most one run per region is queued or running (a partial unique index).
    `attempt` is the fencing token: a worker claims the run by raising it, holds a lease it
    renews while it works, and commits only if the attempt is still its own; a run whose
    lease ran out is claimed again by another worker, with bounded retries and backoff."""

    __tablename__ = "match_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    period: Mapped[str | None] = mapped_column(String(16))
    trigger: Mapped[RunTrigger] = mapped_column(_enum(RunTrigger, "run_trigger"))
    started_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus, "run_status"), index=True)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    policy: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    timings: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    engine_status: Mapped[str | None] = mapped_column(String(16))
    gap: Mapped[float | None] = mapped_column(Float)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(48))
    previous_run_id: Mapped[int | None] = mapped_column(ForeignKey("match_run.id"))
    stage: Mapped[RunStage] = mapped_column(_enum(RunStage, "run_stage"), default=RunStage.queued)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("region_code", "period"),
        Index(
            "uq_match_run_active_region",
            "region_code",
            unique=True,
            sqlite_where=text("status IN ('queued', 'running')"),
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
    )


class RunUnserved(Base):
    """A need a run left open, and the binding reason (a code and its numbers): readable per
    need (its latest run) and listable per run."""

    __tablename__ = "run_unserved"

    run_id: Mapped[int] = mapped_column(
        ForeignKey("match_run.id", ondelete="CASCADE"), primary_key=True
    )
    need_id: Mapped[int] = mapped_column(
        ForeignKey("need.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    code: Mapped[str] = mapped_column(String(48))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RunGone(Base):
    """A pending proposal of the previous run that this run did not repeat, and why."""

    __tablename__ = "run_gone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("match_run.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    provider_type: Mapped[ProviderType] = mapped_column(_enum(ProviderType, "provider_type"))
    provider_id: Mapped[int] = mapped_column(Integer)
    why: Mapped[str] = mapped_column(String(48))


class ProposalStatus(enum.StrEnum):
    pending = "pending"
    superseded = "superseded"
    approved = "approved"
    rejected = "rejected"


class Proposal(Base):
    """A pairing the engine proposes, with why; a coordinator approves or rejects it."""

    __tablename__ = "proposal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("match_run.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    provider_type: Mapped[ProviderType] = mapped_column(_enum(ProviderType, "provider_type"))
    provider_id: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer, default=1)
    distance_km: Mapped[float] = mapped_column(Float)
    priority: Mapped[int] = mapped_column(Integer)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON)
    kept: Mapped[bool] = mapped_column(Boolean, default=False)  # also proposed by the last run
    status: Mapped[ProposalStatus] = mapped_column(
        _enum(ProposalStatus, "proposal_status"), index=True
    )
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Encrypted, nullable=True)  # free text
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    need: Mapped[Need] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (Index("ix_proposal_provider", "provider_type", "provider_id"),)


class PairingStatus(enum.StrEnum):
    awaiting_acceptance = "awaiting_acceptance"
    active = "active"
    declined = "declined"
    ended = "ended"


LIVE_PAIRINGS = (PairingStatus.awaiting_acceptance, PairingStatus.active)


class Pairing(Base):
    """An approved proposal: the provider accepts or declines, later it ends."""

    __tablename__ = "pairing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposal.id"))
    provider_type: Mapped[ProviderType] = mapped_column(_enum(ProviderType, "provider_type"))
    provider_id: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[PairingStatus] = mapped_column(
        _enum(PairingStatus, "pairing_status"), index=True
    )
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    end_reason: Mapped[str | None] = mapped_column(Encrypted, nullable=True)  # free text
    # Goods handed over and signed for (签收), confirmed by the donor; the pairing then ends.
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    need: Mapped[Need] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (Index("ix_pairing_provider", "provider_type", "provider_id"),)


class ForbiddenPair(Base):
    """A pair a coordinator rejected or a provider declined: never proposed again."""

    __tablename__ = "forbidden_pair"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    provider_type: Mapped[ProviderType] = mapped_column(_enum(ProviderType, "provider_type"))
    provider_id: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))  # rejected | declined
    reason: Mapped[str | None] = mapped_column(Encrypted, nullable=True)  # free text
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("need_id", "provider_type", "provider_id"),)


class Notification(Base):
    """The outbox: written in the same transaction as what it tells; delivered later.
    Payloads carry ids and codes, never a child's personal data."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
