"""The weekly recompute of a whole province through the broker: every county of the demo
province (Fujian, 84 counties with children) queued by the clock's tick and run by Celery
worker processes, with 1 and then 2 workers.

    .venv/bin/python benchmarks/bench_weekly.py                 # generates the province once
    .venv/bin/python benchmarks/bench_weekly.py --keep          # keep the database for reruns

Needs PostgreSQL (--database-url) and RabbitMQ (--broker). Prints, per worker count: wall
time, counties per minute, the slowest county, the mean county, and what that rate means for
China's ~2,850 counties on N machines of this size (2 cores: 2 workers each).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KEY = "9rBiCRGnW0qK3mOZcZkq0a0m7u0Zr8M4Qn1cM7Zf7yI="
CHINA_COUNTIES = 2850


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--name", default="tongxing_bench_weekly")
    parser.add_argument("--workers", default="1,2", help="worker counts to try, in order")
    parser.add_argument("--time-limit", type=float, default=20.0, help="MATCH_TIME_LIMIT_S")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    from app import create_app
    from app.demo_data import generate
    from app.extensions import db
    from app.migrate import upgrade
    from app.models import MatchRun, RunStatus

    base = make_url(args.database_url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": args.name}
        ).scalar()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{args.name}"'))
    url = base.set(database=args.name).render_as_string(hide_password=False)
    tag = uuid.uuid4().hex[:8]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "JWT_SECRET_KEY": "b" * 40,
        "FIELD_ENCRYPTION_KEYS": KEY,
        "BLIND_INDEX_KEY": "bench",
        "CELERY_BROKER_URL": args.broker,
        "MATCH_QUEUE": f"bench.match.{tag}",
        "JOBS_QUEUE": f"bench.jobs.{tag}",
        "MATCH_TIME_LIMIT_S": str(args.time_limit),
        "MATCH_WORKERS": "1",  # one solver process per worker: the workers are the parallelism
        "MATCH_CRON": "0 2 * * *",
    }
    config = {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "JWT_SECRET_KEY": "b" * 40,
        "FIELD_ENCRYPTION_KEYS": [KEY],
        "BLIND_INDEX_KEY": "bench",
        "CELERY_BROKER_URL": args.broker,
        "MATCH_QUEUE": env["MATCH_QUEUE"],
        "JOBS_QUEUE": env["JOBS_QUEUE"],
        "MATCH_CRON": "0 2 * * *",
        "MATCH_TIME_LIMIT_S": args.time_limit,
    }
    try:
        upgrade(url)
        app = create_app(config)
        with app.app_context():
            with db.session() as session:
                started = time.perf_counter()
                counts = generate(session, scale="province", seed=1)
                if counts.counties:
                    print(
                        f"generated the demo province in {time.perf_counter() - started:.0f} s: "
                        f"{counts.counties} counties, {counts.children} children, "
                        f"{counts.needs} needs, {counts.volunteers} volunteers"
                    )
            for n, workers in enumerate(int(w) for w in args.workers.split(",")):
                _reset(db)
                procs = [
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "celery",
                            "--app",
                            "app.worker",
                            "worker",
                            "--pool",
                            "solo",
                            "--without-gossip",
                            "--without-mingle",
                            "--loglevel",
                            "WARNING",
                            "-n",
                            f"bench{i}-{tag}@%h",
                            "--queues",
                            f"{env['MATCH_QUEUE']},{env['JOBS_QUEUE']}",
                        ],
                        cwd=ROOT,
                        env=env,
                    )
                    for i in range(workers)
                ]
                try:
                    from app import scheduler
                    from app.tasks import enqueue_run

                    now = datetime(2026, 12, 1 + n, 2, 30, tzinfo=UTC) - timedelta(hours=8)
                    tick = time.perf_counter()
                    outcomes = scheduler.tick(
                        now,
                        config=dict(app.config),
                        session_scope=db.session,
                        enqueue=enqueue_run,
                    )
                    queued = [r for r, o in outcomes.items() if o == "queued"]
                    while True:
                        with db.session() as session:
                            left = session.scalar(
                                select(func.count())
                                .select_from(MatchRun)
                                .where(MatchRun.status.in_([RunStatus.queued, RunStatus.running]))
                            )
                        if not left:
                            break
                        time.sleep(1)
                    wall = time.perf_counter() - tick
                    with db.session() as session:
                        runs = session.execute(
                            select(
                                MatchRun.region_code,
                                MatchRun.status,
                                MatchRun.started_at,
                                MatchRun.finished_at,
                            ).where(
                                MatchRun.period
                                == scheduler.period_of(
                                    scheduler.last_fire_time(
                                        scheduler.weekly_trigger(dict(app.config)), now
                                    ),
                                    scheduler.zone(dict(app.config)),
                                )
                            )
                        ).all()
                finally:
                    for proc in procs:
                        proc.terminate()
                    for proc in procs:
                        proc.wait(timeout=60)
                durations = sorted(
                    ((r.finished_at - r.started_at).total_seconds(), r.region_code)
                    for r in runs
                    if r.finished_at and r.started_at
                )
                failed = [r.region_code for r in runs if r.status is not RunStatus.succeeded]
                rate = len(queued) / wall * 60
                slowest_s, slowest = durations[-1]
                print(
                    f"{workers} worker(s): {len(queued)} counties in {wall:.1f} s = "
                    f"{rate:.1f} counties/min; slowest {slowest} {slowest_s:.1f} s, mean "
                    f"{statistics.mean(d for d, _ in durations):.2f} s, median "
                    f"{statistics.median(d for d, _ in durations):.2f} s"
                    + (f"; FAILED {failed}" if failed else "")
                )
                per_machine = rate / workers * 2  # a machine of this size runs 2 workers
                for machines in (1, 4, 16):
                    minutes = CHINA_COUNTIES / (per_machine * machines)
                    print(
                        f"    China's {CHINA_COUNTIES} counties on {machines} such machine(s): "
                        f"~{minutes:.0f} min"
                    )
    finally:
        from app.extensions import db as database

        if database.engine is not None:
            database.engine.dispose()
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{args.name}" WITH (FORCE)'))
        admin.dispose()


def _reset(db) -> None:  # type: ignore[no-untyped-def]
    """Every pass starts from the same state: no runs, no proposals, needs open."""
    with db.session() as session:
        for table in ("run_unserved", "run_gone", "proposal"):
            session.execute(text(f"DELETE FROM {table}"))
        session.execute(text("UPDATE need SET status = 'open' WHERE status = 'proposed'"))
        session.execute(text("DELETE FROM match_run"))


if __name__ == "__main__":
    main()
