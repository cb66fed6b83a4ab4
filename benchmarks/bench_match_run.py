"""A full match run for the province demo (about 100k needs) on PostgreSQL: read, solve and
write, each stage timed. Target: under 60 s on a 2-core machine.

    .venv/bin/python benchmarks/bench_match_run.py            # generate, run, drop
    .venv/bin/python benchmarks/bench_match_run.py --keep     # keep the database for reruns
    .venv/bin/python benchmarks/bench_match_run.py --scale county   # the demo county
    .venv/bin/python benchmarks/bench_match_run.py --template bench_province
        # generate once into bench_province (kept), then each sitting runs on a fresh copy

The engine's own stages (engine.candidates ... engine.total) are the matching engine's
figures on the demo generator's data (issue 4's targets: county under 3 s, province under
20 s and 2 GiB).

The scratch database is created next to the one named by --database-url. Its statistics
are refreshed (VACUUM ANALYZE) after the generation and before each run, outside the
timings: what autovacuum does on a deployed database between the demo's import and the
first run and in the week between two runs (the benchmark server may run without it).
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--name", default="tongxing_bench_run")
    parser.add_argument("--scale", choices=("province", "county"), default="province")
    parser.add_argument(
        "--region", default=None, help="region to match (default: Fujian, or Jinjiang for county)"
    )
    parser.add_argument("--children", type=int, default=None)
    parser.add_argument("--volunteers", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--time-limit",
        type=float,
        default=20.0,
        help="CP-SAT stage limit (the deployment default, MATCH_TIME_LIMIT_S)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=2,
        help="runs in a row (the 2nd is a "
        "weekly recompute with last week's proposals as preferred)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--template",
        default=None,
        help="a database holding the generated demo (generated into it when missing, kept): "
        "the scratch database starts as its copy, so reruns skip the generation and every "
        "first run starts from the same state",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    region = args.region or ("350000" if args.scale == "province" else "350582")

    from app import create_app
    from app.demo_data import generate
    from app.extensions import db
    from app.migrate import upgrade
    from app.models import MatchRun, Need, RunTrigger
    from app.services import match_runs
    from app.services.priority import PriorityPolicy

    base = make_url(args.database_url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    config = {
        "SECRET_KEY": "bench",
        "JWT_SECRET_KEY": "b" * 40,
        "FIELD_ENCRYPTION_KEYS": ["9rBiCRGnW0qK3mOZcZkq0a0m7u0Zr8M4Qn1cM7Zf7yI="],
        "BLIND_INDEX_KEY": "bench",
    }

    def exists(name: str) -> bool:
        with admin.connect() as conn:
            return bool(
                conn.execute(
                    text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                ).scalar()
            )

    def generated(url: str) -> dict[str, object]:
        upgrade(url)
        out: dict[str, object] = {}
        app = create_app({"DATABASE_URL": url, **config})
        with app.app_context():
            started = time.perf_counter()
            with db.session() as session:
                counts = generate(
                    session,
                    scale=args.scale,
                    seed=1,
                    children=args.children,
                    volunteers=args.volunteers,
                )
            out["generate_s"] = round(time.perf_counter() - started, 1)
            out["generated"] = {k: v for k, v in vars(counts).items() if isinstance(v, int)}
            db.engine.dispose()  # no connection left open on a template
        analyze(url)
        return out

    def analyze(url: str) -> None:
        scratch = create_engine(url, isolation_level="AUTOCOMMIT")
        with scratch.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
        scratch.dispose()

    figures: dict[str, object] = {}
    if args.template and not exists(args.template):
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{args.template}"'))
        figures.update(generated(base.set(database=args.template).render_as_string(False)))
    with admin.connect() as conn:
        if args.template and exists(args.name):
            conn.execute(text(f'DROP DATABASE "{args.name}" WITH (FORCE)'))
        if args.template:
            conn.execute(text(f'CREATE DATABASE "{args.name}" TEMPLATE "{args.template}"'))
        elif not exists(args.name):
            conn.execute(text(f'CREATE DATABASE "{args.name}"'))
    url = base.set(database=args.name).render_as_string(hide_password=False)
    try:
        if args.template:
            upgrade(url)
            figures.setdefault("generated", {"from": args.template})
        else:
            figures.update(generated(url))
        app = create_app({"DATABASE_URL": url, **config})
        with app.app_context():
            with db.session() as session:
                figures["needs_in_db"] = session.scalar(select(func.count()).select_from(Need))
            runs = []
            for _ in range(args.runs):
                analyze(url)
                tick = time.perf_counter()
                settings = match_runs.RunSettings.from_config(
                    {"MATCH_WORKERS": args.workers, "MATCH_TIME_LIMIT_S": args.time_limit}
                )
                run_id, _outcome = match_runs.run_now(
                    region.ljust(12, "0"),
                    session_scope=db.session,
                    policy=PriorityPolicy(),
                    settings=settings,
                    trigger=RunTrigger.manual,
                )
                wall = time.perf_counter() - tick
                with db.session() as session:
                    done = session.get(MatchRun, run_id)
                    assert done is not None
                    f = done.figures
                    runs.append(
                        {
                            "run_id": done.id,
                            "status": done.status.value,
                            "engine_status": done.engine_status,
                            "wall_s": round(wall, 2),
                            "stages_s": {k: v for k, v in done.timings.items()},
                            "open_needs": f["open_needs"],
                            "providers": f["providers"],
                            "candidates": f["candidates"],
                            "proposals": f["proposals"],
                            "served_by_risk": f["served_by_risk"],
                            "open_by_risk": f["open_by_risk"],
                            "changes": f["changes"],
                            "mean_distance_km": f["mean_distance_km"],
                        }
                    )
            figures["runs"] = runs
            figures["peak_rss_mib"] = round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
            )
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
    if args.template:
        print(f"{args.scale} demo copied from {args.template} (generated once, analysed)")
    if figures.get("generate_s"):
        print(f"generated {args.scale} demo in {figures['generate_s']} s: {figures['generated']}")
    for run in runs:
        print(
            f"run {run['run_id']}: {run['status']} ({run['engine_status']}) in "
            f"{run['wall_s']} s; open needs {run['open_needs']}, providers "
            f"{run['providers']}, proposals {run['proposals']}"
        )
        for stage, seconds in run["stages_s"].items():
            print(f"    {stage:<24} {seconds:8.2f} s")
        print(
            f"    served by risk {run['served_by_risk']} of {run['open_by_risk']}; "
            f"changes {run['changes']}"
        )
    print(f"peak RSS {figures['peak_rss_mib']} MiB")


if __name__ == "__main__":
    main()
