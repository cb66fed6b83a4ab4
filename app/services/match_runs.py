"""Match runs: recorded first, executed by workers, exactly once per (region, period).

A run is a row before it is work. Creating it enforces one active run per region (and none
in a region containing it or inside it): a second request gets a 409 naming the running
one. A worker claims the run by raising its `attempt` (the fencing token) and holds a lease
it renews while it works; it reads (`match_read`), solves (the engine), and writes
(`match_write`) in one transaction that commits only if the attempt is still its own. A run
whose worker died (its lease ran out) is claimed again by another; a run that failed is
retried with backoff up to a bounded number of attempts. Delivery of the task may happen
more than once: the database, not the broker, makes the run happen once.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import matching as engine
from app.db import affected, utcnow
from app.errors import Conflict, NotFound, ValidationFailed
from app.models import (
    ACTIVE_RUNS,
    Child,
    MatchRun,
    Need,
    Notification,
    Proposal,
    Region,
    RunGone,
    RunStage,
    RunStatus,
    RunTrigger,
    RunUnserved,
)
from app.services import regions
from app.services.match_read import MinParts, PlanInputs, read
from app.services.match_write import CapacityConflict, LostLease, Plan, write
from app.services.priority import PriorityPolicy
from app.services.scope import coordinators_of
from app.services.users import Actor

log = logging.getLogger("tongxing.match_runs")

SessionScope = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[str], None]
Enqueue = Callable[[int, float | None], None]  # (run id, delay in seconds)
CREATE_LOCK_KEY = 0x7458_6372_6561_7465  # serialises run creation on PostgreSQL
REPLANS = 2  # plans again when another run took the same providers meanwhile


class RunActive(Conflict):
    """A run of this region (or one containing it, or inside it) is queued or running."""

    code = "run_active"


@dataclass(frozen=True)
class RunSettings:
    """How runs execute, from the configuration (MATCH_*)."""

    time_limit_s: float = 20.0
    workers: int = 1
    lease_s: float = 120.0
    run_timeout_s: float = 3600.0  # an attempt stops renewing its lease after this long
    max_attempts: int = 3
    retry_backoff_s: float = 60.0
    min_parts: MinParts = field(default_factory=MinParts)
    pause_dir: str | None = None  # tests only: park each attempt between read and write

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> RunSettings:
        return cls(
            time_limit_s=float(config.get("MATCH_TIME_LIMIT_S", 20.0)),
            workers=int(config.get("MATCH_WORKERS") or os.cpu_count() or 1),
            lease_s=float(config.get("MATCH_LEASE_SECONDS", 120)),
            run_timeout_s=float(config.get("MATCH_RUN_TIMEOUT_SECONDS", 3600)),
            max_attempts=int(config.get("MATCH_MAX_ATTEMPTS", 3)),
            retry_backoff_s=float(config.get("MATCH_RETRY_BACKOFF_SECONDS", 60)),
            min_parts=MinParts(
                share=float(config.get("MATCH_MIN_PART_SHARE", 0.1)),
                funds_yuan=int(config.get("MATCH_MIN_PART_YUAN", 100)),
            ),
            pause_dir=config.get("MATCH_PAUSE_DIR") or None,
        )


# --- creating -----------------------------------------------------------------------------


def active_run_over(session: Session, region: Region) -> MatchRun | None:
    """The queued or running run of this region, of a region containing it, or inside it."""
    ancestors = [c for c in region.path.strip("/").split("/") if c]
    return session.scalar(
        select(MatchRun)
        .join(Region, Region.code == MatchRun.region_code)
        .where(
            MatchRun.status.in_(ACTIVE_RUNS),
            MatchRun.region_code.in_(ancestors)
            | Region.path.startswith(region.path, autoescape=True),
        )
        .order_by(MatchRun.id)
        .limit(1)
    )


def create_run(
    region_code: str,
    *,
    session: Session,
    trigger: RunTrigger,
    started_by: int | None = None,
    period: str | None = None,
    parameters: dict[str, Any] | None = None,
) -> MatchRun | None:
    """Record a queued run. None when the region already has a run of this period (the key
    that makes the weekly run happen once, whoever asks); RunActive when a run over the
    region is queued or running."""
    region = regions.get(region_code, session=session)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CREATE_LOCK_KEY})
    if period is not None:
        done = session.scalar(
            select(MatchRun.id).where(
                MatchRun.region_code == region.code, MatchRun.period == period
            )
        )
        if done is not None:
            return None
    active = active_run_over(session, region)
    if active is not None:
        raise RunActive(
            "A match run of this region is already queued or running.", run_id=active.id
        )
    run = MatchRun(
        region_code=region.code,
        period=period,
        trigger=trigger,
        started_by=started_by,
        status=RunStatus.queued,
        stage=RunStage.queued,
        progress=0.0,
        attempt=0,
        parameters=parameters or {},
    )
    try:
        with session.begin_nested():
            session.add(run)
            session.flush()
    except IntegrityError:  # raced with another request for the same region or period
        again = active_run_over(session, region)
        if again is not None:
            raise RunActive(
                "A match run of this region is already queued or running.", run_id=again.id
            ) from None
        return None
    return run


# --- claiming and the lease ---------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    run_id: int
    attempt: int
    region_code: str
    parameters: dict[str, Any]
    started_by: int | None


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: succeeded, failed, retry (after `delay`), wait (another
    worker holds the run, or its retry is not due), lost (the lease ran out), done."""

    status: str
    run_id: int
    delay: float | None = None
    error: str | None = None


