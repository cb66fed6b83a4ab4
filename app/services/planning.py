"""What-if planning on a match run: "if I recruit two tutors in Anhai", "if agency X takes
ten more children", and where recruiting would close the most gaps. Never written: no
proposal comes of it.

The run's inputs are read again as of now, the way the run read them (`match_read.read`),
with the run's own priority policy: what a run stores is its outcome (proposals, unserved
needs and their reasons), not the whole problem, and what a coordinator plans for is the
next run, which will see today's needs and decisions. Baseline and scenario are both solved
on those same inputs, so the difference is the change's alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.matching import MatchProblem, Provider
from app.matching.what_if import Comparison, Scenario, compare
from app.models import (
    Child,
    MatchRun,
    Need,
    NeedCategory,
    NeedKind,
    ProviderType,
    Region,
    RegionLevel,
    RunStatus,
    RunUnserved,
)
from app.services.match_read import BOTH_GENDERS, PlanInputs, provider_key, read
from app.services.match_runs import RunSettings
from app.services.priority import PriorityPolicy

# The binding reasons that more providers could lift (not a coordinator's rejection, nor a
# plan unproven within the time limit).
FOR_LACK = (
    "no_provider_for_category",
    "no_provider_with_skill",
    "no_provider_with_attributes",
    "none_within_reach",
    "none_cleared",
    "capacity_full",
    "insufficient_capacity",
)
LISTED = 1000  # needs named in an answer, at most


@dataclass(frozen=True)
class Recruit:
    """Providers one could recruit: `count` of them at the township's centre, each offering
    `category` with `skills`, taking `capacity` children (or units), reaching `radius_km`.
    Recruits are assumed to pass their background check before they meet a child."""

    category: str
    township_code: str
    skills: tuple[str, ...] = ()
    capacity: int = 1
    count: int = 1
    radius_km: float = 10.0
    gender: str | None = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class MoreCapacity:
    provider_type: ProviderType
    provider_id: int
    extra: int


@dataclass
class Answer:
    run_id: int
    region_code: str
    comparison: Comparison
    inputs: PlanInputs
    recruits: int
    read_at: datetime
    figures: dict[str, Any] = field(default_factory=dict)


def _check_run(run: MatchRun) -> None:
    if run.status is not RunStatus.succeeded:
        raise ValidationFailed({"run_id": ["Plan on a run that succeeded."]})


def _inputs(run: MatchRun, *, session: Session, settings: RunSettings, now: datetime) -> PlanInputs:
    policy = PriorityPolicy.from_config(run.policy or None)
    return read(
        run.region_code, session=session, policy=policy, now=now, min_parts=settings.min_parts
    )


def _problem(inputs: PlanInputs) -> MatchProblem:
    return MatchProblem(
        needs=inputs.needs,
        providers=inputs.providers,
        pinned=inputs.pins,
        forbidden=inputs.forbidden,
        preferred=inputs.preferred,
    )


def _recruited(recruits: list[Recruit], run: MatchRun, *, session: Session) -> list[Provider]:
    region = session.get(Region, run.region_code)
    assert region is not None
    out: list[Provider] = []
    for index, r in enumerate(recruits):
        where = f"recruit.{index}"
        township = session.get(Region, r.township_code.ljust(12, "0"))
        if (
            township is None
            or township.level is not RegionLevel.township
            or not township.path.startswith(region.path)
        ):
            raise ValidationFailed(
                {f"{where}.township_code": ["No such township in the run's region."]}
            )
        category = session.get(NeedCategory, r.category)
        if category is None:
            raise ValidationFailed({f"{where}.category": ["No such need category."]})
        if category.kind in (NeedKind.goods, NeedKind.funds):
            raise ValidationFailed(
                {f"{where}.category": ["Recruit people for services; goods and funds are donated."]}
            )
        attributes = {f"lang:{lang}" for lang in r.languages}
        attributes |= {f"gender:{r.gender}"} if r.gender else set(BOTH_GENDERS)
        lat = township.lat if township.lat is not None else region.lat
        lon = township.lon if township.lon is not None else region.lon
        assert lat is not None and lon is not None
        for k in range(r.count):
            out.append(
                Provider(
                    id=f"w{index}_{k}",
                    lat=lat,
                    lon=lon,
                    radius_km=r.radius_km,
                    categories=frozenset({r.category}),
                    skills=frozenset(r.skills),
                    capacity=r.capacity,
                    cleared=True,
                    attributes=frozenset(attributes),
                )
            )
    return out


def what_if(
    run: MatchRun,
    *,
    recruits: list[Recruit],
    more: list[MoreCapacity],
    session: Session,
    settings: RunSettings,
    now: datetime,
) -> Answer:
    """How many more needs the run's region would serve with these recruits and this
    extra capacity, by risk tier, and which."""
    _check_run(run)
    if not recruits and not more:
        raise ValidationFailed({"recruit": ["Add a recruit or more capacity."]})
    inputs = _inputs(run, session=session, settings=settings, now=now)
    known = {p.id for p in inputs.providers}
    extra: dict[str, int] = {}
    for index, m in enumerate(more):
        key = provider_key(m.provider_type, m.provider_id)
        if key not in known:
            raise ValidationFailed(
                {f"more_capacity.{index}.provider_id": ["Not among the providers the run can use."]}
            )
        extra[key] = extra.get(key, 0) + m.extra
    added = _recruited(recruits, run, session=session)
    comparison = compare(
        _problem(inputs),
        Scenario(add=tuple(added), extra_capacity=extra),
        time_limit_s=settings.time_limit_s,
        seed=int((run.parameters or {}).get("seed", 0)),
        workers=1,
    )
    return Answer(run.id, run.region_code, comparison, inputs, len(added), now)


def _risk_counts(ids: list[str] | tuple[str, ...], inputs: PlanInputs) -> dict[str, int]:
    out = {"high": 0, "medium": 0, "low": 0}
    for key in ids:
        out[inputs.info[int(key[1:])].risk] = out.get(inputs.info[int(key[1:])].risk, 0) + 1
    return out


def describe(answer: Answer) -> dict[str, Any]:
    """The answer as the API gives it: figures before and after, the gain by risk tier, and
    the needs that would be served (or no longer, when the plan trades one for another)."""
    c, inputs = answer.comparison, answer.inputs
    considered = c.needs

    def served_ids(result: Any) -> list[str]:
        return [n for n in considered if n not in result.unassigned]

    before, after = served_ids(c.baseline), served_ids(c.scenario)

    def side(ids: list[str], result: Any) -> dict[str, Any]:
        return {
            "served_needs": len(ids),
            "served_priority": int(result.served_priority),
            "served_by_risk": _risk_counts(ids, inputs),
            "engine_status": str(result.status),
        }

    def listed(ids: tuple[str, ...]) -> list[dict[str, Any]]:
        out = []
        for key in ids[:LISTED]:
            info = inputs.info[int(key[1:])]
            out.append(
                {
                    "need_id": info.id,
                    "category": info.category,
                    "township_code": info.township,
                    "risk_level": info.risk,
                }
            )
        return out

    gain_by_risk = {
        risk: _risk_counts(after, inputs)[risk] - _risk_counts(before, inputs)[risk]
        for risk in ("high", "medium", "low")
    }
    return {
        "run_id": answer.run_id,
        "region_code": answer.region_code,
        "read_at": answer.read_at,
        "open_needs": len(inputs.needs),
        "needs_considered": len(considered),
        "recruits": answer.recruits,
        "baseline": side(before, c.baseline),
        "scenario": side(after, c.scenario),
        "gain": {
            "needs": len(after) - len(before),
            "priority": c.served_priority_gain,
            "by_risk": gain_by_risk,
        },
        "newly_served": listed(c.newly_served),
        "no_longer_served": listed(c.no_longer_served),
    }


def recruiting(
    run: MatchRun,
    *,
    session: Session,
    settings: RunSettings,
    now: datetime,
    per_township: int = 2,
    capacity: int = 2,
    radius_km: float = 10.0,
    limit: int = 30,
) -> list[dict[str, Any]]:
    """For each township, the categories and skills whose lack leaves the most priority
    unserved in this run (from its binding reasons), with what one more provider there
    (offering them, taking `capacity`) would serve. Services only: goods and funds are
    donated, not recruited."""
    _check_run(run)
    rows = session.execute(
        select(
            RunUnserved.code,
            RunUnserved.details,
            Need.category_code,
            Need.skills,
            Child.township_code,
            Child.risk_level,
            Region.name,
        )
        .join(Need, Need.id == RunUnserved.need_id)
        .join(NeedCategory, NeedCategory.code == Need.category_code)
        .join(Child, Child.id == Need.child_id)
        .join(Region, Region.code == Child.township_code)
        .where(
            RunUnserved.run_id == run.id,
            RunUnserved.code.in_(FOR_LACK),
            NeedCategory.kind.in_([NeedKind.service, NeedKind.post]),
        )
    ).all()
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for code, details, category, skills, township, risk, name in rows:
        key = (township, category, json.dumps(sorted(skills or [])))
        group = groups.setdefault(
            key,
            {
                "township_code": township,
                "township": name,
                "category": category,
                "skills": sorted(skills or []),
                "unserved_needs": 0,
                "unserved_priority": 0,
                "unserved_by_risk": {"high": 0, "medium": 0, "low": 0},
                "reasons": defaultdict(int),
            },
        )
        group["unserved_needs"] += 1
        group["unserved_priority"] += int((details or {}).get("priority", 0))
        group["unserved_by_risk"][risk.value] += 1
        group["reasons"][code] += 1
    by_township: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for group in groups.values():
        group["reasons"] = dict(group["reasons"])
        by_township[group["township_code"]].append(group)
    chosen: list[dict[str, Any]] = []
    for township in sorted(by_township):
        ranked = sorted(
            by_township[township],
            key=lambda g: (-g["unserved_priority"], -g["unserved_needs"], g["category"]),
        )
        chosen.extend(ranked[:per_township])
    chosen.sort(key=lambda g: (-g["unserved_priority"], g["township_code"], g["category"]))
    chosen = chosen[:limit]
    if not chosen:
        return []
    inputs = _inputs(run, session=session, settings=settings, now=now)
    problem = _problem(inputs)
    seed = int((run.parameters or {}).get("seed", 0))
    for group in chosen:
        [recruit] = _recruited(
            [
                Recruit(
                    category=group["category"],
                    township_code=group["township_code"],
                    skills=tuple(group["skills"]),
                    capacity=capacity,
                    radius_km=radius_km,
                )
            ],
            run,
            session=session,
        )
        result = compare(
            problem,
            Scenario(add=(recruit,)),
            time_limit_s=settings.time_limit_s,
            seed=seed,
            workers=1,
        )
        newly = result.newly_served
        group["gain_of_one"] = {
            "needs": len(newly) - len(result.no_longer_served),
            "priority": result.served_priority_gain,
            "by_risk": {
                risk: _risk_counts(newly, inputs)[risk]
                - _risk_counts(result.no_longer_served, inputs)[risk]
                for risk in ("high", "medium", "low")
            },
        }
    return chosen
