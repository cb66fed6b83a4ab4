"""Typed SQLAlchemy 2 models. Import every model here so Alembic sees the whole metadata."""

from app.models.audit import AuditEvent
from app.models.region import Region, RegionLevel
from app.models.user import (
    CoordinatorRegion,
    RefreshToken,
    RevokedAccessToken,
    Role,
    User,
    UserStatus,
)

__all__ = [
    "AuditEvent",
    "CoordinatorRegion",
    "RefreshToken",
    "Region",
    "RegionLevel",
    "RevokedAccessToken",
    "Role",
    "User",
    "UserStatus",
]
