"""Object-level scope: which rows an actor may see, as SQL conditions."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import QueryableAttribute, Session

from app.errors import ValidationFailed
from app.models import CoordinatorRegion, Region, Role, User
from app.services import regions
from app.services.users import Actor


def coordinates(actor: Actor, path_column: QueryableAttribute[str]) -> ColumnElement[bool]:
    """Rows whose region lies in the coordinator's areas (nothing for other roles)."""
    if actor.role is Role.coordinator:
        return regions.within(path_column, actor.area_paths)
    return false()


def area_or_all(actor: Actor, path_column: QueryableAttribute[str]) -> ColumnElement[bool]:
    """Admins see all; coordinators their areas; others nothing."""
    if actor.is_admin:
        return true()
    return coordinates(actor, path_column)


def require_in_area(actor: Actor, region: Region, field: str = "region_code") -> None:
    """A coordinator may only place files in their own areas."""
    if actor.is_admin:
        return
    if not any(region.path.startswith(p) for p in actor.area_paths):
        raise ValidationFailed({field: ["This region is outside your area."]})


def coordinators_of(session: Session, region: Region) -> list[int]:
    """Coordinators whose areas contain `region` or lie inside it."""
    ancestors = [c for c in region.path.strip("/").split("/") if c]
    inside = select(Region.code).where(Region.path.startswith(region.path, autoescape=True))
    return list(
        session.scalars(
            select(User.id)
            .join(CoordinatorRegion, CoordinatorRegion.user_id == User.id)
            .where(
                User.role == Role.coordinator,
                CoordinatorRegion.region_code.in_(ancestors)
                | CoordinatorRegion.region_code.in_(inside),
            )
            .distinct()
            .order_by(User.id)
        )
    )
