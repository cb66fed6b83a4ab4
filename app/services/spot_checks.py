"""The annual spot-check of files (年度抽查, 002 part 4): a reproducible random sample of
files per township, stratified by risk level, with a checklist per file, results recorded
and summarised.

Sampling: in each township n = max(minimum, ceil(share × files)), never more than it has;
n is shared among the risk levels in proportion to their files (largest remainders), every
level that has files getting at least one while n allows, highest risk first; within a level
the files are drawn with a generator seeded by (seed, township, level) from the files in id
order. The same seed and files give the same sample; the sample is stored, so files opened
later never change it.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import utcnow
from app.errors import Conflict, NotFound, ValidationFailed
from app.models import (
    Child,
    FileRecord,
    RecordKind,
    Region,
    RiskLevel,
    SpotCheck,
    SpotCheckItem,
)
from app.services import audit, children, regions, scope, statistics
from app.services.users import Actor

CRITERIA = ("info_complete", "visits_on_rhythm", "consent_recorded", "problems_resolved")
RISK_ORDER = (RiskLevel.high, RiskLevel.medium, RiskLevel.low)


@dataclass(frozen=True)
class File:
    child_id: int
    township: str
    risk: str


def sample_size(files: int, share: float, minimum: int) -> int:
    return min(files, max(minimum, math.ceil(share * files)))


def allocate(n: int, strata: dict[str, int]) -> dict[str, int]:
    """Share `n` among strata (name -> files) in proportion, at least one per stratum with
    files while `n` allows (highest risk first), never more than a stratum has."""
    order = [r.value for r in RISK_ORDER if strata.get(r.value)]
    out = {r: 0 for r in order}
    for r in order[:n]:
        out[r] = 1
    left = n - sum(out.values())
    total = sum(strata[r] for r in order)
    if left > 0 and total:
        want = {r: n * strata[r] / total for r in order}
        for r in order:
            take = min(strata[r] - out[r], max(0, math.floor(want[r]) - out[r]), left)
            out[r] += take
            left -= take
        by_remainder = sorted(
            order, key=lambda r: (-(want[r] - math.floor(want[r])), order.index(r))
        )
        while left > 0:
            room = [r for r in by_remainder if out[r] < strata[r]]
            if not room:
                break
            for r in room:
                if left == 0:
                    break
                out[r] += 1
                left -= 1
    return out


def draw(files: Sequence[File], *, share: float, minimum: int, seed: int) -> list[File]:
    """The stratified sample (see the module's docstring)."""
    by_township: dict[str, dict[str, list[int]]] = {}
    for f in files:
        by_township.setdefault(f.township, {}).setdefault(f.risk, []).append(f.child_id)
    out: list[File] = []
    for township in sorted(by_township):
        strata = by_township[township]
        n = sample_size(sum(len(v) for v in strata.values()), share, minimum)
        for risk, k in allocate(n, {r: len(v) for r, v in strata.items()}).items():
            ids = sorted(strata[risk])
            rng = random.Random(f"{seed}:{township}:{risk}")
            out.extend(File(i, township, risk) for i in sorted(rng.sample(ids, k)))
    return out


def create(
    *,
    actor: Actor,
    session: Session,
    region_code: str,
    year: int,
    share: float = 0.1,
    minimum: int = 3,
    seed: int | None = None,
) -> SpotCheck:
    """Draw and store the year's sample of a region of yours (a county, usually)."""
    try:
        region = regions.get(region_code, session=session)
    except NotFound:
        raise ValidationFailed({"region_code": ["No such region."]}) from None
    scope.require_in_area(actor, region)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    rows = session.execute(
        select(Child.id, Child.township_code, Child.risk_level).where(
            Child.region_path.startswith(region.path, autoescape=True), Child.created_at < end
        )
    ).all()
    files = [File(i, t, r.value) for i, t, r in rows]
    seed = secrets.randbelow(2**31) if seed is None else seed
    picked = draw(files, share=share, minimum=minimum, seed=seed)
    check = SpotCheck(
        region_code=region.code,
        region_path=region.path,
        year=year,
        seed=seed,
        share=share,
        minimum=minimum,
        population=len(files),
        created_by=actor.id,
    )
    try:
        with session.begin_nested():
            session.add(check)
            session.flush()
    except IntegrityError:
        raise Conflict(
            "This region's spot-check of that year exists already.", field="year"
        ) from None
    session.add_all(
        SpotCheckItem(
            spot_check_id=check.id,
            child_id=f.child_id,
            township_code=f.township,
            risk_level=RiskLevel(f.risk),
        )
        for f in picked
    )
    session.flush()
    audit.record_by(
        actor,
        "spot_check.create",
        session=session,
        object_type="spot_check",
        object_id=check.id,
        detail={"region": region.code, "year": year, "seed": seed, "sampled": len(picked)},
    )
    return check


def visible(actor: Actor) -> Select[tuple[SpotCheck]]:
    return select(SpotCheck).where(scope.area_or_all(actor, SpotCheck.region_path))


def get(check_id: int, *, actor: Actor, session: Session) -> SpotCheck:
    check = session.scalar(visible(actor).where(SpotCheck.id == check_id))
    if check is None:
        raise NotFound()
    return check


def items(check: SpotCheck, *, township: str | None = None, unchecked: bool = False) -> Select[Any]:
    stmt = (
        select(SpotCheckItem, Child.code, Region.name)
        .join(Child, Child.id == SpotCheckItem.child_id)
        .join(Region, Region.code == SpotCheckItem.township_code)
        .where(SpotCheckItem.spot_check_id == check.id)
    )
    if township:
        stmt = stmt.where(SpotCheckItem.township_code == township.ljust(12, "0"))
    if unchecked:
        stmt = stmt.where(SpotCheckItem.checked_at.is_(None))
    risk = case({RiskLevel.high: 0, RiskLevel.medium: 1}, value=SpotCheckItem.risk_level, else_=2)
    return stmt.order_by(SpotCheckItem.township_code, risk, SpotCheckItem.id)


def get_item(check: SpotCheck, item_id: int, *, session: Session) -> SpotCheckItem:
    item = session.get(SpotCheckItem, item_id)
    if item is None or item.spot_check_id != check.id:
        raise NotFound()
    return item


def facts(
    check: SpotCheck, item: SpotCheckItem, *, actor: Actor, session: Session, now: datetime
) -> dict[str, Any]:
    """What the file shows for each criterion, as a checker's starting point (the checker
    decides). Reading them reads the file: audited."""
    child = children.get(item.child_id, actor=actor, session=session, purpose="read_for_spot_check")
    pii = child.pii or {}
    guardian = pii.get("guardian") or {}
    missing = [
        key
        for key, present in (
            ("name", pii.get("name")),
            ("id_number", pii.get("id_number")),
            ("address", pii.get("address")),
            ("guardian", guardian.get("name") and guardian.get("phone")),
            ("categories", child.categories),
        )
        if not present
    ]
    if "disability" in child.categories and not child.disability:
        missing.append("disability")
    if "left_behind" in child.categories and not (pii.get("entrusted_care") or {}).get("carer"):
        missing.append("entrusted_care")
    year = statistics.Period.parse(str(check.year))
    query = statistics.Query(area=statistics.Area((child.region_path,)), period=year, now=now)
    due, done = statistics.child_rhythm(child.id, query, session=session)
    consent = child.active_consent
    adult = child.age_on(min(now.date(), year.last_day)) >= children.CONSENT_AGE
    open_problems = session.scalar(
        select(func.count()).where(
            FileRecord.child_id == child.id,
            FileRecord.kind == RecordKind.problem,
            FileRecord.resolved_at.is_(None),
        )
    )
    return {
        "info_complete": {"ok": not missing, "missing": missing},
        "visits_on_rhythm": {"ok": done >= due, "due": due, "done": done},
        "consent_recorded": {
            "ok": consent is not None or adult,
            "given_on": consent.given_on.isoformat() if consent else None,
            "aged_14_or_more": adult,
        },
        "problems_resolved": {"ok": not open_problems, "open": int(open_problems or 0)},
    }


def record(
    item: SpotCheckItem, data: dict[str, Any], *, actor: Actor, session: Session
) -> SpotCheckItem:
    for key in CRITERIA:
        setattr(item, key, data[key])
    if "note" in data:
        item.note = data["note"]
    item.checked_by, item.checked_at = actor.id, utcnow()
    session.flush()
    audit.record_by(
        actor,
        "spot_check.record",
        session=session,
        object_type="child",
        object_id=item.child_id,
        detail={"spot_check_id": item.spot_check_id, **{k: data[k] for k in CRITERIA}},
    )
    return item


def summary(check: SpotCheck, *, session: Session) -> dict[str, Any]:
    """Per township and per risk level: sampled, checked, each criterion's passes, and
    files passing all four; one SQL aggregate each."""

    def counts(*group: Any) -> Select[Any]:
        all_four = case(
            (
                (SpotCheckItem.info_complete.is_(True))
                & (SpotCheckItem.visits_on_rhythm.is_(True))
                & (SpotCheckItem.consent_recorded.is_(True))
                & (SpotCheckItem.problems_resolved.is_(True)),
                1,
            ),
            else_=0,
        )
        return select(
            *group,
            func.count(),
            func.count(SpotCheckItem.checked_at),
            *(
                func.coalesce(func.sum(case((getattr(SpotCheckItem, c).is_(True), 1), else_=0)), 0)
                for c in CRITERIA
            ),
            func.coalesce(func.sum(all_four), 0),
        ).where(SpotCheckItem.spot_check_id == check.id)

    def row(values: Sequence[Any]) -> dict[str, Any]:
        sampled, checked, *passes, passed = (int(v) for v in values)
        out: dict[str, Any] = {"sampled": sampled, "checked": checked}
        out.update(dict(zip(CRITERIA, passes, strict=True)))
        out["passed"] = passed
        out["pass_rate"] = round(100.0 * passed / checked, 1) if checked else None
        return out

    townships = [
        {"township_code": code, "township": name, **row(rest)}
        for code, name, *rest in session.execute(
            counts(SpotCheckItem.township_code, Region.name)
            .join(Region, Region.code == SpotCheckItem.township_code)
            .group_by(SpotCheckItem.township_code, Region.name)
            .order_by(SpotCheckItem.township_code)
        )
    ]
    by_risk = {
        (r.value if hasattr(r, "value") else r): row(rest)
        for r, *rest in session.execute(
            counts(SpotCheckItem.risk_level).group_by(SpotCheckItem.risk_level)
        )
    }
    total = row(session.execute(counts()).one())
    return {
        "total": total,
        "by_risk": [
            {"risk_level": r.value, **by_risk[r.value]} for r in RISK_ORDER if r.value in by_risk
        ],
        "by_township": townships,
    }
