"""Match runs: read a region's open needs and available providers, solve with the engine,
write the proposals atomically, and say what changed since the last run.

Stages run in their own sessions and pass primary keys (the read and the write are separate
transactions; the write is one transaction, so a run that fails or is killed leaves no
partial proposals and the previous pending ones intact).
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import numpy as np
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import matching as engine
from app.db import bulk_insert, chunked, utcnow
from app.errors import NotFound, ValidationFailed
from app.models import (
    LIVE_PAIRINGS,
    Agency,
    AuditEvent,
    CheckState,
    Child,
    CoordinatorRegion,
    FileRecord,
    ForbiddenPair,
    MatchRun,
    Need,
    NeedCategory,
    NeedKind,
    NeedStatus,
    NeedTransition,
    Notification,
    Pairing,
    Proposal,
    ProposalStatus,
    ProviderType,
    RecordKind,
    Region,
    Resource,
    ResourceStatus,
    Role,
    RunStatus,
    RunTrigger,
    User,
    Volunteer,
)
from app.services import audit, needs, regions
from app.services.priority import PriorityPolicy
from app.services.users import Actor

SessionScope = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[str], None]
EARTH_KM = 6371.0088
DEFAULT_TIME_LIMIT_S = 20.0
MAX_REACH_KM = 50.0  # providers this far beyond the region's needs may still reach them
_PREFIX = {ProviderType.volunteer: "v", ProviderType.agency: "a", ProviderType.resource: "r"}
_TYPE = {v: k for k, v in _PREFIX.items()}


def provider_key(kind: ProviderType, pk: int) -> str:
    return f"{_PREFIX[kind]}{pk}"


def parse_provider_key(key: str) -> tuple[ProviderType, int]:
    return _TYPE[key[0]], int(key[1:])


class RunFailed(Exception):
    """The run is recorded as failed (with its error); nothing else was written."""

    def __init__(self, run_id: int) -> None:
        super().__init__(f"match run {run_id} failed")
        self.run_id = run_id


@dataclass
class NeedInfo:
    id: int
    child_id: int
    risk: str
    category: str
    township: str
    status: str
    lat: float = 0.0
    lon: float = 0.0
    in_person: bool = True


@dataclass
class Plan:
    """Everything a run decided, before anything is written."""

    region: str
    problem: engine.MatchProblem
    result: engine.MatchResult
    need_info: dict[int, NeedInfo]
    pinned: set[tuple[int, str]]
    previous_pending: dict[tuple[int, str], int]  # (need, provider key) -> proposal id
    previous_run_id: int | None
    policy: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)

    def new_pairs(self) -> list[engine.Assignment]:
        return [a for a in self.result.assignments if not a.pinned]

    def gone(self) -> list[dict[str, Any]]:
        """Last run's pending proposals this run does not repeat, and why."""
        current = {(int(a.need_id[1:]), a.provider_id) for a in self.new_pairs()}
        out = []
        for need_id, provider in sorted(set(self.previous_pending) - current):
            key = f"n{need_id}"
            if need_id not in self.need_info or self.need_info[need_id].status == "matched":
                why = "need_no_longer_open"
            elif key in self.result.unassigned:
                why = self.result.unassigned[key].code.value
            elif any(f == (key, provider) for f in self.problem.forbidden):
                why = "forbidden"
            else:
                why = "better_pairing_found"
            kind, pk = parse_provider_key(provider)
            out.append(
                {
                    "need_id": need_id,
                    "provider_type": kind.value,
                    "provider_id": pk,
                    "change": "gone",
                    "why": why,
                }
            )
        return out

    def changes(self) -> dict[str, Any]:
        current = {(int(a.need_id[1:]), a.provider_id) for a in self.new_pairs()}
        previous = set(self.previous_pending)
        gone = self.gone()
        return {
            "new": len(current - previous),
            "kept": len(current & previous),
            "gone": len(gone),
            "gone_reasons": dict(Counter(g["why"] for g in gone)),
            "gone_items": gone,
        }

    def figures(self) -> dict[str, Any]:
        open_needs = [n for n in self.need_info.values() if n.status != "matched"]
        served = [self.need_info[int(a.need_id[1:])] for a in self.new_pairs()]
        served_ids = {n.id for n in served}
        distances = [a.distance_km for a in self.new_pairs()]
        unserved: Counter[str] = Counter(r.code.value for r in self.result.unassigned.values())
        return {
            "open_needs": len(open_needs),
            "pinned": len(self.pinned),
            "proposals": len(self.new_pairs()),
            "served_needs": len(served_ids),
            "served_by_risk": dict(Counter(n.risk for n in {n.id: n for n in served}.values())),
            "served_by_category": dict(
                Counter(n.category for n in {n.id: n for n in served}.values())
            ),
            "open_by_risk": dict(Counter(n.risk for n in open_needs)),
            "unserved_by_reason": dict(unserved),
            "total_distance_km": round(sum(distances), 3),
            "mean_distance_km": round(sum(distances) / len(distances), 3) if distances else 0.0,
            "providers": len(self.problem.providers),
            "candidates": int(self.result.counts.get("candidates", 0)),
            "changes": self.changes(),
        }