def claim(
    run_id: int, *, session_scope: SessionScope, settings: RunSettings, now: datetime
) -> Claim | Outcome:
    """Take the run if it is due: queued (and its retry time has come) or running with a
    lease that ran out (its worker died). The attempt number is the fencing token."""
    with session_scope() as session:
        due = or_(
            and_(
                MatchRun.status == RunStatus.queued,
                or_(MatchRun.next_attempt_at.is_(None), MatchRun.next_attempt_at <= now),
            ),
            and_(MatchRun.status == RunStatus.running, MatchRun.lease_expires_at < now),
        )
        row = session.execute(
            update(MatchRun)
            .where(MatchRun.id == run_id, due)
            .values(
                status=RunStatus.running,
                attempt=MatchRun.attempt + 1,
                lease_expires_at=now + timedelta(seconds=settings.lease_s),
                started_at=func.coalesce(MatchRun.started_at, now),
                next_attempt_at=None,
                stage=RunStage.read,
                progress=0.0,
            )
            .returning(
                MatchRun.attempt, MatchRun.region_code, MatchRun.parameters, MatchRun.started_by
            )
            .execution_options(synchronize_session=False)
        ).one_or_none()
        if row is not None:
            if row.attempt > settings.max_attempts:
                _give_up(session, run_id, row.attempt, "attempts_exhausted", now)
                return Outcome("failed", run_id, error="attempts_exhausted")
            return Claim(
                run_id, row.attempt, row.region_code, dict(row.parameters or {}), row.started_by
            )
        run = session.get(MatchRun, run_id)
        if run is None:
            raise NotFound()
        if run.status not in ACTIVE_RUNS:
            return Outcome("done", run_id)
        until = run.next_attempt_at if run.status is RunStatus.queued else run.lease_expires_at
        wait = max(1.0, (until - now).total_seconds()) if until else 1.0
        return Outcome("wait", run_id, delay=wait)


