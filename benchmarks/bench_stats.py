"""Statistics and reports of the demo province on PostgreSQL: every section's time for the
province (Fujian), a county (Jinjiang) and a township (Anhai), a year and a quarter, and the
annual report as XLSX and PDF. Target: the province's statistics within 2 s. The sections
run on two connections (see `statistics.compute`): the total is less than their sum.

    .venv/bin/python benchmarks/bench_stats.py --keep     # generate once, keep for reruns
    .venv/bin/python benchmarks/bench_stats.py            # reuse the kept database, or make it

The demo generator makes files, needs and providers but no field work, so the first run
adds a year of it in bulk (reproducible by --seed): half of the needs matched after 1 to 60
days, with pairings (active, ended or declined), visits and contacts of every child month by
month as the risk level asks (most, not all: the rhythm figures have something to count),
hours confirmed or pending, and urgent reports handled after some hours. Generating the
province takes about 6 minutes, the field work about 2 more.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KEY = "9rBiCRGnW0qK3mOZcZkq0a0m7u0Zr8M4Qn1cM7Zf7yI="
TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2026


def field_work(session, seed: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A year of field work over what the demo generator made, in bulk."""
    from app.db import bulk_insert
    from app.models import (
        Child,
        CoordinatorRegion,
        HoursStatus,
        Need,
        NeedCategory,
        NeedKind,
        NeedTransition,
        Pairing,
        PairingStatus,
        ProviderType,
        ReportEvent,
        ReportStatus,
        Resource,
        UrgentReport,
        Visit,
        VisitKind,
        Volunteer,
    )

    rng = np.random.default_rng(seed)
    start = datetime(YEAR, 1, 1, tzinfo=TZ).astimezone(UTC)
    now = datetime(YEAR, 11, 1, tzinfo=TZ).astimezone(UTC)
    volunteers = session.execute(select(Volunteer.id, Volunteer.owner_id)).all()
    resources = session.scalars(select(Resource.id)).all()
    coordinators = dict(
        (path_code, uid)
        for uid, path_code in session.execute(
            select(CoordinatorRegion.user_id, CoordinatorRegion.region_code)
        )
    )
    needs = session.execute(
        select(Need.id, Need.child_id, NeedCategory.kind)
        .join(NeedCategory, NeedCategory.code == Need.category_code)
        .order_by(Need.id)
    ).all()
    # needs opened through the year, half of them matched after 1 to 60 days
    n = len(needs)
    session.execute(
        text("UPDATE need SET opened_at = :start + (id % 280) * interval '1 day'"),
        {"start": start},
    )
    opened_at = {nid: at for nid, at in session.execute(select(Need.id, Need.opened_at))}
    matched = rng.random(n) < 0.5
    delay = rng.integers(1, 61, n)
    status = rng.choice(3, n, p=[0.7, 0.2, 0.1])
    transitions, pairings = [], []
    vol_ids = np.array([v.id for v in volunteers])
    for i, (need_id, _child, kind) in enumerate(needs):
        if not matched[i]:
            continue
        at = opened_at[need_id] + timedelta(days=int(delay[i]))
        if at >= now:
            continue
        transitions.append(
            {
                "need_id": need_id,
                "from_status": "open",
                "to_status": "matched",
                "at": at,
                "actor_id": None,
                "reason": "bench",
                "data": None,
            }
        )
        goods = kind in (NeedKind.goods, NeedKind.funds)
        provider = int(rng.choice(resources)) if goods and resources else int(rng.choice(vol_ids))
        state = [PairingStatus.active, PairingStatus.ended, PairingStatus.declined][status[i]]
        pairings.append(
            {
                "need_id": need_id,
                "proposal_id": None,
                "provider_type": ProviderType.resource
                if goods and resources
                else ProviderType.volunteer,
                "provider_id": provider,
                "amount": 1,
                "status": state,
                "approved_by": None,
                "approved_at": at,
                "responded_at": at + timedelta(days=1),
                "ended_at": at + timedelta(days=90) if state is PairingStatus.ended else None,
                "ended_by": None,
                "end_reason": None,
                "updated_at": at,
                "version": 1,
            }
        )
    bulk_insert(session, NeedTransition, transitions)
    bulk_insert(session, Pairing, pairings)
    session.execute(
        text(
            "UPDATE need SET status = 'matched' WHERE id IN "
            "(SELECT need_id FROM need_transition WHERE to_status = 'matched')"
        )
    )

    children = session.execute(select(Child.id, Child.risk_level, Child.region_path)).all()
    by_owner = [v.owner_id for v in volunteers]
    visits = []
    months = [datetime(YEAR, m, 1, tzinfo=TZ).astimezone(UTC) for m in range(1, 11)]
    p_visit = {"high": 0.8, "medium": 0.7, "low": 0.35}
    for child_id, risk, path in children:
        county = path.strip("/").split("/")[2] if path.count("/") > 3 else None
        author_coord = coordinators.get(county) if county else None
        for month in months:
            for kind, chance in (
                (VisitKind.home_visit, p_visit[risk.value]),
                (VisitKind.phone, 0.5),
            ):
                if rng.random() >= chance:
                    continue
                at = month + timedelta(
                    days=int(rng.integers(0, 27)), hours=int(rng.integers(1, 10))
                )
                by_volunteer = rng.random() < 0.6 or author_coord is None
                author = (
                    by_owner[int(rng.integers(len(by_owner)))] if by_volunteer else author_coord
                )
                visits.append(
                    {
                        "id": str(uuid.UUID(int=int(rng.integers(1 << 62)) << 64 | len(visits))),
                        "pairing_id": None,
                        "child_id": child_id,
                        "author_id": author,
                        "kind": kind,
                        "occurred_at": at,
                        "duration_minutes": int(rng.choice([30, 45, 60, 90, 120])),
                        "lat": None,
                        "lon": None,
                        "notes": {"done": "走访", "problems": ""},
                        "problems_found": False,
                        "corrects_id": None,
                        "created_at": at,
                        "updated_at": at,
                        "editable_until": at + timedelta(hours=2),
                        "hours_status": HoursStatus.confirmed
                        if rng.random() < 0.7
                        else HoursStatus.pending,
                        "hours_decided_by": None,
                        "hours_decided_at": None,
                        "version": 1,
                    }
                )
    bulk_insert(session, Visit, visits)

    dangers = ["unsupervised", "missing", "abuse", "injury", "neglect", "abandonment", "other"]
    picks = rng.choice(len(children), 800, replace=False)
    reporter = next(iter(coordinators.values()))
    reports = []
    for k, index in enumerate(picks.tolist()):
        child_id, _risk, path = children[index]
        at = start + timedelta(days=float(rng.uniform(0, 290)))
        reports.append(
            {
                "reporter_id": reporter,
                "danger": dangers[int(rng.integers(len(dangers)))],
                "details": {"seen": "情况", "place": "", "child": ""},
                "region_code": path.strip("/").split("/")[-1],
                "region_path": path,
                "lat": None,
                "lon": None,
                "seen_at": at,
                "child_id": child_id,
                "status": ReportStatus.closed if k % 3 else ReportStatus.handling,
                "created_at": at,
                "updated_at": at,
            }
        )
    bulk_insert(session, UrgentReport, reports)
    ids = session.scalars(select(UrgentReport.id).order_by(UrgentReport.id)).all()
    created = dict(session.execute(select(UrgentReport.id, UrgentReport.created_at)).tuples().all())
    events = []
    for rid in ids:
        at = created[rid]
        events.append(
            {
                "report_id": rid,
                "author_id": reporter,
                "at": at,
                "status": ReportStatus.received,
                "note": "filed",
            }
        )
        events.append(
            {
                "report_id": rid,
                "author_id": reporter,
                "at": at + timedelta(hours=float(rng.exponential(6))),
                "status": ReportStatus.handling,
                "note": "处置",
            }
        )
    bulk_insert(session, ReportEvent, events)
    return {
        "transitions": len(transitions),
        "pairings": len(pairings),
        "visits": len(visits),
        "urgent_reports": len(reports),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--name", default="tongxing_bench_stats")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for each figure")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from app import create_app
    from app.demo_data import generate
    from app.extensions import db
    from app.migrate import upgrade
    from app.models import Child, Region, Visit
    from app.services import reports, statistics

    base = make_url(args.database_url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": args.name}
        ).scalar()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{args.name}"'))
    url = base.set(database=args.name).render_as_string(hide_password=False)
    figures: dict[str, object] = {}
    try:
        upgrade(url)
        app = create_app(
            {
                "DATABASE_URL": url,
                "SECRET_KEY": "bench",
                "JWT_SECRET_KEY": "b" * 40,
                "FIELD_ENCRYPTION_KEYS": [KEY],
                "BLIND_INDEX_KEY": "bench",
            }
        )
        with app.app_context():
            with db.session() as session:
                have = session.scalar(select(func.count()).select_from(Child))
            if not have:
                tick = time.perf_counter()
                with db.session() as session:
                    generate(session, scale="province", seed=args.seed)
                figures["generate_s"] = round(time.perf_counter() - tick, 1)
            with db.session() as session:
                worked = session.scalar(select(func.count()).select_from(Visit))
            if not worked:
                tick = time.perf_counter()
                with db.session() as session:
                    figures["field_work"] = field_work(session, args.seed)
                with db.engine.connect() as conn:  # type: ignore[union-attr]
                    # as autovacuum would: statistics, and the visibility map that lets the
                    # statistics read their index alone
                    conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                        text("VACUUM ANALYZE")
                    )
                figures["field_work_s"] = round(time.perf_counter() - tick, 1)
            with db.session() as session:
                figures["rows"] = {
                    "children": session.scalar(select(func.count()).select_from(Child)),
                    "visits": session.scalar(select(func.count()).select_from(Visit)),
                }
            now = datetime(YEAR, 11, 20, tzinfo=TZ).astimezone(UTC)
            timings = {}
            for label, code in (
                ("province 350000", "350000000000"),
                ("county 350582", "350582000000"),
                ("township 350582100", "350582100000"),
            ):
                for period_code in (str(YEAR), f"{YEAR}-Q3"):
                    best: dict[str, float] = {}
                    for _ in range(args.repeat):
                        with db.session() as session:
                            region = session.get(Region, code)
                            assert region is not None
                            q = statistics.Query(
                                area=statistics.area_of_region(region, session=session),
                                period=statistics.Period.parse(period_code),
                                now=now,
                                tz=TZ,
                            )
                            tick = time.perf_counter()
                            result = statistics.compute(q, session=session)
                            total = time.perf_counter() - tick
                        figures["connections"] = result.lanes
                        for name, seconds in {**result.timings, "total": total}.items():
                            best[name] = min(best.get(name, 1e9), seconds)
                    timings[f"{label} {period_code}"] = {k: round(v, 3) for k, v in best.items()}
            figures["statistics_s"] = timings
            figures["load"] = " ".join(f"{x:.1f}" for x in __import__("os").getloadavg())
            with db.session() as session:
                region = session.get(Region, "350000000000")
                assert region is not None
                q = statistics.Query(
                    area=statistics.area_of_region(region, session=session),
                    period=statistics.Period.parse(str(YEAR)),
                    now=now,
                    tz=TZ,
                )
                result = statistics.compute(q, session=session, published=True)
                tick = time.perf_counter()
                xlsx = reports.xlsx(result, session=session, now=now, tz=TZ)
                xlsx_s = time.perf_counter() - tick
                tick = time.perf_counter()
                pdf = reports.pdf_report(result, session=session, now=now, tz=TZ)
                pdf_s = time.perf_counter() - tick
            figures["annual_report_province"] = {
                "xlsx_s": round(xlsx_s, 3),
                "xlsx_kib": round(len(xlsx) / 1024, 1),
                "pdf_s": round(pdf_s, 3),
                "pdf_kib": round(len(pdf) / 1024, 1),
                "suppressed_cells": sum(t.suppressed for t in result.tables),
            }
    finally:
        if not args.keep:
            from app.extensions import db as database

            if database.engine is not None:
                database.engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{args.name}" WITH (FORCE)'))
        admin.dispose()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for key in ("generate_s", "field_work_s", "field_work", "rows"):
        if key in figures:
            print(f"{key}: {figures[key]}")
    print(
        f"statistics, best of {args.repeat} (seconds; sections on {figures['connections']}"
        " connections, each section's time within its connection):"
    )
    for label, parts in figures["statistics_s"].items():  # type: ignore[attr-defined]
        sections = ", ".join(f"{k} {v:.3f}" for k, v in parts.items() if k != "total")
        target = "  (target 2 s)" if label.startswith("province") else ""
        print(f"  {label:<28} total {parts['total']:.3f}{target}\n      {sections}")
    print(f"annual report, province: {figures['annual_report_province']}")
    print(f"load average while measuring: {figures['load']}")


if __name__ == "__main__":
    main()
