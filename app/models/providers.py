"""Providers: volunteers, social-work agencies, enterprises and charities, and resources."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Enum, Float, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, utcnow
from app.models.children import Gender


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=24)


class CheckState(enum.StrEnum):
    """Criminal-record check (未成年人保护法 Art. 62): only its outcome is stored."""

    registered = "registered"
    pending = "pending"
    cleared = "cleared"
    rejected = "rejected"
    expired = "expired"


CHECK_TRANSITIONS: dict[CheckState, frozenset[CheckState]] = {
    CheckState.registered: frozenset({CheckState.pending}),
    CheckState.pending: frozenset({CheckState.cleared, CheckState.rejected}),
    CheckState.cleared: frozenset({CheckState.expired, CheckState.pending, CheckState.rejected}),
    CheckState.rejected: frozenset({CheckState.pending}),
    CheckState.expired: frozenset({CheckState.pending}),
}


class Transport(enum.StrEnum):
    walk = "walk"
    bicycle = "bicycle"
    ebike = "ebike"
    car = "car"
    public = "public"


class Volunteer(Base):
    __tablename__ = "volunteer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    gender: Mapped[Gender | None] = mapped_column(_enum(Gender, "gender"))
    # [{"skill": "math", "verified": false, "verified_by": null}]
    skills: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # [{"weekday": 0-6, "start": "18:00", "end": "20:00"}]
    availability: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    max_children: Mapped[int] = mapped_column(Integer, default=1)
    hours_per_week: Mapped[float] = mapped_column(Float, default=2.0)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    region_path: Mapped[str] = mapped_column(String(80), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    travel_km: Mapped[float] = mapped_column(Float, default=5.0)
    transport: Mapped[Transport | None] = mapped_column(_enum(Transport, "transport"))
    check_state: Mapped[CheckState] = mapped_column(
        _enum(CheckState, "check_state"), default=CheckState.registered, index=True
    )
    check_decided_on: Mapped[date | None] = mapped_column(Date)
    check_expires_on: Mapped[date | None] = mapped_column(Date)
    check_verifier_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    def cleared_on(self, day: date) -> bool:
        return self.check_state is CheckState.cleared and (
            self.check_expires_on is None or self.check_expires_on >= day
        )

    @property
    def skill_names(self) -> list[str]:
        return sorted({s["skill"] for s in self.skills})


class Agency(Base):
    """A social-work agency (社工机构) contracted for township stations and casework."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    staff_count: Mapped[int] = mapped_column(Integer, default=1)
    caseload_capacity: Mapped[int] = mapped_column(Integer, default=10)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    region_path: Mapped[str] = mapped_column(String(80), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    service_radius_km: Mapped[float] = mapped_column(Float, default=15.0)
    contract_start: Mapped[date | None] = mapped_column(Date)
    contract_end: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    areas: Mapped[list[AgencyArea]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AgencyArea.region_code"
    )
    members: Mapped[list[OrgMember]] = relationship(
        primaryjoin="and_(OrgMember.agency_id == Agency.id)",
        cascade="all, delete-orphan",
        lazy="selectin",
        overlaps="members",
    )

    @property
    def township_codes(self) -> list[str]:
        return [a.region_code for a in self.areas]


class AgencyArea(Base):
    """A township an agency is contracted for."""

    __tablename__ = "agency_area"

    agency_id: Mapped[int] = mapped_column(
        ForeignKey("agency.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)


class OrgKind(enum.StrEnum):
    enterprise = "enterprise"
    charity = "charity"


class Organization(Base):
    """An enterprise (企业) or charity (慈善组织) that donates goods, funds or posts."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[OrgKind] = mapped_column(_enum(OrgKind, "org_kind"))
    name: Mapped[str] = mapped_column(String(100))
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    alliance_member: Mapped[bool] = mapped_column(Boolean, default=False)  # 晋爱同行 alliance
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    region_path: Mapped[str] = mapped_column(String(80), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    members: Mapped[list[OrgMember]] = relationship(
        primaryjoin="and_(OrgMember.organization_id == Organization.id)",
        cascade="all, delete-orphan",
        lazy="selectin",
        overlaps="members",
    )


class OrgMember(Base):
    """A user account that acts for an agency or an organisation (exactly one of them)."""

    __tablename__ = "org_member"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )


class ResourceKind(enum.StrEnum):
    goods = "goods"
    funds = "funds"
    post = "post"


class ResourceStatus(enum.StrEnum):
    available = "available"
    exhausted = "exhausted"
    withdrawn = "withdrawn"


class Resource(Base):
    """What an organisation posts: goods, funds or training posts."""

    __tablename__ = "resource"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ResourceKind] = mapped_column(_enum(ResourceKind, "resource_kind"))
    category_code: Mapped[str] = mapped_column(ForeignKey("need_category.code"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    item_code: Mapped[str | None] = mapped_column(ForeignKey("aid_item.code"), index=True)  # goods
    quantity: Mapped[float | None] = mapped_column(Float)  # goods
    unit: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False))  # funds
    # funds: the purposes (aid items of kind funds) it may pay for; empty means any purpose
    allowed_uses: Mapped[list[str]] = mapped_column(JSON, default=list)
    posts: Mapped[int | None] = mapped_column(Integer)  # training posts
    min_age: Mapped[int | None] = mapped_column(Integer)
    autism_friendly: Mapped[bool] = mapped_column(Boolean, default=False)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    region_path: Mapped[str] = mapped_column(String(80), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    delivery_radius_km: Mapped[float] = mapped_column(Float, default=20.0)
    status: Mapped[ResourceStatus] = mapped_column(
        _enum(ResourceStatus, "resource_status"), default=ResourceStatus.available
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}

    organization: Mapped[Organization] = relationship(lazy="joined", innerjoin=True)
