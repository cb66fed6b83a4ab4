"""The coordinator's week at a glance (`GET /stats/overview`) and the points of the console's
map (`GET /stats/map`): figures as they stand now, each one a count a filtered list repeats."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    LIVE_PAIRINGS,
    Agency,
    Child,
    MatchRun,
    Need,
    NeedStatus,
    Organization,
    Pairing,
    Proposal,
    ProposalStatus,
    ProviderType,
    ReportStatus,
    Resource,
    RiskLevel,
    UrgentReport,
    User,
    Volunteer,
)
from app.services import field, regions, statistics
from app.services.statistics import Area
from app.services.users import Actor

# The map shows at most this many children (highest risk first) and their providers.
MAP_LIMIT = 5000


def this_week(
    *, actor: Actor, session: Session, today: date, region: str | None = None
) -> dict[str, Any]:
    area = statistics.area_for(actor, region, session=session)
    children_by_risk: Counter[str] = Counter()
    children_by_category: Counter[str] = Counter()
    for risk, categories in session.execute(
        select(Child.risk_level, Child.categories).where(area.where(Child.region_path))
    ):
        children_by_risk[risk.value] += 1
        for code in categories or []:
            children_by_category[code] += 1

    needs = dict.fromkeys((s.value for s in NeedStatus), 0)
    for status, count in session.execute(
        select(Need.status, func.count())
        .join(Need.child)
        .where(area.where(Child.region_path))
        .group_by(Need.status)
    ):
        needs[status.value] = count

    high_with_needs = (
        select(Need.child_id)
        .join(Need.child)
        .where(
            area.where(Child.region_path),
            Child.risk_level == RiskLevel.high,
            Need.status.in_((NeedStatus.open, NeedStatus.proposed, NeedStatus.matched)),
        )
    )
    high_served = (
        select(Need.child_id)
        .join(Need.child)
        .join(Pairing, Pairing.need_id == Need.id)
        .where(
            area.where(Child.region_path),
            Child.risk_level == RiskLevel.high,
            Pairing.status.in_(LIVE_PAIRINGS),
        )
    )
    with_needs = _count_distinct(session, high_with_needs.union(high_served))
    served = _count_distinct(session, high_served)

    overdue = field.overdue(actor=actor, session=session, today=today, region=area.region_code)
    overdue_count = session.scalar(select(func.count()).select_from(overdue.subquery())) or 0
    urgent_open = session.scalar(
        select(func.count())
        .select_from(UrgentReport)
        .where(area.where(UrgentReport.region_path), UrgentReport.status != ReportStatus.closed)
    )
    pending = session.scalar(
        select(func.count())
        .select_from(Proposal)
        .join(Proposal.need)
        .join(Need.child)
        .where(area.where(Child.region_path), Proposal.status == ProposalStatus.pending)
    )
    return {
        "region_code": area.region_code,
        "area_name": area.name,
        "children_total": sum(children_by_risk.values()),
        "children_by_risk": dict(children_by_risk),
        "children_by_category": dict(children_by_category.most_common()),
        "needs": needs,
        "proposals_pending": pending or 0,
        "high_risk": {
            "with_needs": with_needs,
            "served": served,
            "share": round(served / with_needs, 4) if with_needs else None,
        },
        "visits_overdue": overdue_count,
        "urgent_reports_open": urgent_open or 0,
        "last_run": _last_run(session, area),
    }


def _count_distinct(session: Session, stmt: Any) -> int:
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def _last_run(session: Session, area: Area) -> MatchRun | None:
    """The newest run over any region of the area (a county's run covers its townships)."""
    from app.models import Region

    stmt = select(MatchRun).join(Region, Region.code == MatchRun.region_code)
    if not area.everything:
        # a run of the area or inside it, or of a region containing it
        inside = regions.within(Region.path, area.paths)
        containing = [Region.path == p for path in area.paths for p in _ancestors(path)]
        from sqlalchemy import or_

        stmt = stmt.where(or_(inside, *containing))
    return session.scalar(stmt.order_by(MatchRun.created_at.desc(), MatchRun.id.desc()).limit(1))


def _ancestors(path: str) -> list[str]:
    codes = [c for c in path.strip("/").split("/") if c]
    return ["/" + "/".join(codes[:i]) + "/" for i in range(1, len(codes))]


def map_points(
    *, actor: Actor, session: Session, region: str | None = None, limit: int = MAP_LIMIT
) -> dict[str, Any]:
    """Children with live needs (pseudonymous code; the name for their coordinators), the
    providers proposed or paired for them, and the pairs as lines."""
    area = statistics.area_for(actor, region, session=session)
    risk_order = {RiskLevel.high: 0, RiskLevel.medium: 1}
    live = (NeedStatus.open, NeedStatus.proposed, NeedStatus.matched)
    children = list(
        session.scalars(
            select(Child)
            .where(
                area.where(Child.region_path),
                Child.id.in_(select(Need.child_id).where(Need.status.in_(live))),
            )
            .order_by(Child.id)
        )
    )
    children.sort(key=lambda c: (risk_order.get(c.risk_level, 2), c.id))
    truncated = len(children) > limit
    children = children[:limit]
    ids = {c.id for c in children}
    lines: list[dict[str, Any]] = []
    providers: set[tuple[ProviderType, int]] = set()

    def chunks(values: list[int]) -> list[list[int]]:
        return [values[i : i + 500] for i in range(0, len(values), 500)]

    for part in chunks(sorted(ids)):
        for proposal in session.scalars(
            select(Proposal)
            .join(Proposal.need)
            .where(Need.child_id.in_(part), Proposal.status == ProposalStatus.pending)
        ):
            providers.add((proposal.provider_type, proposal.provider_id))
            lines.append(
                _line(
                    proposal.need,
                    proposal.provider_type,
                    proposal.provider_id,
                    "proposed",
                    proposal_id=proposal.id,
                )
            )
        for pairing in session.scalars(
            select(Pairing)
            .join(Pairing.need)
            .where(Need.child_id.in_(part), Pairing.status.in_(LIVE_PAIRINGS))
        ):
            providers.add((pairing.provider_type, pairing.provider_id))
            lines.append(
                _line(
                    pairing.need,
                    pairing.provider_type,
                    pairing.provider_id,
                    "approved",
                    pairing_id=pairing.id,
                )
            )
    named = provider_briefs(session, providers)
    show_names = actor.role.value == "coordinator"
    return {
        "region_code": area.region_code,
        "area_name": area.name,
        "truncated": truncated,
        "children": [
            {
                "id": c.id,
                "code": c.code,
                "name": c.pii.get("name") if show_names else None,
                "risk_level": c.risk_level.value,
                "township_code": c.township_code,
                "lat": c.lat,
                "lon": c.lon,
            }
            for c in children
        ],
        "providers": [
            {"provider_type": kind.value, "provider_id": pid, **named[(kind, pid)]}
            for kind, pid in sorted(providers)
            if (kind, pid) in named
        ],
        "lines": lines,
    }


def _line(
    need: Need, kind: ProviderType, provider_id: int, state: str, **ids: int
) -> dict[str, Any]:
    return {
        "child_id": need.child_id,
        "need_id": need.id,
        "category_code": need.category_code,
        "provider_type": kind.value,
        "provider_id": provider_id,
        "state": state,
        "proposal_id": ids.get("proposal_id"),
        "pairing_id": ids.get("pairing_id"),
    }


def provider_briefs(
    session: Session, keys: set[tuple[ProviderType, int]] | list[tuple[ProviderType, int]]
) -> dict[tuple[ProviderType, int], dict[str, Any]]:
    """Name and place of each provider: a volunteer's account name, an agency's name, a
    resource's title and its organisation."""
    out: dict[tuple[ProviderType, int], dict[str, Any]] = {}
    by_kind: dict[ProviderType, list[int]] = {}
    for kind, pid in keys:
        by_kind.setdefault(kind, []).append(pid)
    for kind, pids in by_kind.items():
        for start in range(0, len(pids), 500):
            part = pids[start : start + 500]
            if kind is ProviderType.volunteer:
                rows = session.execute(
                    select(
                        Volunteer.id,
                        User.display_name,
                        Volunteer.region_code,
                        Volunteer.lat,
                        Volunteer.lon,
                    )
                    .join(User, User.id == Volunteer.owner_id)
                    .where(Volunteer.id.in_(part))
                )
                for vid, name, code, lat, lon in rows:
                    out[(kind, vid)] = _brief(name, None, code, lat, lon)
            elif kind is ProviderType.agency:
                for a in session.scalars(select(Agency).where(Agency.id.in_(part))):
                    out[(kind, a.id)] = _brief(a.name, None, a.region_code, a.lat, a.lon)
            else:
                rows = session.execute(
                    select(
                        Resource.id,
                        Resource.title,
                        Organization.name,
                        Resource.region_code,
                        Resource.lat,
                        Resource.lon,
                    )
                    .join(Organization, Organization.id == Resource.organization_id)
                    .where(Resource.id.in_(part))
                )
                for rid, title, org, code, lat, lon in rows:
                    out[(kind, rid)] = _brief(title, org, code, lat, lon)
    return out


def _brief(
    name: str, organization: str | None, region_code: str, lat: float, lon: float
) -> dict[str, Any]:
    return {
        "name": name,
        "organization": organization,
        "region_code": region_code,
        "lat": lat,
        "lon": lon,
    }


def next_run_at(trigger: Any, now: datetime) -> datetime | None:
    """When the weekly recompute fires next."""
    fire = trigger.get_next_fire_time(None, now)
    return fire if isinstance(fire, datetime) else None
