"""Accounts, roles, coordinator areas and tokens."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.providers import OrgMember


class Role(enum.StrEnum):
    admin = "admin"
    coordinator = "coordinator"
    volunteer = "volunteer"
    agency_staff = "agency_staff"
    donor = "donor"


class UserStatus(enum.StrEnum):
    active = "active"
    disabled = "disabled"


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(
        Enum(Role, name="user_role", native_enum=False, length=16), index=True
    )
    status: Mapped[UserStatus] = mapped_column(
        Enum(UserStatus, name="user_status", native_enum=False, length=16),
        default=UserStatus.active,
    )
    # Where the person lives or works (a village or township); scopes who may see them.
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    areas: Mapped[list[CoordinatorRegion]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        foreign_keys="CoordinatorRegion.user_id",
    )

    # The agency or organisation the account acts for (agency staff, donors), if any.
    membership: Mapped[OrgMember | None] = relationship(
        "OrgMember",
        primaryjoin="User.id == foreign(OrgMember.user_id)",
        lazy="selectin",
        viewonly=True,
        uselist=False,
    )

    @property
    def agency_id(self) -> int | None:
        return self.membership.agency_id if self.membership else None

    @property
    def organization_id(self) -> int | None:
        return self.membership.organization_id if self.membership else None

    @property
    def owner_id(self) -> int:
        """The account owns itself (used by the role-aware schemas)."""
        return self.id

    @property
    def area_codes(self) -> list[str]:
        return sorted(a.region_code for a in self.areas)


class CoordinatorRegion(Base):
    """A region a coordinator is responsible for; covers every region beneath it."""

    __tablename__ = "coordinator_region"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    user: Mapped[User] = relationship(back_populates="areas", foreign_keys=[user_id])


class RefreshToken(Base):
    """One issued refresh token. Rotation links tokens of one sign-in into a family;
    replaying a used token revokes the whole family (theft detection)."""

    __tablename__ = "refresh_token"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    family: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RevokedAccessToken(Base):
    """Access tokens revoked before they expire (sign-out); rows may be purged after expiry."""

    __tablename__ = "revoked_access_token"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