class Lease:
    """Renews the attempt's lease from a thread while the worker works; `lost` turns true
    when the run is no longer this attempt's (the write is fenced anyway). After
    `timeout_s` it stops renewing: a worker that hangs (alive, but never finishing) then
    loses the run to another, as a dead one does."""

    def __init__(
        self,
        run_id: int,
        attempt: int,
        session_scope: SessionScope,
        lease_s: float,
        timeout_s: float = float("inf"),
    ):
        self.run_id, self.attempt = run_id, attempt
        self.session_scope, self.lease_s = session_scope, lease_s
        self.until = time.monotonic() + timeout_s
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{run_id}", daemon=True)

    def _beat(self) -> None:
        while not self._stop.wait(self.lease_s / 4):
            if time.monotonic() > self.until:
                log.warning("match run %s attempt %s ran out of time", self.run_id, self.attempt)
                return
            try:
                with self.session_scope() as session:
                    renewed = affected(
                        session.execute(
                            update(MatchRun)
                            .where(
                                MatchRun.id == self.run_id,
                                MatchRun.attempt == self.attempt,
                                MatchRun.status == RunStatus.running,
                            )
                            .values(lease_expires_at=utcnow() + timedelta(seconds=self.lease_s))
                            .execution_options(synchronize_session=False)
                        )
                    )
            except Exception:  # a database hiccup: the next beat tries again
                log.exception("could not renew the lease of match run %s", self.run_id)
                continue
            if renewed != 1:
                self.lost = True
                return

    def __enter__(self) -> Lease:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _set_stage(
    session_scope: SessionScope, claim_: Claim, stage: RunStage, progress: float
) -> None:
    with session_scope() as session:
        moved = affected(
            session.execute(
                update(MatchRun)
                .where(
                    MatchRun.id == claim_.run_id,
                    MatchRun.attempt == claim_.attempt,
                    MatchRun.status == RunStatus.running,
                )
                .values(stage=stage, progress=progress)
                .execution_options(synchronize_session=False)
            )
        )
    if moved != 1:
        raise LostLease(f"match run {claim_.run_id} attempt {claim_.attempt} was taken over")


def _pause(settings: RunSettings, claim_: Claim) -> None:
    """Tests only (MATCH_PAUSE_DIR): say where the attempt is, and wait to be let go."""
    if not settings.pause_dir:
        return
    folder = Path(settings.pause_dir)
    (folder / f"run-{claim_.run_id}-attempt-{claim_.attempt}.paused").write_text(str(os.getpid()))
    resume = folder / f"run-{claim_.run_id}.resume"
    while not resume.exists():
        time.sleep(0.05)


def _give_up(session: Session, run_id: int, attempt: int, code: str, now: datetime) -> None:
    run = session.get(MatchRun, run_id)
    if run is None or run.attempt != attempt:
        return
    run.status, run.stage, run.finished_at = RunStatus.failed, RunStage.done, now
    run.lease_expires_at = run.next_attempt_at = None
    run.error_code = run.error_code or code
    region = session.get(Region, run.region_code)
    for uid in coordinators_of(session, region) if region else []:
        session.add(
            Notification(
                recipient_id=uid,
                kind="match_run.failed",
                payload={"run_id": run.id, "region_code": run.region_code},
            )
        )


def _record_failure(
    claim_: Claim,
    exc: BaseException,
    *,
    session_scope: SessionScope,
    settings: RunSettings,
    now: datetime,
) -> Outcome:
    """A failed attempt writes nothing but its failure; it is retried with backoff until
    the attempts run out."""
    with session_scope() as session:
        run = session.get(MatchRun, claim_.run_id)
        if run is None or run.attempt != claim_.attempt or run.status is not RunStatus.running:
            return Outcome("lost", claim_.run_id)
        run.error = f"{type(exc).__name__}: {exc}"[:2000]
        run.error_code = "run_error"
        if claim_.attempt < settings.max_attempts:
            delay = settings.retry_backoff_s * 2 ** (claim_.attempt - 1)
            run.status, run.stage = RunStatus.queued, RunStage.queued
            run.lease_expires_at = None
            run.next_attempt_at = now + timedelta(seconds=delay)
            return Outcome("retry", claim_.run_id, delay=delay, error=run.error)
        _give_up(session, claim_.run_id, claim_.attempt, "run_error", now)
        return Outcome("failed", claim_.run_id, error=run.error)


# --- executing ----------------------------------------------------------------------------