# --- read -------------------------------------------------------------------------------


def _box(lats: np.ndarray, lons: np.ndarray, margin_km: float) -> tuple[float, float, float, float]:
    dlat = margin_km / 111.0
    mid = math.radians(float(np.mean(lats))) if len(lats) else 0.0
    dlon = margin_km / (111.0 * max(0.2, math.cos(mid)))
    return (
        float(lats.min()) - dlat,
        float(lats.max()) + dlat,
        float(lons.min()) - dlon,
        float(lons.max()) + dlon,
    )


def _need_load(kind: NeedKind, quantity: float | None, amount: float | None) -> tuple[int, bool]:
    """Capacity units a need takes, and whether donors may cover it in parts."""
    if kind is NeedKind.goods:
        return max(1, math.ceil(quantity or 1)), True
    if kind is NeedKind.funds:
        return max(1, round(amount or 1)), True
    return 1, False


def read_plan_inputs(
    region_code: str, *, session: Session, policy: PriorityPolicy, now: datetime
) -> dict[str, Any]:
    region = session.get(Region, region_code)
    if region is None:
        raise NotFound()
    today = now.date()
    in_region = Child.region_path.startswith(region.path, autoescape=True)
    # Columns, not entities: no child's personal data is loaded (or decrypted) to match.
    columns = (
        Need.id,
        Need.child_id,
        Need.category_code,
        Need.status,
        Need.skills,
        Need.in_person,
        Need.quantity,
        Need.amount,
        Need.urgency,
        Need.preferred_gender,
        Need.languages,
        Need.opened_at,
        NeedCategory.kind,
        Child.lat,
        Child.lon,
        Child.risk_level,
        Child.township_code,
    )
    base = (
        select(*columns)
        .join(Child, Child.id == Need.child_id)
        .join(NeedCategory, NeedCategory.code == Need.category_code)
    )
    open_rows = session.execute(
        base.where(
            in_region,
            Need.status.in_([NeedStatus.open, NeedStatus.proposed]),
            needs.matchable_clause(),
        ).order_by(Need.id)
    ).all()
    live = session.execute(
        select(Pairing.need_id, Pairing.provider_type, Pairing.provider_id, Pairing.amount)
        .join(Need, Need.id == Pairing.need_id)
        .join(Child, Child.id == Need.child_id)
        .where(in_region, Pairing.status.in_(LIVE_PAIRINGS))
        .order_by(Pairing.id)
    ).all()
    pinned_ids = {p.need_id for p in live}
    open_ids = {r.id for r in open_rows}
    pinned_rows = (
        session.execute(
            base.where(in_region, Need.status == NeedStatus.matched).order_by(Need.id)
        ).all()
        if pinned_ids - open_ids
        else []
    )
    rows = list(open_rows) + [r for r in pinned_rows if r.id in pinned_ids and r.id not in open_ids]
    weights = policy.weigh([(r.risk_level.value, r.urgency.value, r.opened_at) for r in rows], now)
    engine_needs, info = [], {}
    for row, weight in zip(rows, weights, strict=True):
        load, splittable = _need_load(row.kind, row.quantity, row.amount)
        requires = {f"gender:{row.preferred_gender.value}"} if row.preferred_gender else set()
        requires |= {f"lang:{lang}" for lang in row.languages}
        engine_needs.append(
            engine.Need(
                id=f"n{row.id}",
                lat=row.lat,
                lon=row.lon,
                category=row.category_code,
                priority=weight,
                skills=frozenset(row.skills),
                load=load,
                in_person=row.in_person,
                requires=frozenset(requires),
                splittable=splittable,
            )
        )
        info[row.id] = NeedInfo(
            row.id,
            row.child_id,
            row.risk_level.value,
            row.category_code,
            row.township_code,
            row.status.value if row.id not in pinned_ids else "matched",
            row.lat,
            row.lon,
            row.in_person,
        )

    providers: list[engine.Provider] = []
    if engine_needs:
        lats = np.array([n.lat for n in engine_needs])
        lons = np.array([n.lon for n in engine_needs])
        lat0, lat1, lon0, lon1 = _box(lats, lons, MAX_REACH_KM)
        providers = _providers(session, region, (lat0, lat1, lon0, lon1), today)
    provider_ids = {p.id for p in providers}
    pins = [
        (f"n{p.need_id}", provider_key(p.provider_type, p.provider_id), p.amount)
        for p in live
        if provider_key(p.provider_type, p.provider_id) in provider_ids
    ]
    providers = _less_capacity_used_elsewhere(session, providers, pins)
    forbidden = [
        (f"n{f.need_id}", provider_key(f.provider_type, f.provider_id))
        for f in session.scalars(
            select(ForbiddenPair)
            .join(Need, Need.id == ForbiddenPair.need_id)
            .join(Need.child)
            .where(in_region)
        )
        if f.need_id in info and provider_key(f.provider_type, f.provider_id) in provider_ids
    ]
    forbidden += _outside_contracts(session, info, providers)
    previous_run = session.scalar(
        select(MatchRun)
        .where(MatchRun.region_code == region.code, MatchRun.status == RunStatus.succeeded)
        .order_by(MatchRun.id.desc())
        .limit(1)
    )
    pending = session.execute(
        select(Proposal.id, Proposal.need_id, Proposal.provider_type, Proposal.provider_id)
        .join(Proposal.need)
        .join(Need.child)
        .where(in_region, Proposal.status == ProposalStatus.pending)
    ).all()
    previous_pending = {
        (r.need_id, provider_key(r.provider_type, r.provider_id)): r.id for r in pending
    }
    pinned_pairs = {(n, p) for n, p, _ in pins}
    forbidden_set = set(forbidden)
    preferred = [
        (f"n{n}", p)
        for (n, p) in previous_pending
        if n in info
        and p in provider_ids
        and (f"n{n}", p) not in forbidden_set
        and (f"n{n}", p) not in pinned_pairs
    ]
    return {
        "region": region,
        "needs": engine_needs,
        "providers": providers,
        "pins": pins,
        "forbidden": sorted(set(forbidden)),
        "preferred": sorted(preferred),
        "info": info,
        "previous_pending": previous_pending,
        "previous_run_id": previous_run.id if previous_run else None,
    }


