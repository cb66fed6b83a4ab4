"""Writing a match run's plan: one fenced transaction that re-checks what changed under it.

The write begins by proving the run is still its worker's (the attempt it claimed), which
also serialises run writes (a row lock and, on PostgreSQL, one advisory lock for all runs).
Then it re-reads what the engine's inputs were: needs a coordinator decided on meanwhile
(their version moved) keep the coordinator's decision and get no proposal from this run;
pairs rejected meanwhile are not proposed; and no provider is promised more than it has
left across all regions (pairings plus other regions' pending proposals), else the run is
planned again on fresh data (or, at the last try, its lowest-priority parts are dropped).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from app import matching as engine
from app.db import affected, among, bulk_insert, utcnow
from app.models import (
    Agency,
    AuditEvent,
    Child,
    FileRecord,
    ForbiddenPair,
    MatchRun,
    Need,
    NeedStatus,
    NeedTransition,
    Notification,
    Proposal,
    ProposalStatus,
    ProviderType,
    RecordKind,
    Region,
    Resource,
    ResourceStatus,
    RunGone,
    RunStage,
    RunStatus,
    RunUnserved,
    Volunteer,
)
from app.services import audit
from app.services.match_read import (
    PlanInputs,
    committed_capacity,
    in_region,
    need_key,
    parse_provider_key,
    provider_key,
    resource_capacity,
)
from app.services.scope import coordinators_of

# one key for every run's write: runs of neighbouring counties share providers
WRITE_LOCK_KEY = 0x7458_6D61_7463_68  # "txmatch"


class LostLease(Exception):
    """Another worker holds the run now (this attempt's lease ran out): write nothing."""


class CapacityConflict(Exception):
    """Another region's run promised the same providers meanwhile: plan again."""

    def __init__(self, providers: list[str]) -> None:
        super().__init__(f"capacity taken meanwhile: {', '.join(providers[:5])}")
        self.providers = providers


@dataclass
class Part:
    """A proposal to write: units of a need from a provider."""

    need_id: int
    provider: str
    amount: int
    distance_km: float
    priority: int
    preferred: bool
    reason: engine.Reason


@dataclass
class Plan:
    """Everything a run decided, before anything is written."""

    inputs: PlanInputs
    problem: engine.MatchProblem
    result: engine.MatchResult
    policy: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    # filled by the write: parts left out because of what changed meanwhile, and why
    dropped: dict[int, str] = field(default_factory=dict)
    _parts: list[Part] | None = field(default=None, init=False, repr=False, compare=False)

    def parts(self) -> list[Part]:
        """New units to propose: every assignment less what approved pairings already give
        (worked out once: the result does not change)."""
        if self._parts is None:
            self._parts = self._new_parts()
        return self._parts

    def _new_parts(self) -> list[Part]:
        priority = {n.id: n.priority for n in self.problem.needs}
        out = []
        for a in self.result.assignments:
            extra = a.new_amount
            if extra <= 0:
                continue
            out.append(
                Part(
                    need_id=int(a.need_id[1:]),
                    provider=a.provider_id,
                    amount=extra,
                    distance_km=a.distance_km,
                    priority=priority[a.need_id],
                    preferred=a.preferred,
                    reason=a.explanation,
                )
            )
        return out

    def kept_parts(self) -> list[Part]:
        return [p for p in self.parts() if p.need_id not in self.dropped]

    def unserved(self) -> dict[int, tuple[str, dict[str, Any]]]:
        """Needs this run leaves (partly) open, with the binding reason's code and numbers."""
        out: dict[int, tuple[str, dict[str, Any]]] = {}
        for key, reason in self.result.unassigned.items():
            out[int(key[1:])] = (reason.code.value, _details(reason))
        for need_id, why in self.dropped.items():
            out[need_id] = (why, {})
        return out

    def gone(self) -> list[dict[str, Any]]:
        """Last run's pending proposals this run does not repeat, and why."""
        current = {(p.need_id, p.provider) for p in self.kept_parts()}
        forbidden = set(self.problem.forbidden)
        info = self.inputs.info
        out = []
        for need_id, provider in sorted(set(self.inputs.previous_pending) - current):
            key = need_key(need_id)
            if need_id not in info:
                why = "need_no_longer_open"
            elif need_id in self.dropped:
                why = self.dropped[need_id]
            elif key in self.result.unassigned:
                why = self.result.unassigned[key].code.value
            elif (key, provider) in forbidden:
                why = "forbidden"
            else:
                why = "better_pairing_found"
            kind, pk = parse_provider_key(provider)
            out.append({"need_id": need_id, "provider_type": kind, "provider_id": pk, "why": why})
        return out

    def figures(self) -> dict[str, Any]:
        info = self.inputs.info
        parts = self.kept_parts()
        served_ids = {p.need_id for p in parts} - set(self.unserved())
        served = [info[i] for i in served_ids]
        distances = [p.distance_km for p in parts if info[p.need_id].in_person]
        current = {(p.need_id, p.provider) for p in parts}
        previous = set(self.inputs.previous_pending)
        gone = self.gone()
        return {
            "open_needs": len(info),
            "covered_needs_skipped": self.inputs.skipped.get("covered", 0),
            "pinned": self.inputs.live_pairings,
            "proposals": len(parts),
            "served_needs": len(served_ids),
            "served_by_risk": dict(Counter(n.risk for n in served)),
            "served_by_category": dict(Counter(n.category for n in served)),
            "open_by_risk": dict(Counter(n.risk for n in info.values())),
            "unserved_by_reason": dict(Counter(code for code, _ in self.unserved().values())),
            "total_distance_km": round(sum(distances), 3),
            "mean_distance_km": round(sum(distances) / len(distances), 3) if distances else 0.0,
            "providers": len(self.problem.providers),
            "candidates": int(self.result.counts.get("candidate_pairs", 0)),
            "changes": {
                "new": len(current - previous),
                "kept": len(current & previous),
                "gone": len(gone),
                "gone_reasons": dict(Counter(g["why"] for g in gone)),
            },
        }


_PLAIN = (str, int, float, bool, list)  # what a reason's details keep (JSON's own types)


def _details(reason: engine.Reason) -> dict[str, Any]:
    return {k: v for k, v in reason.details.items() if isinstance(v, _PLAIN)}


def explanation(reason: engine.Reason) -> dict[str, Any]:
    """What a proposal keeps of why it was made: a code and its numbers, rendered in the
    reader's language when read (never a sentence in one language)."""
    return {"code": reason.code.value, "details": _details(reason)}


# --- the re-checks ------------------------------------------------------------------------


def _fence(session: Session, run_id: int, attempt: int) -> None:
    claimed = affected(
        session.execute(
            update(MatchRun)
            .where(
                MatchRun.id == run_id,
                MatchRun.attempt == attempt,
                MatchRun.status == RunStatus.running,
            )
            .values(stage=RunStage.write, progress=0.9)
            .execution_options(synchronize_session=False)
        )
    )
    if claimed != 1:
        raise LostLease(f"match run {run_id} attempt {attempt} is no longer this worker's")
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def _changed_needs(session: Session, plan: Plan) -> set[int]:
    """Needs whose version moved since the read (a coordinator decided on them meanwhile),
    and needs deleted since."""
    info = plan.inputs.info
    changed: set[int] = set()
    found: set[int] = set()
    connection = session.connection()
    for clause in among(session, Need.id, sorted(info)):
        for need_id, version in connection.execute(select(Need.id, Need.version).where(clause)):
            found.add(need_id)
            if version != info[need_id].version:
                changed.add(need_id)
    return changed | (set(info) - found)


def _forbidden_meanwhile(session: Session, plan: Plan) -> set[tuple[int, str]]:
    rows = session.execute(
        select(ForbiddenPair.need_id, ForbiddenPair.provider_type, ForbiddenPair.provider_id).where(
            ForbiddenPair.id > plan.inputs.forbidden_watermark
        )
    ).all()
    return {(r.need_id, provider_key(r.provider_type, r.provider_id)) for r in rows}


def _capacities(session: Session, keys: set[str]) -> dict[str, int]:
    """Providers' capacities as they are now (a provider may have lowered its own)."""
    ids: dict[ProviderType, list[int]] = defaultdict(list)
    for key in keys:
        kind, pk = parse_provider_key(key)
        ids[kind].append(pk)
    out: dict[str, int] = {}
    for clause in among(session, Volunteer.id, ids[ProviderType.volunteer]):
        for pk, cap, active in session.execute(
            select(Volunteer.id, Volunteer.max_children, Volunteer.active).where(clause)
        ):
            out[provider_key(ProviderType.volunteer, pk)] = cap if active else 0
    for clause in among(session, Agency.id, ids[ProviderType.agency]):
        for pk, cap in session.execute(select(Agency.id, Agency.caseload_capacity).where(clause)):
            out[provider_key(ProviderType.agency, pk)] = cap
    for clause in among(session, Resource.id, ids[ProviderType.resource]):
        for r in session.execute(
            select(
                Resource.id, Resource.status, Resource.posts, Resource.quantity, Resource.amount
            ).where(clause)
        ):
            available = r.status is ResourceStatus.available
            out[provider_key(ProviderType.resource, r.id)] = (
                resource_capacity(r.posts, r.quantity, r.amount) if available else 0
            )
    return out


def _over_capacity(session: Session, plan: Plan, parts: list[Part]) -> dict[str, int]:
    """Providers this write would promise beyond what they have, and by how much."""
    new: dict[str, int] = defaultdict(int)
    for p in parts:
        new[p.provider] += p.amount
    if not new:
        return {}
    keys = set(new)
    committed = committed_capacity(session, plan.inputs.region_path, keys)
    capacity = _capacities(session, keys)
    over = {}
    for key, amount in new.items():
        excess = committed.get(key, 0) + amount - capacity.get(key, 0)
        if excess > 0:
            over[key] = excess
    return over


def recheck(plan: Plan, *, session: Session, last_try: bool) -> None:
    """Drop what coordinators decided meanwhile; refuse (or, at the last try, trim) what
    another run promised meanwhile."""
    plan.dropped = {}
    for need_id in _changed_needs(session, plan):
        plan.dropped[need_id] = "decided_during_run"
    forbidden = _forbidden_meanwhile(session, plan)
    for p in plan.parts():
        if (p.need_id, p.provider) in forbidden and p.need_id not in plan.dropped:
            plan.dropped[p.need_id] = "rejected_during_run"
    over = _over_capacity(session, plan, plan.kept_parts())
    if not over:
        return
    if not last_try:
        raise CapacityConflict(sorted(over))
    # Lowest priority first: drop whole needs until every provider fits.
    by_provider: dict[str, list[Part]] = defaultdict(list)
    for p in plan.kept_parts():
        by_provider[p.provider].append(p)
    for key, excess in over.items():
        for p in sorted(by_provider[key], key=lambda p: (p.priority, -p.need_id)):
            if excess <= 0:
                break
            if p.need_id in plan.dropped:
                continue
            plan.dropped[p.need_id] = "capacity_taken_meanwhile"
            excess -= p.amount


# --- the write ----------------------------------------------------------------------------


def write(
    plan: Plan,
    run_id: int,
    *,
    attempt: int,
    session: Session,
    now: datetime,
    last_try: bool = True,
) -> MatchRun:
    """Supersede the region's pending proposals and write the new ones, with the needs'
    transitions, file history, audit events, unserved reasons and notifications: one
    transaction, fenced by the attempt."""
    _fence(session, run_id, attempt)
    recheck(plan, session=session, last_try=last_try)
    run = session.get(MatchRun, run_id)
    assert run is not None
    region = session.get(Region, plan.inputs.region_code)
    assert region is not None
    region_needs = (
        select(Need.id).join(Child, Child.id == Need.child_id).where(in_region(region.path))
    )
    session.execute(
        update(Proposal)
        .where(Proposal.status == ProposalStatus.pending, Proposal.need_id.in_(region_needs))
        .values(status=ProposalStatus.superseded, version=Proposal.version + 1)
        .execution_options(synchronize_session=False)
    )
    parts = plan.kept_parts()
    previous = plan.inputs.previous_pending
    rows: list[dict[str, Any]] = []
    for p in parts:
        kind, pk = parse_provider_key(p.provider)
        rows.append(
            {
                "run_id": run.id,
                "need_id": p.need_id,
                "provider_type": kind,
                "provider_id": pk,
                "amount": p.amount,
                "distance_km": round(p.distance_km, 3),
                "priority": p.priority,
                "explanation": explanation(p.reason),
                "kept": (p.need_id, p.provider) in previous,
                "status": ProposalStatus.pending,
                "created_at": now,
                "version": 1,
            }
        )
    insert_proposals(session, rows)
    proposed = {int(r["need_id"]) for r in rows}
    fresh = {int(r["need_id"]) for r in rows if not r["kept"]}
    _move_needs(plan, proposed, fresh, run, session=session, now=now)
    bulk_insert(
        session,
        RunUnserved,
        [
            {"run_id": run.id, "need_id": need_id, "code": code, "details": details}
            for need_id, (code, details) in sorted(plan.unserved().items())
        ],
    )
    bulk_insert(session, RunGone, [{"run_id": run.id, **g} for g in plan.gone()])
    run.status = RunStatus.succeeded
    run.stage = RunStage.done
    run.progress = 1.0
    run.finished_at = utcnow()
    run.lease_expires_at = None
    run.error = run.error_code = None
    run.engine_status = plan.result.status.value
    run.gap = plan.result.gap
    run.previous_run_id = plan.inputs.previous_run_id
    run.policy = plan.policy
    run.figures = plan.figures()
    _notify_coordinators(session, region, run, len(rows), now)
    audit.record(
        "match_run.write",
        session=session,
        actor_id=run.started_by,
        object_type="match_run",
        object_id=run.id,
        detail={"proposals": len(rows), "region": region.code, "attempt": attempt},
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
    """Needs move open ⇄ proposed (not those decided on meanwhile); a new proposal (not one
    kept from the last run) goes into the child's file and the audit log."""
    info = plan.inputs.info
    settled = set(plan.dropped)
    to_proposed = sorted(i for i in proposed if info[i].status == "open")
    to_open = sorted(
        i
        for i, n in info.items()
        if n.status == "proposed" and i not in proposed and i not in settled
    )
    transitions, records, events = [], [], []
    for ids, before, after in ((to_proposed, "open", "proposed"), (to_open, "proposed", "open")):
        for clause in among(session, Need.id, ids):
            values: dict[str, Any] = {"status": NeedStatus(after), "version": Need.version + 1}
            if after == "open":
                values["opened_at"] = now  # waiting restarts, as for any reopened need
            session.execute(
                update(Need)
                .where(clause)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
        for need_id in ids:
            transitions.append(
                {
                    "need_id": need_id,
                    "from_status": before,
                    "to_status": after,
                    "at": now,
                    "reason": None,  # the run is in `data`; nothing to encrypt
                    "data": {"run_id": run.id},
                }
            )
            records.append(
                {
                    "child_id": info[need_id].child_id,
                    "kind": RecordKind.need_change,
                    "at": now,
                    "data": {"need_id": need_id, "from": before, "to": after, "run_id": run.id},
                }
            )
    for need_id in sorted(fresh):
        records.append(
            {
                "child_id": info[need_id].child_id,
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
