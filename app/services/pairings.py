"""Coordinator approval of proposals, and the provider's answer: the life of a pairing.

Every step is written to the child's file history and the audit log, and queues a
notification (the outbox) in the same transaction.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, select
from sqlalchemy.orm import Session, contains_eager

from app.db import utcnow
from app.errors import Conflict, InvalidTransition, NotFound, PreconditionFailed
from app.models import (
    LIVE_PAIRINGS,
    Agency,
    Child,
    ForbiddenPair,
    Need,
    NeedKind,
    NeedStatus,
    Notification,
    OrgMember,
    Pairing,
    PairingStatus,
    Proposal,
    ProposalStatus,
    ProviderType,
    RecordKind,
    Region,
    Resource,
    Role,
    Volunteer,
)
from app.services import audit, children, needs, regions, scope
from app.services.match_read import resource_capacity
from app.services.scope import coordinators_of
from app.services.users import Actor


class StaleProposal(Conflict):
    code = "stale_proposal"


# --- who acts for a provider -----------------------------------------------------------


def provider_users(session: Session, kind: ProviderType, provider_id: int) -> list[int]:
    if kind is ProviderType.volunteer:
        owner = session.scalar(select(Volunteer.owner_id).where(Volunteer.id == provider_id))
        return [owner] if owner else []
    if kind is ProviderType.agency:
        return list(
            session.scalars(select(OrgMember.user_id).where(OrgMember.agency_id == provider_id))
        )
    org = session.scalar(select(Resource.organization_id).where(Resource.id == provider_id))
    return list(session.scalars(select(OrgMember.user_id).where(OrgMember.organization_id == org)))


def acts_for(actor: Actor, kind: ProviderType, provider_id: int, session: Session) -> bool:
    return actor.id in provider_users(session, kind, provider_id)


def _notify(session: Session, user_ids: list[int], kind: str, payload: dict[str, Any]) -> None:
    for uid in sorted(set(user_ids)):
        session.add(Notification(recipient_id=uid, kind=kind, payload=payload))


def _history(session: Session, actor: Actor, need: Need, event: str, **data: Any) -> None:
    children.add_record(
        need.child,
        RecordKind.pairing,
        actor=actor,
        session=session,
        data={"need_id": need.id, "event": event, **data},
    )


# --- proposals --------------------------------------------------------------------------


def visible_proposals(actor: Actor) -> Select[tuple[Proposal]]:
    return (
        select(Proposal)
        .join(Proposal.need)
        .join(Need.child)
        .where(scope.area_or_all(actor, Child.region_path))
    )


def search_proposals(
    *,
    actor: Actor,
    session: Session,
    status: ProposalStatus | None = None,
    region: str | None = None,
    category: str | None = None,
    risk_level: Any = None,
    run_id: int | None = None,
    provider_type: ProviderType | None = None,
) -> Select[tuple[Proposal]]:
    stmt = visible_proposals(actor).where(Proposal.status == (status or ProposalStatus.pending))
    if region:
        path = regions.path_of(region, session=session)
        stmt = stmt.where(Child.region_path.startswith(path, autoescape=True))
    if category:
        stmt = stmt.where(Need.category_code == category)
    if risk_level:
        stmt = stmt.where(Child.risk_level == risk_level)
    if run_id:
        stmt = stmt.where(Proposal.run_id == run_id)
    if provider_type:
        stmt = stmt.where(Proposal.provider_type == provider_type)
    return stmt.order_by(Proposal.priority.desc(), Proposal.id)


def get_proposal(proposal_id: int, *, actor: Actor, session: Session) -> Proposal:
    proposal = session.scalar(visible_proposals(actor).where(Proposal.id == proposal_id))
    if proposal is None:
        raise NotFound()
    return proposal


def _capacity(session: Session, kind: ProviderType, provider_id: int) -> tuple[int, int]:
    """(capacity, used by live pairings) of a provider."""
    used = (
        session.scalar(
            select(func.coalesce(func.sum(Pairing.amount), 0)).where(
                Pairing.provider_type == kind,
                Pairing.provider_id == provider_id,
                Pairing.status.in_(LIVE_PAIRINGS),
            )
        )
        or 0
    )
    if kind is ProviderType.volunteer:
        v = session.get(Volunteer, provider_id)
        return (v.max_children if v and v.active else 0), int(used)
    if kind is ProviderType.agency:
        a = session.get(Agency, provider_id)
        return (a.caseload_capacity if a else 0), int(used)
    r = session.get(Resource, provider_id)
    if r is None:
        return 0, int(used)
    return resource_capacity(r.posts, r.quantity, r.amount), int(used)


def check_still_valid(proposal: Proposal, *, session: Session, today: date) -> None:
    """Re-check a proposal before approval; a stale one is a 409 with the reason."""
    need = proposal.need
    if proposal.status is not ProposalStatus.pending:
        raise StaleProposal("This proposal is no longer pending.", reason="not_pending")
    if need.status not in (NeedStatus.open, NeedStatus.proposed):
        raise StaleProposal("The need is no longer open.", reason="need_not_open")
    if not children.matchable(need.child, today):
        raise StaleProposal("The child's consent is not recorded.", reason="no_consent")
    if proposal.amount > needs.load_of(need) - needs.covered(session, need.id):
        raise StaleProposal(
            "Approved parts already cover this part of the need.", reason="need_covered"
        )
    capacity, used = _capacity(session, proposal.provider_type, proposal.provider_id)
    if used + proposal.amount > capacity:
        raise StaleProposal("The provider has no capacity left.", reason="provider_full")
    if proposal.provider_type is ProviderType.volunteer and need.in_person:
        volunteer = session.get(Volunteer, proposal.provider_id)
        if volunteer is None or not volunteer.cleared_on(today):
            raise StaleProposal(
                "The volunteer's background check is not cleared.", reason="not_cleared"
            )
    forbidden = session.scalar(
        select(ForbiddenPair.id).where(
            ForbiddenPair.need_id == need.id,
            ForbiddenPair.provider_type == proposal.provider_type,
            ForbiddenPair.provider_id == proposal.provider_id,
        )
    )
    if forbidden:
        raise StaleProposal("This pair was rejected or declined before.", reason="forbidden")


def approve(proposal: Proposal, *, actor: Actor, session: Session) -> Pairing:
    """Approve a proposal: it becomes a pairing awaiting the provider's answer. A part of a
    need given in parts leaves the other parts pending; the need is matched once its whole
    load is paired."""
    now = utcnow()
    check_still_valid(proposal, session=session, today=now.date())
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.approved,
        actor.id,
        now,
    )
    need = proposal.need
    pairing = Pairing(
        need_id=need.id,
        proposal_id=proposal.id,
        provider_type=proposal.provider_type,
        provider_id=proposal.provider_id,
        amount=proposal.amount,
        status=PairingStatus.awaiting_acceptance,
        approved_by=actor.id,
        approved_at=now,
    )
    session.add(pairing)
    needs.settle(need, actor=actor, session=session, reason="proposal_approved")
    session.flush()
    _history(
        session,
        actor,
        need,
        "approved",
        pairing_id=pairing.id,
        provider_type=pairing.provider_type.value,
        amount=pairing.amount,
    )
    audit.record_by(
        actor,
        "proposal.approve",
        session=session,
        object_type="proposal",
        object_id=proposal.id,
        detail={"need_id": need.id, "pairing_id": pairing.id},
    )
    _notify(
        session,
        provider_users(session, pairing.provider_type, pairing.provider_id),
        "pairing.awaiting_acceptance",
        {"pairing_id": pairing.id},
    )
    return pairing


def _forbid(
    session: Session,
    need_id: int,
    kind: ProviderType,
    provider_id: int,
    source: str,
    reason: str,
    actor: Actor,
) -> None:
    exists = session.scalar(
        select(ForbiddenPair.id).where(
            ForbiddenPair.need_id == need_id,
            ForbiddenPair.provider_type == kind,
            ForbiddenPair.provider_id == provider_id,
        )
    )
    if exists is None:
        session.add(
            ForbiddenPair(
                need_id=need_id,
                provider_type=kind,
                provider_id=provider_id,
                source=source,
                reason=reason,
                created_by=actor.id,
            )
        )


def reject(proposal: Proposal, reason: str, *, actor: Actor, session: Session) -> Proposal:
    if proposal.status is not ProposalStatus.pending:
        raise StaleProposal("This proposal is no longer pending.", reason="not_pending")
    proposal.status, proposal.decided_by, proposal.decided_at, proposal.reason = (
        ProposalStatus.rejected,
        actor.id,
        utcnow(),
        reason,
    )
    _forbid(
        session,
        proposal.need_id,
        proposal.provider_type,
        proposal.provider_id,
        "rejected",
        reason,
        actor,
    )
    need = proposal.need
    needs.settle(need, actor=actor, session=session, reason="proposal_rejected")
    _history(session, actor, need, "rejected", proposal_id=proposal.id)
    audit.record_by(
        actor,
        "proposal.reject",
        session=session,
        object_type="proposal",
        object_id=proposal.id,
        detail={"need_id": need.id},
    )
    return proposal


def decide_many(
    approvals: list[dict[str, Any]],
    rejections: list[dict[str, Any]],
    *,
    actor: Actor,
    session: Session,
) -> dict[str, list[int]]:
    """Approve and reject many at once, all or nothing. Each item names the version of the
    proposal it decides on (a stale one fails the whole decision with 412); parts of one need
    may be approved together."""
    approved, rejected = [], []
    for item in approvals:
        proposal = get_proposal(item["id"], actor=actor, session=session)
        _check_version(proposal, item["version"])
        approve(proposal, actor=actor, session=session)
        approved.append(item["id"])
    for item in rejections:
        proposal = get_proposal(item["id"], actor=actor, session=session)
        _check_version(proposal, item["version"])
        reject(proposal, item["reason"], actor=actor, session=session)
        rejected.append(item["id"])
    return {"approved": approved, "rejected": rejected}


def _check_version(proposal: Proposal, version: int) -> None:
    if proposal.version != version:
        raise PreconditionFailed(
            f"Proposal {proposal.id} changed since you read it; reload and decide again.",
            proposal_id=proposal.id,
        )


# What a coordinator may do by hand; proposed and matched follow proposals and pairings.
MANUAL_MOVES = {
    NeedStatus.fulfilled: (NeedStatus.open, NeedStatus.proposed, NeedStatus.matched),
    NeedStatus.closed: (NeedStatus.open, NeedStatus.proposed, NeedStatus.matched),
    NeedStatus.open: (NeedStatus.fulfilled, NeedStatus.closed),
}


def move_need(need: Need, to: NeedStatus, *, actor: Actor, session: Session, reason: str) -> Need:
    """A coordinator fulfils, closes or reopens a need (proposed and matched are reached
    through proposals and pairings). Fulfilled or closed, it keeps no pairing and no
    proposal: live pairings end and pending proposals are superseded."""
    if need.status not in MANUAL_MOVES.get(to, ()):
        raise InvalidTransition(
            f"A need cannot go from {need.status.value} to {to.value}.",
            from_status=need.status.value,
            to_status=to.value,
        )
    if to in (NeedStatus.fulfilled, NeedStatus.closed):
        for other in needs.pending_of(session, need.id):
            other.status = ProposalStatus.superseded
        for pairing in session.scalars(
            select(Pairing).where(Pairing.need_id == need.id, Pairing.status.in_(LIVE_PAIRINGS))
        ):
            _close(pairing, f"need_{to.value}", actor=actor, session=session)
    return needs.transition(need, to, actor=actor, session=session, reason=reason)


# --- pairings ---------------------------------------------------------------------------


def visible_pairings(actor: Actor, session: Session) -> Select[tuple[Pairing]]:
    stmt = select(Pairing).join(Pairing.need).join(Need.child)
    return stmt.where(pairing_scope(actor, session))


def pairing_scope(actor: Actor, session: Session) -> ColumnElement[bool]:
    """SQL condition on Pairing (joined with its Need and Child): the pairings the actor may
    see. Coordinators and admins: those of their area; providers: their own."""
    if actor.role in (Role.coordinator, Role.admin):
        return scope.area_or_all(actor, Child.region_path)
    if actor.role is Role.volunteer:
        mine = select(Volunteer.id).where(Volunteer.owner_id == actor.id)
        return and_(Pairing.provider_type == ProviderType.volunteer, Pairing.provider_id.in_(mine))
    member = session.get(OrgMember, actor.id)
    if member is None:
        return Pairing.id.is_(None)
    if member.agency_id:
        return and_(
            Pairing.provider_type == ProviderType.agency, Pairing.provider_id == member.agency_id
        )
    resources = select(Resource.id).where(Resource.organization_id == member.organization_id)
    return and_(Pairing.provider_type == ProviderType.resource, Pairing.provider_id.in_(resources))


def get_pairing(pairing_id: int, *, actor: Actor, session: Session) -> Pairing:
    """One query: the pairing with its need and child from the joins the scope needs anyway
    (not joined a second time by the eager loaders); the child's consents only if read."""
    stmt = (
        visible_pairings(actor, session)
        .options(contains_eager(Pairing.need).contains_eager(Need.child).lazyload(Child.consents))
        .where(Pairing.id == pairing_id)
    )
    pairing = session.scalar(stmt)
    if pairing is None:
        raise NotFound()
    return pairing


