"""The weekly recompute: APScheduler 3 in its own process (`flask scheduler start`).

Exactly once per region and period, however many schedulers run: each run is recorded
first under a unique (region, period) key, so a second scheduler's insert fails and it moves
on. A period missed while no scheduler was up runs at the next start if it is still within
the grace time. A run whose process died is taken over once its lease has run out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import func, select, update

from app.db import utcnow
from app.models import Child, MatchRun, Need, NeedStatus, RunStatus, RunTrigger
from app.services import match_runs
from app.services.match_runs import SessionScope
from app.services.priority import PriorityPolicy

log = logging.getLogger("tongxing.scheduler")


def weekly_trigger(config: dict[str, Any]) -> CronTrigger:
    return CronTrigger.from_crontab(
        config.get("MATCH_CRON", "0 2 * * mon"), timezone=ZoneInfo(config["TIMEZONE"])
    )


def last_fire_time(trigger: CronTrigger, now: datetime) -> datetime | None:
    """The latest scheduled instant at or before `now` (within the last 31 days)."""
    fire = trigger.get_next_fire_time(None, now - timedelta(days=31))
    last = None
    while fire is not None and fire <= now:
        last = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return last


def period_of(instant: datetime) -> str:
    year, week, _ = instant.isocalendar()
    return f"{year}-W{week:02d}"


def regions_to_run(session_scope: SessionScope, configured: list[str] | None) -> list[str]:
    """Configured regions, or every county with open needs."""
    if configured:
        return [c.ljust(12, "0") for c in configured]
    with session_scope() as session:
        county = func.substr(Child.township_code, 1, 6)
        rows = session.scalars(
            select(county)
            .join(Need, Need.child_id == Child.id)
            .where(Need.status.in_([NeedStatus.open, NeedStatus.proposed]))
            .distinct()
        ).all()
    return sorted(f"{c}000000" for c in rows)


def tick(
    now: datetime,
    *,
    config: dict[str, Any],
    session_scope: SessionScope,
    policy: PriorityPolicy,
    on_run: Callable[[str, MatchRun | None], None] | None = None,
) -> dict[str, str]:
    """Do what is due at `now`: idempotent per (region, period). Returns region -> outcome."""
    trigger = weekly_trigger(config)
    fired = last_fire_time(trigger, now)
    grace = timedelta(seconds=int(config.get("MATCH_GRACE_SECONDS", 6 * 3600)))
    if fired is None or now - fired > grace:
        return {}
    period = period_of(fired)
    lease = timedelta(seconds=int(config.get("MATCH_LEASE_SECONDS", 1800)))
    outcomes: dict[str, str] = {}
    for region in regions_to_run(session_scope, config.get("MATCH_REGIONS")):
        try:
            run = match_runs.run_for(
                region,
                actor=None,
                session_scope=session_scope,
                policy=policy,
                trigger=RunTrigger.schedule,
                period=period,
                now=now,
                parameters={"time_limit_s": config.get("MATCH_TIME_LIMIT_S", 20.0)},
            )
        except match_runs.RunFailed:  # recorded; the other regions still run
            log.exception("weekly run failed for %s", region)
            outcomes[region] = "failed"
            continue
        if run is None:
            run = _take_over_stale(region, period, lease, session_scope, policy, now)
            outcomes[region] = "taken_over" if run else "already_done"
        else:
            outcomes[region] = run.status.value
        if on_run:
            on_run(region, run)
    return outcomes


def _take_over_stale(
    region: str,
    period: str,
    lease: timedelta,
    session_scope: SessionScope,
    policy: PriorityPolicy,
    now: datetime,
) -> MatchRun | None:
    """A run left queued or running past its lease (its process died) is claimed by one
    scheduler with a conditional UPDATE, and run again."""
    with session_scope() as session:
        claimed = session.execute(
            update(MatchRun)
            .where(
                MatchRun.region_code == region,
                MatchRun.period == period,
                MatchRun.status.in_([RunStatus.queued, RunStatus.running]),
                MatchRun.created_at < utcnow() - lease,
            )
            .values(status=RunStatus.queued, created_at=utcnow())
            .returning(MatchRun.id)
        ).scalar_one_or_none()
    if claimed is None:
        return None
    return match_runs.execute(claimed, session_scope=session_scope, policy=policy, now=now)


def remind(session_scope: SessionScope) -> int:
    """Daily: remind providers of visits coming due (once per pairing and due date)."""
    from app.services import field

    with session_scope() as session:
        return field.send_reminders(session=session, now=utcnow())


def deliver(session_scope: SessionScope) -> int:
    """Hand the outbox to the channels (in-app now; SMS and push when configured)."""
    from app.services import notify

    with session_scope() as session:
        return notify.deliver_pending(session=session, channels=[notify.InAppChannel()])


def start(config: dict[str, Any], session_scope: SessionScope, policy: PriorityPolicy) -> None:
    """Block forever: catch up on a missed period, then fire on the cron."""
    trigger = weekly_trigger(config)

    def job() -> None:
        outcomes = tick(utcnow(), config=config, session_scope=session_scope, policy=policy)
        log.info("weekly recompute: %s", outcomes)

    job()  # a period missed while down runs now, within the grace time
    scheduler = BlockingScheduler(timezone=ZoneInfo(config["TIMEZONE"]))
    scheduler.add_job(
        job,
        trigger,
        id="weekly_recompute",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(config.get("MATCH_GRACE_SECONDS", 6 * 3600)),
    )
    log.info("scheduler started; next run %s", trigger.get_next_fire_time(None, utcnow()))
    scheduler.start()