def _in_box(model: Any, box: tuple[float, float, float, float]) -> Any:
    lat0, lat1, lon0, lon1 = box
    return (model.lat.between(lat0, lat1)) & (model.lon.between(lon0, lon1))


def _used_capacity(session: Session, kind: ProviderType) -> dict[int, int]:
    rows = session.execute(
        select(Pairing.provider_id, func.sum(Pairing.amount))
        .where(Pairing.provider_type == kind, Pairing.status.in_(LIVE_PAIRINGS))
        .group_by(Pairing.provider_id)
    ).all()
    return {pid: int(total or 0) for pid, total in rows}


def _providers(
    session: Session, region: Region, box: tuple[float, float, float, float], today: date
) -> list[engine.Provider]:
    out: list[engine.Provider] = []
    volunteers = session.execute(
        select(
            Volunteer.id,
            Volunteer.lat,
            Volunteer.lon,
            Volunteer.travel_km,
            Volunteer.categories,
            Volunteer.skills,
            Volunteer.max_children,
            Volunteer.gender,
            Volunteer.languages,
            Volunteer.check_state,
            Volunteer.check_expires_on,
        ).where(Volunteer.active.is_(True), _in_box(Volunteer, box))
    )
    for v in volunteers:
        attributes = {f"lang:{lang}" for lang in v.languages}
        if v.gender:
            attributes.add(f"gender:{v.gender.value}")
        cleared = v.check_state is CheckState.cleared and (
            v.check_expires_on is None or v.check_expires_on >= today
        )
        out.append(
            engine.Provider(
                id=provider_key(ProviderType.volunteer, v.id),
                lat=v.lat,
                lon=v.lon,
                radius_km=v.travel_km,
                categories=frozenset(v.categories),
                skills=frozenset(s["skill"] for s in v.skills),
                capacity=v.max_children,
                cleared=cleared,
                attributes=frozenset(attributes),
            )
        )
    both = frozenset({"gender:female", "gender:male"})
    for a in session.scalars(select(Agency).where(_in_box(Agency, box))):
        if a.contract_end and a.contract_end < today:
            continue
        out.append(
            engine.Provider(
                id=provider_key(ProviderType.agency, a.id),
                lat=a.lat,
                lon=a.lon,
                radius_km=a.service_radius_km,
                categories=frozenset(a.categories),
                skills=frozenset(a.skills),
                capacity=a.caseload_capacity,
                cleared=True,
                attributes=both,
            )
        )
    for r in session.scalars(
        select(Resource).where(Resource.status == ResourceStatus.available, _in_box(Resource, box))
    ):
        capacity = (
            r.posts
            if r.posts is not None
            else (math.floor(r.quantity) if r.quantity is not None else math.floor(r.amount or 0))
        )
        out.append(
            engine.Provider(
                id=provider_key(ProviderType.resource, r.id),
                lat=r.lat,
                lon=r.lon,
                radius_km=r.delivery_radius_km,
                categories=frozenset({r.category_code}),
                capacity=max(0, int(capacity)),
                cleared=True,
                attributes=both,
            )
        )
    return out