def pairing_facts(pairing_id: int, *, actor: Actor, session: Session) -> tuple[int, Any, int]:
    """(id, status, child id) of a pairing the actor may see, in one query of three columns:
    what a visit records (no entity loaded, nothing decrypted). A volunteer's, the phone's
    usual case, is one statement built once, run through Core."""
    if actor.role is Role.volunteer:
        params = {"pairing_id": pairing_id, "actor_id": actor.id}
        row = session.connection().execute(_volunteer_pairing_facts(), params).first()
    else:
        stmt = (
            select(Pairing.id, Pairing.status, Need.child_id)
            .join(Need, Need.id == Pairing.need_id)
            .join(Child, Child.id == Need.child_id)
            .where(pairing_scope(actor, session), Pairing.id == pairing_id)
        )
        row = session.execute(stmt).first()
    if row is None:
        raise NotFound()
    return row[0], row[1], row[2]


@functools.cache
def _volunteer_pairing_facts() -> Select[Any]:
    """`pairing_facts` for a volunteer (bound `actor_id`, `pairing_id`): the scope of
    `pairing_scope`, their own pairings."""
    mine = select(Volunteer.id).where(Volunteer.owner_id == bindparam("actor_id"))
    return (
        select(Pairing.id, Pairing.status, Need.child_id)
        .join(Need, Need.id == Pairing.need_id)
        .where(
            Pairing.provider_type == ProviderType.volunteer,
            Pairing.provider_id.in_(mine),
            Pairing.id == bindparam("pairing_id"),
        )
    )