def plan(
    region_code: str,
    *,
    session_scope: SessionScope,
    policy: PriorityPolicy,
    settings: RunSettings,
    now: datetime,
    seed: int = 0,
    time_limit_s: float | None = None,
) -> Plan:
    """Read and solve (no writing): what a run would propose now."""
    tick = time.perf_counter()
    with session_scope() as session:
        inputs: PlanInputs = read(
            region_code, session=session, policy=policy, now=now, min_parts=settings.min_parts
        )
    timings = {"read": time.perf_counter() - tick}
    tick = time.perf_counter()
    problem = engine.MatchProblem(
        needs=inputs.needs,
        providers=inputs.providers,
        pinned=inputs.pins,
        forbidden=inputs.forbidden,
        preferred=inputs.preferred,
    )
    result = engine.solve(
        problem,
        time_limit_s=time_limit_s or settings.time_limit_s,
        seed=seed,
        workers=settings.workers,
    )
    timings["solve"] = time.perf_counter() - tick
    timings.update({f"engine.{k}": float(v) for k, v in result.timings.items()})
    return Plan(
        inputs=inputs, problem=problem, result=result, policy=policy.as_dict(), timings=timings
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """A province's run builds millions of objects (rows, needs, providers, parts) that
    live until it ends and hold no cycles it needs freed: the garbage collector would
    walk them again and again (seconds per run). Paused for the attempt, as the engine
    pauses it for its solve; the next collection after it frees what the run left."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def execute(
    run_id: int,
    *,
    session_scope: SessionScope,
    policy: PriorityPolicy,
    settings: RunSettings,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """One attempt at a run, as a worker makes it: claim, read, solve, write (fenced)."""
    taken = claim(run_id, session_scope=session_scope, settings=settings, now=utcnow())
    if isinstance(taken, Outcome):
        return taken
    say = progress or (lambda _stage: None)
    now = now or utcnow()
    try:
        with (
            Lease(run_id, taken.attempt, session_scope, settings.lease_s, settings.run_timeout_s),
            collector_paused(),
        ):
            for replan in range(REPLANS + 1):
                say("read")
                _set_stage(session_scope, taken, RunStage.read, 0.05)
                found = plan(
                    taken.region_code,
                    session_scope=session_scope,
                    policy=policy,
                    settings=settings,
                    now=now,
                    seed=int(taken.parameters.get("seed", 0)),
                    time_limit_s=taken.parameters.get("time_limit_s"),
                )
                _set_stage(session_scope, taken, RunStage.solve, 0.8)
                _pause(settings, taken)
                say("write")
                tick = time.perf_counter()
                try:
                    with session_scope() as session:
                        run = write(
                            found,
                            run_id,
                            attempt=taken.attempt,
                            session=session,
                            now=now,
                            last_try=replan == REPLANS,
                        )
                        found.timings["write"] = time.perf_counter() - tick
                        run.timings = {k: round(v, 4) for k, v in found.timings.items()}
                        run.figures = {**run.figures, "replans": replan}
                    break
                except CapacityConflict as conflict:
                    log.info("match run %s plans again: %s", run_id, conflict)
    except LostLease:
        log.warning("match run %s attempt %s was taken over", run_id, taken.attempt)
        return Outcome("lost", run_id)
    except Exception as exc:
        log.exception("match run %s attempt %s failed", run_id, taken.attempt)
        return _record_failure(
            taken, exc, session_scope=session_scope, settings=settings, now=utcnow()
        )
    return Outcome("succeeded", run_id)


def run_now(
    region_code: str,
    *,
    session_scope: SessionScope,
    policy: PriorityPolicy,
    settings: RunSettings,
    trigger: RunTrigger = RunTrigger.manual,
    started_by: int | None = None,
    parameters: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> tuple[int, Outcome]:
    """Record a run and make its first attempt in this process (operators and benchmarks;
    a failed attempt is left to the workers' retries)."""
    with session_scope() as session:
        run = create_run(
            region_code,
            session=session,
            trigger=trigger,
            started_by=started_by,
            parameters=parameters,
        )
        assert run is not None
        run_id = run.id
    return run_id, execute(
        run_id, session_scope=session_scope, policy=policy, settings=settings, progress=progress
    )


def reap(
    *, session_scope: SessionScope, now: datetime, enqueue: Enqueue, stale_s: float
) -> list[int]:
    """Hand dead or due runs to the workers again: runs whose lease ran out (their worker
    died), retries whose time has come, and queued runs no worker took for `stale_s`
    (their message was lost). Enqueuing twice is harmless: only one claim succeeds."""
    with session_scope() as session:
        due = session.scalars(
            select(MatchRun.id)
            .where(
                or_(
                    and_(MatchRun.status == RunStatus.running, MatchRun.lease_expires_at < now),
                    and_(
                        MatchRun.status == RunStatus.queued,
                        MatchRun.next_attempt_at.is_not(None),
                        MatchRun.next_attempt_at <= now,
                    ),
                    and_(
                        MatchRun.status == RunStatus.queued,
                        MatchRun.next_attempt_at.is_(None),
                        MatchRun.created_at < now - timedelta(seconds=stale_s),
                    ),
                )
            )
            .order_by(MatchRun.id)
        ).all()
    for run_id in due:
        enqueue(run_id, None)
    return list(due)


# --- reading runs -------------------------------------------------------------------------


def check_region_for(actor: Actor, region_code: str, *, session: Session) -> Region:
    """Coordinators run matches for regions inside their areas; admins anywhere."""
    try:
        region = regions.get(region_code, session=session)
    except NotFound:
        raise ValidationFailed({"region_code": ["No such region."]}) from None
    if not actor.is_admin and not any(region.path.startswith(p) for p in actor.area_paths):
        raise ValidationFailed({"region_code": ["This region is outside your area."]})
    return region


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


def changes(run: MatchRun) -> Select[Any]:
    """Which proposals of this run are new, which were kept from the last run, and which of
    the last run's are gone, with why: one ordered statement, paged by the caller."""
    made = select(
        Proposal.need_id.label("need_id"),
        Proposal.provider_type.label("provider_type"),
        Proposal.provider_id.label("provider_id"),
        case((Proposal.kept, literal("kept")), else_=literal("new")).label("change"),
        literal(None).label("why"),
        Proposal.id.label("proposal_id"),
    ).where(Proposal.run_id == run.id)
    gone = select(
        RunGone.need_id,
        RunGone.provider_type,
        RunGone.provider_id,
        literal("gone"),
        RunGone.why,
        literal(None, Integer),
    ).where(RunGone.run_id == run.id)
    both = union_all(made, gone).subquery()
    return select(both).order_by(both.c.need_id, both.c.provider_type, both.c.provider_id)


def change_context(session: Session, rows: list[Any]) -> tuple[dict[int, Need], dict[int, str]]:
    """For a page of `changes`: the needs (with their child) and each proposal's status."""
    need_ids = sorted({r.need_id for r in rows})
    proposal_ids = sorted({r.proposal_id for r in rows if r.proposal_id})
    needs = (
        {n.id: n for n in session.scalars(select(Need).where(Need.id.in_(need_ids)))}
        if need_ids
        else {}
    )
    statuses = (
        {
            pid: status.value
            for pid, status in session.execute(
                select(Proposal.id, Proposal.status).where(Proposal.id.in_(proposal_ids))
            )
        }
        if proposal_ids
        else {}
    )
    return needs, statuses


def unserved(
    run: MatchRun,
    *,
    reason: str | None = None,
    township: str | None = None,
    category: str | None = None,
) -> Select[Any]:
    """The needs a run left open with their reasons, highest risk first."""
    stmt = (
        select(RunUnserved, Need.category_code, Child.township_code, Child.risk_level)
        .join(Need, Need.id == RunUnserved.need_id)
        .join(Child, Child.id == Need.child_id)
        .where(RunUnserved.run_id == run.id)
    )
    if reason:
        stmt = stmt.where(RunUnserved.code == reason)
    if township:
        stmt = stmt.where(Child.township_code == township.ljust(12, "0"))
    if category:
        stmt = stmt.where(Need.category_code == category)
    return stmt.order_by(RunUnserved.need_id)


def latest_outcome(need_id: int, *, session: Session) -> dict[str, Any] | None:
    """What the latest run that considered this need did with it: proposed, or left open
    with its reason."""
    unserved_row = session.execute(
        select(RunUnserved.run_id, RunUnserved.code, RunUnserved.details)
        .where(RunUnserved.need_id == need_id)
        .order_by(RunUnserved.run_id.desc())
        .limit(1)
    ).first()
    proposed = session.scalar(select(func.max(Proposal.run_id)).where(Proposal.need_id == need_id))
    if proposed is not None and (unserved_row is None or proposed > unserved_row.run_id):
        return {"run_id": proposed, "outcome": "proposed", "code": None, "details": {}}
    if unserved_row is None:
        return None
    return {
        "run_id": unserved_row.run_id,
        "outcome": "left_open",
        "code": unserved_row.code,
        "details": unserved_row.details or {},
    }
