"""Needs (需求清单): taxonomy, creation, lifecycle with recorded transitions."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from app.models import (
    NEED_TRANSITIONS,
    Child,
    Consent,
    Need,
    NeedCategory,
    NeedKind,
    NeedStatus,
    NeedTransition,
    RecordKind,
    Role,
    Urgency,
)
from app.services import audit, children, regions, scope
from app.services.users import Actor

PROVIDER_ROLES = (Role.volunteer, Role.agency_staff, Role.donor)


def categories(*, session: Session, include_inactive: bool = False) -> list[NeedCategory]:
    stmt = select(NeedCategory).order_by(NeedCategory.code)
    if not include_inactive:
        stmt = stmt.where(NeedCategory.active.is_(True))
    return list(session.scalars(stmt))


def get_category(code: str, *, session: Session) -> NeedCategory:
    category = session.get(NeedCategory, code)
    if category is None:
        raise NotFound()
    return category


def create_category(data: dict[str, Any], *, actor: Actor, session: Session) -> NeedCategory:
    if session.get(NeedCategory, data["code"]) is not None:
        raise Conflict("A category with this code already exists.", field="code")
    category = NeedCategory(**data)
    session.add(category)
    session.flush()
    audit.record_by(
        actor,
        "need_category.create",
        session=session,
        object_type="need_category",
        object_id=category.code,
    )
    return category


def update_category(
    category: NeedCategory, data: dict[str, Any], *, actor: Actor, session: Session
) -> NeedCategory:
    for key, value in data.items():
        setattr(category, key, value)
    session.flush()
    audit.record_by(
        actor,
        "need_category.update",
        session=session,
        object_type="need_category",
        object_id=category.code,
    )
    return category


def _check_load(category: NeedCategory, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if category.kind is NeedKind.service and not data.get("hours_per_week"):
        errors["hours_per_week"] = ["A service need gives its hours per week."]
    if category.kind is NeedKind.goods and not (data.get("quantity") and data.get("unit")):
        errors["quantity"] = ["A goods need gives a quantity and a unit."]
    if category.kind is NeedKind.funds and not data.get("amount"):
        errors["amount"] = ["A funds need gives an amount."]
    if errors:
        raise ValidationFailed(errors)


def create(child: Child, data: dict[str, Any], *, actor: Actor, session: Session) -> Need:
    category = session.get(NeedCategory, data["category_code"])
    if category is None or not category.active:
        raise ValidationFailed({"category_code": ["No such need category."]})
    _check_load(category, data)
    if category.kind is NeedKind.post and child.age_on(date.today()) < 16:
        raise ValidationFailed({"category_code": ["Training posts are for youth from 16."]})
    need = Need(
        child_id=child.id,
        status=NeedStatus.open,
        in_person=data.get("in_person", category.in_person_default),
        created_by=actor.id,
        **{k: v for k, v in data.items() if k != "in_person"},
    )
    session.add(need)
    session.flush()
    session.add(
        NeedTransition(
            need_id=need.id, from_status=None, to_status="open", actor_id=actor.id, reason="created"
        )
    )
    children.add_record(
        child,
        RecordKind.need_change,
        actor=actor,
        session=session,
        data={"need_id": need.id, "to": "open"},
    )
    audit.record_by(
        actor,
        "need.create",
        session=session,
        object_type="need",
        object_id=need.id,
        detail={"child_id": child.id},
    )
    return need


def visible(actor: Actor) -> Select[tuple[Need]]:
    """Coordinators: needs of their areas; admins: all; providers: the published open needs
    whose child may be matched (consent recorded or 14 and over)."""
    stmt = select(Need).join(Need.child)
    if actor.role in PROVIDER_ROLES:
        return stmt.where(Need.status == NeedStatus.open, matchable_clause())
    return stmt.where(scope.area_or_all(actor, Child.region_path))


def matchable_clause() -> Any:
    """SQL form of `children.matchable`: 14 or over, or an active consent for matching."""
    today = date.today()
    cutoff = date(today.year - children.CONSENT_AGE, today.month, min(today.day, 28))
    has_consent = (
        select(Consent.id)
        .where(Consent.child_id == Child.id, Consent.revoked_at.is_(None))
        .exists()
    )
    return or_(Child.birth_date <= cutoff, has_consent)


def get(need_id: int, *, actor: Actor, session: Session) -> Need:
    need = session.scalar(visible(actor).where(Need.id == need_id))
    if need is None:
        raise NotFound()
    return need


def search(
    *,
    actor: Actor,
    session: Session,
    region: str | None = None,
    category: str | None = None,
    status: NeedStatus | None = None,
    urgency: Urgency | None = None,
    risk_level: Any = None,
    child_id: int | None = None,
    q: str | None = None,
) -> Select[tuple[Need]]:
    stmt = visible(actor)
    if region:
        path = regions.path_of(region, session=session)
        stmt = stmt.where(Child.region_path.startswith(path, autoescape=True))
    conditions = []
    if category:
        conditions.append(Need.category_code == category)
    if status:
        conditions.append(Need.status == status)
    if urgency:
        conditions.append(Need.urgency == urgency)
    if risk_level:
        conditions.append(Child.risk_level == risk_level)
    if child_id:
        conditions.append(Need.child_id == child_id)
    if q:
        # Descriptions are encrypted: the child's code, or (their coordinators) exact name.
        conditions.append(children.code_or_name(actor, q))
    if conditions:
        stmt = stmt.where(and_(*conditions))
    return stmt.order_by(Need.id)


def update(
    need: Need,
    data: dict[str, Any],
    *,
    actor: Actor,
    session: Session,
) -> Need:
    if need.status not in (NeedStatus.open, NeedStatus.proposed):
        raise Conflict("Only open or proposed needs can be edited.", field="status")
    merged = {
        "hours_per_week": need.hours_per_week,
        "quantity": need.quantity,
        "unit": need.unit,
        "amount": need.amount,
        **data,
    }
    _check_load(need.category, merged)
    for key, value in data.items():
        setattr(need, key, value)
    session.flush()
    audit.record_by(
        actor,
        "need.update",
        session=session,
        object_type="need",
        object_id=need.id,
        detail={"fields": sorted(data)},
    )
    return need


def transition(
    need: Need,
    to: NeedStatus,
    *,
    actor: Actor | None,
    session: Session,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> Need:
    """Move a need along its lifecycle; anything else is a 409 naming both states."""
    before = need.status
    if to not in NEED_TRANSITIONS[before]:
        raise InvalidTransition(
            f"A need cannot go from {before.value} to {to.value}.",
            from_status=before.value,
            to_status=to.value,
        )
    need.status = to
    if to is NeedStatus.open:
        need.opened_at = utcnow()  # waiting time restarts when a need reopens
    session.add(
        NeedTransition(
            need_id=need.id,
            from_status=before.value,
            to_status=to.value,
            actor_id=actor.id if actor else None,
            reason=reason,
            data=data,
        )
    )
    session.flush()
    children.add_record(
        need.child,
        RecordKind.need_change,
        actor=actor,
        session=session,
        data={"need_id": need.id, "from": before.value, "to": to.value},
    )
    audit.record(
        "need.transition",
        session=session,
        actor_id=actor.id if actor else None,
        actor_role=actor.role.value if actor else None,
        object_type="need",
        object_id=need.id,
        detail={"from": before.value, "to": to.value},  # the reason is in the transition
    )
    return need


def transitions(need: Need, *, session: Session) -> list[NeedTransition]:
    return list(
        session.scalars(
            select(NeedTransition)
            .where(NeedTransition.need_id == need.id)
            .order_by(NeedTransition.id)
        )
    )