def search_pairings(
    *, actor: Actor, session: Session, status: PairingStatus | None = None
) -> Select[tuple[Pairing]]:
    stmt = visible_pairings(actor, session)
    if status:
        stmt = stmt.where(Pairing.status == status)
    return stmt.order_by(Pairing.id.desc())


def _require_provider(actor: Actor, pairing: Pairing, session: Session) -> None:
    if not acts_for(actor, pairing.provider_type, pairing.provider_id, session):
        raise NotFound()


def accept(pairing: Pairing, *, actor: Actor, session: Session) -> Pairing:
    _require_provider(actor, pairing, session)
    if pairing.status is not PairingStatus.awaiting_acceptance:
        raise Conflict("Only a pairing awaiting your answer can be accepted.")
    pairing.status, pairing.responded_at = PairingStatus.active, utcnow()
    session.flush()
    _history(session, actor, pairing.need, "accepted", pairing_id=pairing.id)
    audit.record_by(
        actor,
        "pairing.accept",
        session=session,
        object_type="pairing",
        object_id=pairing.id,
    )
    _notify(
        session, _coordinators(session, pairing), "pairing.accepted", {"pairing_id": pairing.id}
    )
    return pairing


def decline(pairing: Pairing, reason: str, *, actor: Actor, session: Session) -> Pairing:
    _require_provider(actor, pairing, session)
    if pairing.status is not PairingStatus.awaiting_acceptance:
        raise Conflict("Only a pairing awaiting your answer can be declined.")
    pairing.status, pairing.responded_at, pairing.end_reason = (
        PairingStatus.declined,
        utcnow(),
        reason,
    )
    _forbid(
        session,
        pairing.need_id,
        pairing.provider_type,
        pairing.provider_id,
        "declined",
        reason,
        actor,
    )
    needs.settle(pairing.need, actor=actor, session=session, reason="provider_declined")
    _history(session, actor, pairing.need, "declined", pairing_id=pairing.id)
    audit.record_by(
        actor,
        "pairing.decline",
        session=session,
        object_type="pairing",
        object_id=pairing.id,
    )
    _notify(
        session, _coordinators(session, pairing), "pairing.declined", {"pairing_id": pairing.id}
    )
    return pairing


