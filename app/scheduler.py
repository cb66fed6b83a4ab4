"""The clock: APScheduler 3 in its own process (`flask scheduler start`) that only enqueues.

Jobs (each one a Celery task; workers do the work):
- `tick` every minute: the weekly recompute's runs for the due period (MATCH_CRON), recorded
  once per region and period whoever asks, then enqueued. Ticking every minute also catches
  up a period missed while no clock ran (within MATCH_GRACE_SECONDS), and a region whose
  run had to wait for another run of it to finish.
- `reap` every minute: runs whose worker died, and retries that are due, go back to the
  workers.
- `deliver` every 30 s: the notification outbox; `remind` daily at 08:00: visit reminders;
  `purge` daily at 03:30: Idempotency-Key entries past their 7 days.
One clock is enough; two or more are safe (every job is idempotent).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select

from app.db import utcnow
from app.models import Child, Need, NeedStatus, RunTrigger
from app.services import match_runs
from app.services.match_runs import Enqueue, SessionScope

log = logging.getLogger("tongxing.scheduler")
_warned: set[str] = set()  # periods already logged as missed by this process


def zone(config: dict[str, Any]) -> ZoneInfo:
    return ZoneInfo(config.get("TIMEZONE", "Asia/Shanghai"))


def weekly_trigger(config: dict[str, Any]) -> CronTrigger:
    return CronTrigger.from_crontab(config.get("MATCH_CRON", "0 2 * * mon"), timezone=zone(config))


def last_fire_time(trigger: CronTrigger, now: datetime) -> datetime | None:
    """The latest scheduled instant at or before `now` (within the last 31 days)."""
    fire = trigger.get_next_fire_time(None, now - timedelta(days=31))
    last = None
    while fire is not None and fire <= now:
        last = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return last


def period_of(fired: datetime, tz: ZoneInfo) -> str:
    """The key of one firing of MATCH_CRON: its local date and time (a weekly cron gives one
    a week, a daily one one a day), e.g. 2026-11-23T02:00."""
    return fired.astimezone(tz).strftime("%Y-%m-%dT%H:%M")


def parse_now(text: str | None, tz: ZoneInfo) -> datetime:
    """An ISO instant; without an offset it is read in TIMEZONE."""
    if not text:
        return utcnow()
    instant = datetime.fromisoformat(text)
    return instant.replace(tzinfo=tz) if instant.tzinfo is None else instant


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
    now: datetime | None,
    *,
    config: dict[str, Any],
    session_scope: SessionScope,
    enqueue: Enqueue,
) -> dict[str, str]:
    """Record and enqueue the due period's runs: idempotent per (region, period).
    Returns region -> queued | already_done | waiting (another run of it is active)."""
    now = now or utcnow()
    tz = zone(config)
    fired = last_fire_time(weekly_trigger(config), now)
    grace = timedelta(seconds=int(config.get("MATCH_GRACE_SECONDS", 6 * 3600)))
    if fired is None:
        return {}
    period = period_of(fired, tz)
    if now - fired > grace:
        if period not in _warned:
            _warned.add(period)
            log.warning(
                "the match run of %s was not started within its grace time (%s); "
                "it runs at the next firing",
                period,
                grace,
            )
        return {}
    outcomes: dict[str, str] = {}
    for region in regions_to_run(session_scope, config.get("MATCH_REGIONS")):
        try:
            with session_scope() as session:
                run = match_runs.create_run(
                    region,
                    session=session,
                    trigger=RunTrigger.schedule,
                    period=period,
                    parameters={"time_limit_s": float(config.get("MATCH_TIME_LIMIT_S", 20.0))},
                )
                run_id = run.id if run else None
        except match_runs.RunActive:
            outcomes[region] = "waiting"  # the next tick tries again, within the grace time
            continue
        if run_id is None:
            outcomes[region] = "already_done"
            continue
        enqueue(run_id, None)
        outcomes[region] = "queued"
    return outcomes


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


def _on_missed(event: JobExecutionEvent) -> None:
    log.warning("job %s missed its run time %s", event.job_id, event.scheduled_run_time)


def build(config: dict[str, Any], send: Callable[[str], None]) -> BlockingScheduler:
    """The clock's jobs; `send(task name)` enqueues one task."""
    tz = zone(config)
    scheduler = BlockingScheduler(timezone=tz)
    every_minute = IntervalTrigger(minutes=1, timezone=tz)
    for name, trigger in (
        ("tongxing.tick", every_minute),
        ("tongxing.reap", every_minute),
        ("tongxing.deliver", IntervalTrigger(seconds=30, timezone=tz)),
        ("tongxing.remind", CronTrigger(hour=8, minute=0, timezone=tz)),
        ("tongxing.purge", CronTrigger(hour=3, minute=30, timezone=tz)),
    ):
        daily = name in ("tongxing.remind", "tongxing.purge")
        first = {} if daily else {"next_run_time": utcnow()}
        scheduler.add_job(
            send,
            trigger,
            args=[name],
            id=name,
            name=f"enqueue {name}",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(config.get("MATCH_GRACE_SECONDS", 6 * 3600)),
            **first,
        )
    scheduler.add_listener(_on_missed, EVENT_JOB_MISSED)
    return scheduler


def start(config: dict[str, Any], send: Callable[[str], None]) -> None:
    """Block forever, enqueueing the jobs on time (the first tick and reap at once)."""
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per job is noise
    scheduler = build(config, send)
    nxt = weekly_trigger(config).get_next_fire_time(None, utcnow())
    log.info("clock started; next weekly recompute %s", nxt)
    scheduler.start()
