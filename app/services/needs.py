"""Needs (需求清单): taxonomy, creation, lifecycle with recorded transitions."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from app.models import (
    LIVE_PAIRINGS,
    NEED_TRANSITIONS,
    Child,
    Consent,
    Need,
    NeedCategory,
    NeedKind,
    NeedStatus,
    NeedTransition,
    Pairing,
    Proposal,
    ProposalStatus,
    RecordKind,
    Role,
    Urgency,
)
from app.services import aid_items, audit, children, regions, scope
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


def _check_load(category: NeedCategory, data: dict[str, Any], session: Session) -> None:
    errors: dict[str, list[str]] = aid_items.need_errors(
        category.kind, data.get("item_code"), session=session
    )
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
    _check_load(category, data, session)
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
        "item_code": need.item_code,
        **data,
    }
    _check_load(need.category, merged, session)
    for key, value in data.items():
        setattr(need, key, value)
    session.flush()
    settle(need, actor=actor, session=session, reason="need_edited")  # its load may be paired
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


def need_load(kind: NeedKind, quantity: float | None, amount: float | None) -> tuple[int, bool]:
    """Capacity units a need takes, and whether donors may cover it in parts: the one rule,
    used by match runs and by approvals."""
    if kind is NeedKind.goods:
        return max(1, math.ceil(quantity or 1)), True
    if kind is NeedKind.funds:
        return max(1, round(amount or 1)), True
    return 1, False


def load_of(need: Need) -> int:
    """Units the need takes (the run's rule)."""
    return need_load(need.category.kind, need.quantity, need.amount)[0]


def covered(session: Session, need_id: int) -> int:
    """Units of the need that approved (live) pairings cover."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(Pairing.amount), 0)).where(
                Pairing.need_id == need_id, Pairing.status.in_(LIVE_PAIRINGS)
            )
        )
        or 0
    )


def pending_of(session: Session, need_id: int, but: int | None = None) -> list[Proposal]:
    """The need's pending proposals (parts of it, for goods and funds)."""
    stmt = select(Proposal).where(
        Proposal.need_id == need_id, Proposal.status == ProposalStatus.pending
    )
    if but is not None:
        stmt = stmt.where(Proposal.id != but)
    return list(session.scalars(stmt.order_by(Proposal.id)))


def settle(need: Need, *, actor: Actor | None, session: Session, reason: str) -> Need:
    """The one rule for a need's status between open and matched: matched when approved
    pairings cover its whole load (goods and funds may come in parts), proposed while parts
    are pending, open otherwise. Fulfilled and closed needs stay as they are. Any decision
    moves the need's version, so a run that read it before knows to leave it alone."""
    session.flush()
    if need.status in (NeedStatus.fulfilled, NeedStatus.closed):
        need.updated_at = utcnow()
        return need
    if covered(session, need.id) >= load_of(need):
        target = NeedStatus.matched
        for other in pending_of(session, need.id):  # nothing more to give
            other.status = ProposalStatus.superseded
    elif pending_of(session, need.id):
        target = NeedStatus.proposed
    else:
        target = NeedStatus.open
    if target is need.status:
        need.updated_at = utcnow()
    elif target is NeedStatus.proposed and need.status is NeedStatus.matched:
        transition(need, NeedStatus.open, actor=actor, session=session, reason=reason)
        transition(need, target, actor=actor, session=session, reason=reason)
    else:
        transition(need, target, actor=actor, session=session, reason=reason)
    return need


def transitions(need: Need, *, session: Session) -> list[NeedTransition]:
    return list(
        session.scalars(
            select(NeedTransition)
            .where(NeedTransition.need_id == need.id)
            .order_by(NeedTransition.id)
        )
    )
