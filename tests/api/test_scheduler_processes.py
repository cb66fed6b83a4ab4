"""Two scheduler processes against the same PostgreSQL, same period: one run per region."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select

from app import create_app
from app.demo import create_account, seed_regions
from app.extensions import db
from app.migrate import upgrade
from app.models import MatchRun, Proposal
from tests.api.test_match_runs import build_county
from tests.conftest import JINJIANG, TEST_FIELD_KEY, TEST_INDEX_KEY

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-22T19:00:00+00:00"  # Monday 03:00 in Shanghai, an hour after the cron


def test_two_schedulers_make_one_run_per_region(committed_database):
    url = committed_database
    upgrade(url)
    config = {
        "DATABASE_URL": url,
        "SECRET_KEY": "s",
        "JWT_SECRET_KEY": "j" * 40,
        "FIELD_ENCRYPTION_KEYS": [TEST_FIELD_KEY],
        "BLIND_INDEX_KEY": TEST_INDEX_KEY,
    }
    app = create_app(config)
    with app.app_context(), db.session() as session:
        seed_regions(session, villages_per_township=3)
        coordinator = create_account(
            session,
            role="coordinator",
            display_name="c",
            password="x" * 10,
            phone="13000000001",
            areas=(JINJIANG,),
        )
        build_county(session, coordinator, children_n=40, volunteers_n=10)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FIELD_ENCRYPTION_KEYS": TEST_FIELD_KEY,
        "BLIND_INDEX_KEY": TEST_INDEX_KEY,
        "SECRET_KEY": "s",
        "JWT_SECRET_KEY": "j" * 40,
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "scheduler", "tick", "--now", NOW]
    procs = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    said = sorted(out.strip() for out, _ in outputs)
    assert said == [f"{JINJIANG} already_done", f"{JINJIANG} succeeded"], outputs
    engine = create_engine(url)
    with engine.connect() as conn:
        runs = conn.execute(select(MatchRun.id, MatchRun.status, MatchRun.period)).all()
        proposals = conn.execute(select(func.count()).select_from(Proposal)).scalar_one()
    engine.dispose()
    assert len(runs) == 1 and runs[0].period == "2026-W48"
    assert runs[0].status.value == "succeeded" and proposals == 20