def _less_capacity_used_elsewhere(
    session: Session, providers: list[engine.Provider], pins: list[tuple[str, str, int]]
) -> list[engine.Provider]:
    """Pairings outside this run (another county's child) still take a provider's capacity;
    the ones inside it are pinned and counted by the engine."""
    used: dict[str, int] = {}
    for kind in ProviderType:
        for pk, amount in _used_capacity(session, kind).items():
            used[provider_key(kind, pk)] = amount
    pinned: dict[str, int] = {}
    for _, key, amount in pins:
        pinned[key] = pinned.get(key, 0) + amount
    out = []
    for p in providers:
        elsewhere = used.get(p.id, 0) - pinned.get(p.id, 0)
        # Approved pairings stay even if the provider has since lowered its capacity.
        capacity = max(pinned.get(p.id, 0), p.capacity - max(0, elsewhere))
        out.append(replace(p, capacity=capacity) if capacity != p.capacity else p)
    return out


def _outside_contracts(
    session: Session, info: dict[int, NeedInfo], providers: list[engine.Provider]
) -> list[tuple[str, str]]:
    """Agencies serve in person only the townships they are contracted for: forbid the rest.
    Remote needs are left out: forbidding one of them would cost the engine a direct arc to
    every provider of its class instead of one arc to the class's hub."""
    agency_ids = [int(p.id[1:]) for p in providers if p.id.startswith("a")]
    if not agency_ids or not info:
        return []
    out: list[tuple[str, str]] = []
    grouped: dict[str, list[NeedInfo]] = defaultdict(list)
    for n in info.values():
        if n.in_person:
            grouped[n.category].append(n)
    # Per category: arrays of the needs, so each agency looks only at those in its reach.
    arrays = {
        c: (
            np.array([n.lat for n in ns]),
            np.array([n.lon for n in ns]),
            np.array([n.township for n in ns]),
            np.array([n.id for n in ns]),
        )
        for c, ns in grouped.items()
    }
    for agency in session.scalars(select(Agency).where(Agency.id.in_(agency_ids))):
        contracted = list(agency.township_codes)
        if not contracted:
            continue
        key = provider_key(ProviderType.agency, agency.id)
        dlat = agency.service_radius_km / 111.0
        dlon = dlat / max(0.2, math.cos(math.radians(agency.lat)))
        for category in agency.categories:
            if category not in arrays:
                continue
            lats, lons, townships, ids = arrays[category]
            near = (np.abs(lats - agency.lat) <= dlat) & (np.abs(lons - agency.lon) <= dlon)
            outside = near & ~np.isin(townships, contracted)
            out.extend((f"n{i}", key) for i in ids[outside].tolist())
    return out


