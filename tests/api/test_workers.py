"""Match runs executed the way production runs them: Celery worker processes on RabbitMQ
against one PostgreSQL. A worker killed mid-run, two runs of one region, a decision taken
while a run is parked between its read and its write, three regions sharing providers on
two workers, two clocks ticking at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app import create_app
from app.demo import create_account, seed_regions
from app.extensions import db
from app.models import (
    LIVE_PAIRINGS,
    MatchRun,
    Pairing,
    Proposal,
    ProposalStatus,
    RunStatus,
    RunTrigger,
    Volunteer,
)
from app.services import match_runs, pairings
from tests.api.builders import World
from tests.conftest import JINJIANG, TEST_FIELD_KEY, TEST_INDEX_KEY

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
LEASE_S = 4


def wait_for(what: Callable[[], Any], timeout: float = 90.0, every: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = what()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def field(committed_database: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A committed PostgreSQL database (used through the restricted application role, as in
    production), queues of its own on the real broker, and a way to start workers."""
    from kombu import Connection

    with Connection(BROKER, connect_timeout=5) as probe:
        probe.ensure_connection(max_retries=1)  # fails the test (not skips) when unreachable
    url = committed_database
    tag = uuid.uuid4().hex[:8]
    pause = tmp_path / "pause"
    pause.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FIELD_ENCRYPTION_KEYS": TEST_FIELD_KEY,
        "BLIND_INDEX_KEY": TEST_INDEX_KEY,
        "SECRET_KEY": "s",
        "JWT_SECRET_KEY": "j" * 40,
        "CELERY_BROKER_URL": BROKER,
        "MATCH_QUEUE": f"test.match.{tag}",
        "JOBS_QUEUE": f"test.jobs.{tag}",
        "MATCH_LEASE_SECONDS": str(LEASE_S),
        "MATCH_WORKERS": "1",
        "MATCH_TIME_LIMIT_S": "5",
        "TONGXING_INSTANCE_DIR": str(tmp_path / "instance"),
    }
    config = {
        "DATABASE_URL": url,
        "SECRET_KEY": "s",
        "JWT_SECRET_KEY": "j" * 40,
        "FIELD_ENCRYPTION_KEYS": [TEST_FIELD_KEY],
        "BLIND_INDEX_KEY": TEST_INDEX_KEY,
        "CELERY_BROKER_URL": BROKER,
        "MATCH_QUEUE": env["MATCH_QUEUE"],
        "JOBS_QUEUE": env["JOBS_QUEUE"],
        "MATCH_LEASE_SECONDS": LEASE_S,
        "MATCH_WORKERS": 1,
    }
    app = create_app(config)
    procs: list[subprocess.Popen[str]] = []

    def worker(paused: bool = False) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "app.worker",
                "worker",
                "--pool",
                "solo",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
                "-n",
                f"w{len(procs)}-{tag}@%h",
                "-Q",
                f"{env['MATCH_QUEUE']},{env['JOBS_QUEUE']}",
            ],
            cwd=ROOT,
            env={**env, **({"MATCH_PAUSE_DIR": str(pause)} if paused else {})},
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"worker{len(procs)}.log", "w"),  # noqa: SIM115
            text=True,
        )
        procs.append(proc)
        return proc

    try:
        with app.app_context():
            with db.session() as session:
                seed_regions(session, villages_per_township=3)
                coordinator = create_account(
                    session,
                    role="coordinator",
                    display_name="c",
                    password="x" * 12,
                    phone="13000000001",
                    areas=(JINJIANG,),
                )
                coordinator_id = coordinator.id
            yield {
                "app": app,
                "url": url,
                "env": env,
                "pause": pause,
                "worker": worker,
                "coordinator_id": coordinator_id,
                "logs": tmp_path,
            }
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        if db.engine is not None:
            db.engine.dispose()


def build(field: dict[str, Any], per_township: dict[str, int], capacity: int = 2) -> World:
    from app.models import User

    with db.session() as session:
        world = World(session, session.get(User, field["coordinator_id"]))
        for suffix, n in per_township.items():
            village = world.village(suffix)
            for _ in range(n):
                world.need(world.child(village))
        # shared volunteers between the townships: everybody reaches everybody
        first = world.village(next(iter(per_township)))
        for _ in range(2):
            world.volunteer(first, capacity=capacity, travel_km=80)
    return world


def queue(region: str) -> int:
    from app.tasks import enqueue_run

    with db.session() as session:
        run = match_runs.create_run(region, session=session, trigger=RunTrigger.api)
        assert run is not None
        run_id = run.id
    enqueue_run(run_id)
    return run_id


def status(run_id: int) -> MatchRun:
    with db.session() as session:
        run = session.get(MatchRun, run_id)
        assert run is not None
        session.expunge(run)
        return run


def pending_pairs() -> list[tuple[int, int]]:
    with db.session() as session:
        return list(
            session.execute(
                select(Proposal.need_id, Proposal.provider_id).where(
                    Proposal.status == ProposalStatus.pending
                )
            ).tuples()
        )