def end(pairing: Pairing, reason: str, *, actor: Actor, session: Session) -> Pairing:
    is_coordinator = actor.role is Role.coordinator and children.coordinates_child(
        actor, pairing.need.child
    )
    if not is_coordinator:
        _require_provider(actor, pairing, session)
    if pairing.status not in LIVE_PAIRINGS:
        raise Conflict("This pairing has already ended.")
    _close(pairing, reason, actor=actor, session=session)
    needs.settle(pairing.need, actor=actor, session=session, reason="pairing_ended")
    return pairing


def confirm_delivery(pairing: Pairing, *, actor: Actor, session: Session) -> Pairing:
    """The donor confirms the goods were handed over and signed for (签收). The pairing ends
    as delivered; when none of the need's parts is still live, the need is fulfilled."""
    _require_provider(actor, pairing, session)
    need = pairing.need
    goods = need.category.kind is NeedKind.goods
    if pairing.provider_type is not ProviderType.resource or not goods:
        raise Conflict("Only a gift of goods is delivered and signed for.")
    if pairing.status is not PairingStatus.active:
        raise Conflict("Only an accepted pairing that is still open can be delivered.")
    now = utcnow()
    pairing.delivered_at, pairing.delivered_by = now, actor.id
    pairing.status, pairing.ended_at, pairing.ended_by, pairing.end_reason = (
        PairingStatus.ended,
        now,
        actor.id,
        "delivered",
    )
    session.flush()
    _history(session, actor, pairing.need, "delivered", pairing_id=pairing.id)
    audit.record_by(
        actor,
        "pairing.deliver",
        session=session,
        object_type="pairing",
        object_id=pairing.id,
    )
    _notify(
        session, _coordinators(session, pairing), "pairing.delivered", {"pairing_id": pairing.id}
    )
    live = session.scalar(
        select(func.count())
        .select_from(Pairing)
        .where(Pairing.need_id == pairing.need_id, Pairing.status.in_(LIVE_PAIRINGS))
    )
    if not live and need.status is NeedStatus.matched:
        needs.transition(
            need, NeedStatus.fulfilled, actor=actor, session=session, reason="delivered"
        )
    return pairing


def _close(pairing: Pairing, reason: str, *, actor: Actor, session: Session) -> None:
    pairing.status, pairing.ended_at, pairing.ended_by, pairing.end_reason = (
        PairingStatus.ended,
        utcnow(),
        actor.id,
        reason,
    )
    _history(session, actor, pairing.need, "ended", pairing_id=pairing.id)
    audit.record_by(
        actor,
        "pairing.end",
        session=session,
        object_type="pairing",
        object_id=pairing.id,
    )
    _notify(
        session,
        _coordinators(session, pairing)
        + provider_users(session, pairing.provider_type, pairing.provider_id),
        "pairing.ended",
        {"pairing_id": pairing.id},
    )


def _coordinators(session: Session, pairing: Pairing) -> list[int]:
    village = session.get(Region, pairing.need.child.region_code)
    return coordinators_of(session, village) if village else []