def plan(
    region_code: str,
    *,
    session_scope: SessionScope,
    policy: PriorityPolicy,
    now: datetime,
    time_limit_s: float = 60.0,
    seed: int = 0,
    workers: int = 1,
    progress: Progress | None = None,
) -> Plan:
    tick = time.perf_counter()
    say = progress or (lambda _stage: None)
    say("read")
    with session_scope() as session:
        inputs = read_plan_inputs(region_code, session=session, policy=policy, now=now)
    timings = {"read": time.perf_counter() - tick}
    say("solve")
    tick = time.perf_counter()
    problem = engine.MatchProblem(
        needs=inputs["needs"],
        providers=inputs["providers"],
        pinned=inputs["pins"],
        forbidden=inputs["forbidden"],
        preferred=inputs["preferred"],
    )
    result = engine.solve(problem, time_limit_s=time_limit_s, seed=seed, workers=workers)
    timings["solve"] = time.perf_counter() - tick
    return Plan(
        region=inputs["region"].code,
        problem=problem,
        result=result,
        need_info=inputs["info"],
        pinned={(int(n[1:]), p) for n, p, _ in inputs["pins"]},
        previous_pending=inputs["previous_pending"],
        previous_run_id=inputs["previous_run_id"],
        policy=policy.as_dict(),
        timings=timings,
    )


# --- write ------------------------------------------------------------------------------


def _explanation(reason: engine.Reason) -> dict[str, Any]:
    return {
        "code": reason.code.value,
        "message": reason.message,
        "details": {
            k: v
            for k, v in reason.details.items()
            if isinstance(v, str | int | float | bool | list)
        },
    }


def write(plan: Plan, run_id: int, *, session: Session, now: datetime) -> MatchRun:
    """Supersede the region's pending proposals and write the new ones, with the needs'
    transitions, file history, audit events and notifications: one transaction."""
    run = session.get(MatchRun, run_id)
    assert run is not None
    region = session.get(Region, plan.region)
    assert region is not None
    region_needs = (
        select(Need.id)
        .join(Need.child)
        .where(Child.region_path.startswith(region.path, autoescape=True))
    )
    session.execute(
        update(Proposal)
        .where(Proposal.status == ProposalStatus.pending, Proposal.need_id.in_(region_needs))
        .values(status=ProposalStatus.superseded, version=Proposal.version + 1)
        .execution_options(synchronize_session=False)
    )
    priorities = {n.id: n.priority for n in plan.problem.needs}
    rows: list[dict[str, Any]] = []
    for a in plan.new_pairs():
        kind, pk = parse_provider_key(a.provider_id)
        rows.append(
            {
                "run_id": run.id,
                "need_id": int(a.need_id[1:]),
                "provider_type": kind,
                "provider_id": pk,
                "amount": a.amount,
                "distance_km": round(a.distance_km, 3),
                "priority": priorities[a.need_id],
                "explanation": _explanation(a.explanation),
                "kept": (int(a.need_id[1:]), a.provider_id) in plan.previous_pending,
                "status": ProposalStatus.pending,
                "created_at": now,
                "version": 1,
            }
        )
    insert_proposals(session, rows)
    proposed: set[int] = {int(r["need_id"]) for r in rows}
    fresh: set[int] = {int(r["need_id"]) for r in rows if not r["kept"]}
    _move_needs(plan, proposed, fresh, run, session=session, now=now)
    run.status = RunStatus.succeeded
    run.finished_at = utcnow()
    run.engine_status = plan.result.status.value
    run.gap = plan.result.gap
    run.previous_run_id = plan.previous_run_id
    run.policy = plan.policy
    run.figures = plan.figures()
    _notify_coordinators(session, region, run, len(rows), now)
    audit.record(
        "match_run.write",
        session=session,
        actor_id=run.started_by,
        object_type="match_run",
        object_id=run.id,
        detail={"proposals": len(rows), "region": region.code},
    )
    session.flush()
    return run