def test_a_worker_killed_mid_run_leaves_nothing_and_another_finishes_it_once(field):
    build(field, {"100": 4})
    first = field["worker"](paused=True)
    run_id = queue(JINJIANG)
    parked = field["pause"] / f"run-{run_id}-attempt-1.paused"
    wait_for(parked.exists)
    os.kill(int(parked.read_text()), signal.SIGKILL)  # mid-run, between read and write
    first.wait(timeout=10)
    assert pending_pairs() == []
    field["worker"](paused=True)  # the broker hands the unacknowledged run to this one
    wait_for((field["pause"] / f"run-{run_id}-attempt-2.paused").exists, timeout=120)
    (field["pause"] / f"run-{run_id}.resume").touch()
    done = wait_for(lambda: status(run_id).status is RunStatus.succeeded and status(run_id))
    assert done.attempt == 2
    pairs = pending_pairs()
    assert len(pairs) == 4 and len(set(pairs)) == 4  # one set of proposals, no duplicates


def test_two_runs_of_one_region_at_once_make_one(field):
    build(field, {"100": 3})
    command = [sys.executable, "-m", "flask", "--app", "app", "match", "run", "350582"]
    env = {**field["env"], "MATCH_PAUSE_DIR": str(field["pause"])}  # the one that runs waits
    procs = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    parked = wait_for(lambda: list(field["pause"].glob("run-*-attempt-1.paused")))
    refused = wait_for(lambda: [p for p in procs if p.poll() is not None])
    assert len(refused) == 1
    run_id = int(parked[0].name.split("-")[1])
    (field["pause"] / f"run-{run_id}.resume").touch()
    outputs = [p.communicate(timeout=300) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 1], outputs
    assert any("queued or running" in err for _, err in outputs), outputs
    with db.session() as session:
        runs = session.scalars(select(MatchRun)).all()
        assert len(runs) == 1 and runs[0].status is RunStatus.succeeded
    assert len(pending_pairs()) == 3


def test_a_decision_taken_while_a_run_is_parked_wins(field):
    from app.models import User
    from app.services.users import Actor

    build(field, {"100": 4})
    plain = field["worker"]()
    first = queue(JINJIANG)
    wait_for(lambda: status(first).status is RunStatus.succeeded)
    plain.terminate()
    plain.wait(timeout=30)
    field["worker"](paused=True)
    with db.session() as session:
        proposals = session.scalars(
            select(Proposal).where(Proposal.status == ProposalStatus.pending).order_by(Proposal.id)
        ).all()
        approve_ids = [p.id for p in proposals[:2]]
        reject_ids = [p.id for p in proposals[2:]]
        rejected = {(p.need_id, p.provider_id) for p in proposals[2:]}
    second = queue(JINJIANG)
    wait_for((field["pause"] / f"run-{second}-attempt-1.paused").exists)
    with db.session() as session:
        coordinator = session.get(User, field["coordinator_id"])
        actor = Actor(id=coordinator.id, role=coordinator.role, area_paths=("/",))
        for pid in approve_ids:
            pairings.approve(session.get(Proposal, pid), actor=actor, session=session)
        for pid in reject_ids:
            pairings.reject(session.get(Proposal, pid), "不合适", actor=actor, session=session)
    (field["pause"] / f"run-{second}.resume").touch()
    wait_for(lambda: status(second).status is RunStatus.succeeded)
    with db.session() as session:
        approved_needs = set(
            session.scalars(select(Pairing.need_id).where(Pairing.status.in_(LIVE_PAIRINGS)))
        )
    again = pending_pairs()
    assert len(approved_needs) == 2
    assert not {n for n, _ in again} & approved_needs
    assert not set(again) & rejected


def test_three_regions_sharing_providers_on_two_workers_overbook_nobody(field):
    build(field, {"100": 5, "101": 5, "112": 5}, capacity=3)
    field["worker"]()
    field["worker"]()
    runs = [queue(f"350582{suffix}000") for suffix in ("100", "101", "112")]
    wait_for(lambda: all(status(r).status is RunStatus.succeeded for r in runs), timeout=180)
    with db.session() as session:
        capacity = {v.id: v.max_children for v in session.scalars(select(Volunteer))}
        held: dict[int, int] = defaultdict(int)
        for provider_id, amount in session.execute(
            select(Proposal.provider_id, Proposal.amount).where(
                Proposal.status == ProposalStatus.pending
            )
        ):
            held[provider_id] += amount
        total = session.scalar(select(func.count()).select_from(Proposal))
    assert all(held[v] <= capacity[v] for v in held), (held, capacity)
    assert sum(held.values()) == sum(capacity.values()) == 6 and total == 6


def test_two_clocks_ticking_at_once_make_one_run_per_region(field):
    build(field, {"100": 3})
    field["worker"]()
    now = "2026-11-23T03:00"  # Monday 03:00 in Shanghai, an hour after the cron
    command = [sys.executable, "-m", "flask", "--app", "app", "scheduler", "tick", "--now", now]
    procs = [
        subprocess.Popen(
            command,
            cwd=ROOT,
            env=field["env"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    said = sorted(out.strip() for out, _ in outputs)
    assert said == [f"{JINJIANG} already_done", f"{JINJIANG} queued"], outputs
    with db.session() as session:
        (run,) = session.scalars(select(MatchRun)).all()
        run_id = run.id
    assert run.period == "2026-11-23T02:00"
    wait_for(lambda: status(run_id).status is RunStatus.succeeded)
    assert len(pending_pairs()) == 3
