"""Background work on Celery: match runs, the clock's jobs, reminders and delivery.

One Celery app, configured from the Flask config (`init_celery` in `create_app`, the Flask
docs' pattern); tasks are thin shells over services that take primary keys and open their
own sessions. Delivery is at least once (`acks_late`, `reject_on_worker_lost`): every task
is idempotent, and the database (a run's unique period key and its fenced attempt) makes
a match run happen once, whatever the broker redelivers.

Queues: `MATCH_QUEUE` for match runs (CPU-heavy: run its workers with `--pool solo`, one run
per process, so the engine may fork its own solver processes) and `JOBS_QUEUE` for the rest.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from celery import Celery, Task, shared_task
from flask import Flask, current_app

log = logging.getLogger("tongxing.tasks")


def init_celery(app: Flask) -> Celery:
    class FlaskTask(Task):  # type: ignore[misc]
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.import_name, task_cls=FlaskTask)
    match_queue, jobs_queue = app.config["MATCH_QUEUE"], app.config["JOBS_QUEUE"]
    celery.conf.update(
        broker_url=app.config["CELERY_BROKER_URL"],
        broker_connection_retry_on_startup=True,
        task_ignore_result=True,  # progress and outcomes live in the database
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=jobs_queue,
        task_routes={"tongxing.match_run": {"queue": match_queue}},
        task_always_eager=bool(app.config.get("CELERY_TASK_ALWAYS_EAGER")),
        task_eager_propagates=True,
        timezone=app.config["TIMEZONE"],
        enable_utc=True,
    )
    celery.set_default()
    app.extensions["celery"] = celery
    return celery


def _settings() -> Any:
    from app.services.match_runs import RunSettings

    return RunSettings.from_config(dict(current_app.config))


def _policy() -> Any:
    from app.services.priority import PriorityPolicy

    return PriorityPolicy.from_config(current_app.config.get("PRIORITY_POLICY"))


def enqueue_run(run_id: int, delay: float | None = None) -> None:
    """Hand a recorded run to the workers (again: only one claim of it succeeds)."""
    match_run.apply_async((run_id,), countdown=delay)


@shared_task(name="tongxing.match_run", bind=True, acks_late=True, reject_on_worker_lost=True)
def match_run(self: Task, run_id: int) -> str:
    from app.extensions import db
    from app.services import match_runs

    outcome = match_runs.execute(
        run_id, session_scope=db.session, policy=_policy(), settings=_settings()
    )
    log.info("match run %s: %s", run_id, outcome.status)
    if outcome.status == "wait" and not self.request.is_eager:
        # another worker holds it, or its retry is not due: look again then (the clock's
        # reaper would find it too)
        enqueue_run(run_id, outcome.delay)
    return outcome.status


@shared_task(name="tongxing.tick", acks_late=True)
def tick(now: str | None = None) -> dict[str, str]:
    """Record the due period's runs (once per region and period) and enqueue them."""
    from app import scheduler
    from app.extensions import db

    instant = datetime.fromisoformat(now) if now else None
    return scheduler.tick(
        instant, config=dict(current_app.config), session_scope=db.session, enqueue=enqueue_run
    )


@shared_task(name="tongxing.reap", acks_late=True)
def reap() -> list[int]:
    """Hand runs whose worker died, and retries that are due, to the workers again."""
    from app.db import utcnow
    from app.extensions import db
    from app.services import match_runs

    return match_runs.reap(
        session_scope=db.session,
        now=utcnow(),
        enqueue=enqueue_run,
        stale_s=float(current_app.config["MATCH_REQUEUE_SECONDS"]),
    )


@shared_task(name="tongxing.remind", acks_late=True)
def remind() -> int:
    from app import scheduler
    from app.extensions import db

    return scheduler.remind(db.session)


@shared_task(name="tongxing.deliver", acks_late=True)
def deliver() -> int:
    from app import scheduler
    from app.extensions import db

    return scheduler.deliver(db.session)


@shared_task(name="tongxing.purge", acks_late=True)
def purge() -> int:
    """Drop Idempotency-Key entries past their retention (7 days)."""
    from app.db import utcnow
    from app.extensions import db
    from app.services import idempotency

    with db.session() as session:
        return idempotency.purge_expired(session, utcnow())