def insert_proposals(session: Session, rows: list[dict[str, Any]]) -> None:
    """Bulk insert (its own function so tests can make it fail half-way)."""
    bulk_insert(session, Proposal, rows)


def _move_needs(
    plan: Plan,
    proposed: set[int],
    fresh: set[int],
    run: MatchRun,
    *,
    session: Session,
    now: datetime,
) -> None:
    """Needs move open ⇄ proposed; a new proposal (not one kept from the last run) goes into
    the child's file and the audit log."""
    to_proposed = [i for i in proposed if plan.need_info[i].status == "open"]
    to_open = [i for i, n in plan.need_info.items() if n.status == "proposed" and i not in proposed]
    transitions, records, events = [], [], []
    for ids, before, after in ((to_proposed, "open", "proposed"), (to_open, "proposed", "open")):
        if not ids:
            continue
        for part in chunked(ids):
            session.execute(
                update(Need)
                .where(Need.id.in_(part))
                .values(status=NeedStatus(after), version=Need.version + 1)
                .execution_options(synchronize_session=False)
            )
        for need_id in ids:
            child_id = plan.need_info[need_id].child_id
            transitions.append(
                {
                    "need_id": need_id,
                    "from_status": before,
                    "to_status": after,
                    "at": now,
                    "reason": f"match run {run.id}",
                    "data": {"run_id": run.id},
                }
            )
            records.append(
                {
                    "child_id": child_id,
                    "kind": RecordKind.need_change,
                    "at": now,
                    "data": {"need_id": need_id, "from": before, "to": after, "run_id": run.id},
                }
            )
    for need_id in sorted(fresh):
        records.append(
            {
                "child_id": plan.need_info[need_id].child_id,
                "kind": RecordKind.pairing,
                "at": now,
                "data": {"need_id": need_id, "event": "proposed", "run_id": run.id},
            }
        )
        events.append(
            {
                "at": now,
                "actor_id": run.started_by,
                "action": "proposal.create",
                "object_type": "need",
                "object_id": str(need_id),
                "outcome": "success",
                "detail": {"run_id": run.id},
            }
        )
    for table, batch in (
        (NeedTransition, transitions),
        (FileRecord, records),
        (AuditEvent, events),
    ):
        bulk_insert(session, table, batch)


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
        )
    )


def _notify_coordinators(
    session: Session, region: Region, run: MatchRun, count: int, now: datetime
) -> None:
    rows = [
        {
            "recipient_id": uid,
            "kind": "match_run.proposals",
            "created_at": now,
            "payload": {"run_id": run.id, "region_code": region.code, "proposals": count},
        }
        for uid in coordinators_of(session, region)
    ]
    if rows:
        session.execute(insert(Notification), rows)


# --- running ----------------------------------------------------------------------------


def create_run(
    region_code: str,
    *,
    session: Session,
    trigger: RunTrigger,
    started_by: int | None = None,
    period: str | None = None,
    parameters: dict[str, Any] | None = None,
) -> MatchRun | None:
    """Record a queued run. For a scheduled period, None if the region already has one:
    the (region, period) key makes the weekly run happen once, whoever asks."""
    run = MatchRun(
        region_code=region_code,
        period=period,
        trigger=trigger,
        started_by=started_by,
        status=RunStatus.queued,
        parameters=parameters or {},
    )
    try:
        with session.begin_nested():
            session.add(run)
            session.flush()
    except IntegrityError:
        return None
    return run


def execute(
    run_id: int,
    *,
    session_scope: SessionScope,
    policy: PriorityPolicy,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> MatchRun:
    """Run a recorded run to its end: succeeded with proposals, or failed with nothing
    written but the failure."""
    now = now or utcnow()
    with session_scope() as session:
        run = session.get(MatchRun, run_id)
        if run is None:
            raise NotFound()
        run.status, run.started_at = RunStatus.running, utcnow()
        region_code, params = run.region_code, dict(run.parameters or {})
    try:
        result = plan(
            region_code,
            session_scope=session_scope,
            policy=policy,
            now=now,
            time_limit_s=float(params.get("time_limit_s", DEFAULT_TIME_LIMIT_S)),
            seed=int(params.get("seed", 0)),
            workers=int(params.get("workers", 1)),
            progress=progress,
        )
        if progress:
            progress("write")
        tick = time.perf_counter()
        with session_scope() as session:
            run = write(result, run_id, session=session, now=now)
            result.timings["write"] = time.perf_counter() - tick
            engine_stages = {f"engine.{k}": float(v) for k, v in result.result.timings.items()}
            run.timings = {k: round(v, 4) for k, v in {**result.timings, **engine_stages}.items()}
    except Exception as exc:
        with session_scope() as session:
            failed = session.get(MatchRun, run_id)
            assert failed is not None
            failed.status, failed.finished_at = RunStatus.failed, utcnow()
            failed.error = f"{type(exc).__name__}: {exc}"[:2000]
        raise RunFailed(run_id) from exc
    with session_scope() as session:
        done = session.get(MatchRun, run_id)
        assert done is not None
        return done


def run_for(
    region_code: str,
    *,
    actor: Actor | None,
    session_scope: SessionScope,
    policy: PriorityPolicy,
    trigger: RunTrigger,
    period: str | None = None,
    parameters: dict[str, Any] | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> MatchRun | None:
    with session_scope() as session:
        run = create_run(
            region_code,
            session=session,
            trigger=trigger,
            started_by=actor.id if actor else None,
            period=period,
            parameters=parameters,
        )
        if run is None:
            return None
        run_id = run.id
    return execute(run_id, session_scope=session_scope, policy=policy, now=now, progress=progress)


def check_region_for(actor: Actor, region_code: str, *, session: Session) -> Region:
    """Coordinators run matches for regions inside their areas; admins anywhere."""
    try:
        region = regions.get(region_code, session=session)
    except NotFound:
        raise ValidationFailed({"region_code": ["No such region."]}) from None
    if not actor.is_admin and not any(region.path.startswith(p) for p in actor.area_paths):
        raise ValidationFailed({"region_code": ["This region is outside your area."]})
    return region


def run_changes(run: MatchRun, *, session: Session) -> list[dict[str, Any]]:
    """Which proposals of this run are new, which were kept from the last run, and which of
    the last run's are gone, with why."""
    rows = session.execute(
        select(Proposal.need_id, Proposal.provider_type, Proposal.provider_id, Proposal.kept)
        .where(Proposal.run_id == run.id)
        .order_by(Proposal.need_id)
    ).all()
    out = [
        {
            "need_id": r.need_id,
            "provider_type": r.provider_type.value,
            "provider_id": r.provider_id,
            "change": "kept" if r.kept else "new",
            "why": None,
        }
        for r in rows
    ]
    return out + list((run.figures or {}).get("changes", {}).get("gone_items", []))


def search_runs(*, actor: Actor, region: str | None = None, status: RunStatus | None = None) -> Any:
    stmt = select(MatchRun).join(Region, Region.code == MatchRun.region_code)
    if not actor.is_admin:
        stmt = stmt.where(regions.within(Region.path, actor.area_paths))
    if region:
        stmt = stmt.where(MatchRun.region_code == region.ljust(12, "0"))
    if status:
        stmt = stmt.where(MatchRun.status == status)
    return stmt.order_by(MatchRun.id.desc())


def get_run(run_id: int, *, actor: Actor, session: Session) -> MatchRun:
    run = session.get(MatchRun, run_id)
    if run is None:
        raise NotFound()
    region = session.get(Region, run.region_code)
    assert region is not None
    if not actor.is_admin and not any(region.path.startswith(p) for p in actor.area_paths):
        raise NotFound()
    return run
