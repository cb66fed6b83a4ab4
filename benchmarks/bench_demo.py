"""`flask demo generate` timed as a user runs it, per scale, on SQLite and on PostgreSQL.
Target: the province (Fujian, 60,000 children and 30,000 volunteers) within 60 s.

    .venv/bin/python benchmarks/bench_demo.py                         # both scales, both databases
    .venv/bin/python benchmarks/bench_demo.py --scale province --repeat 3 --database sqlite
    .venv/bin/python benchmarks/bench_demo.py --code /tmp/main-checkout   # another checkout's code

Each run is the command in a fresh process (`python -m flask --app app demo generate --scale
S --seed 1`) on a fresh database that is migrated and has the country's regions loaded (a
template made once and copied: that setup is not timed). Prints each run's wall-clock time,
its CPU time (user + system: what the work costs when other processes share the cores), the
medians per scale and database, and the command's own summary line. The PostgreSQL
databases are named `<--name>_*` next to the one --database-url names and dropped after.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV = {
    "SECRET_KEY": "bench-demo",
    "JWT_SECRET_KEY": "bench-demo-jwt-secret-with-enough-length",
    "BLIND_INDEX_KEY": "bench-demo",
    "FIELD_ENCRYPTION_KEYS": "c2VjcmV0LWtleS1mb3ItdGhlLWRlbW8tYmVuY2gtMDA=",
}


CODE = Path(__file__).resolve().parent.parent


CPU: list[float] = []  # CPU seconds (user + system) of each command
CPUS: dict[tuple[str, str], list[float]] = {}  # the generate commands' ones


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def flask(env: dict[str, str], *args: str) -> tuple[float, str]:
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=CODE,
        env={**env, "PYTHONPATH": str(CODE)},
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    CPU.append(_children_cpu() - cpu)
    if done.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def sqlite_runs(scales: list[str], repeat: int, env: dict[str, str]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        template = Path(tmp) / "template.sqlite3"
        setup = {**env, "DATABASE_URL": f"sqlite:///{template}"}
        flask(setup, "db", "upgrade")
        flask(setup, "regions", "load")
        for scale in scales:
            for k in range(repeat):
                path = Path(tmp) / f"{scale}-{k}.sqlite3"
                shutil.copy(template, path)
                run_env = {**env, "DATABASE_URL": f"sqlite:///{path}"}
                seconds, summary = flask(
                    run_env, "demo", "generate", "--scale", scale, "--seed", "1"
                )
                out.setdefault(scale, []).append(seconds)
                CPUS.setdefault(("sqlite", scale), []).append(CPU[-1])
                print(
                    f"sqlite     {scale:<8} run {k + 1}: {seconds:6.1f} s "
                    f"(CPU {CPU[-1]:5.1f} s)  {summary}",
                    flush=True,
                )
                path.unlink()
    return out


def postgres_runs(
    scales: list[str], repeat: int, env: dict[str, str], url: str, name: str
) -> dict[str, list[float]]:
    base = make_url(url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    template = f"{name}_template"
    made: list[str] = []
    out: dict[str, list[float]] = {}
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{template}"'))
            conn.execute(text(f'CREATE DATABASE "{template}"'))
        made.append(template)
        setup = {
            **env,
            "DATABASE_URL": base.set(database=template).render_as_string(hide_password=False),
        }
        flask(setup, "db", "upgrade")
        flask(setup, "regions", "load")
        admin.dispose()  # the template may have no other session when copied
        for scale in scales:
            for k in range(repeat):
                db_name = f"{name}_{scale}_{k}"
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}"'))
                    conn.execute(text(f'CREATE DATABASE "{db_name}" TEMPLATE "{template}"'))
                made.append(db_name)
                run_env = {
                    **env,
                    "DATABASE_URL": base.set(database=db_name).render_as_string(
                        hide_password=False
                    ),
                }
                seconds, summary = flask(
                    run_env, "demo", "generate", "--scale", scale, "--seed", "1"
                )
                out.setdefault(scale, []).append(seconds)
                CPUS.setdefault(("postgresql", scale), []).append(CPU[-1])
                print(
                    f"postgresql {scale:<8} run {k + 1}: {seconds:6.1f} s "
                    f"(CPU {CPU[-1]:5.1f} s)  {summary}",
                    flush=True,
                )
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
                made.remove(db_name)
    finally:
        with admin.connect() as conn:
            for db_name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        admin.dispose()
    return out


def main() -> None:
    global CODE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("county", "province", "both"), default="both")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scale and database")
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--name", default="demo_bench", help="prefix of the scratch databases")
    parser.add_argument(
        "--code", type=Path, default=CODE, help="the checkout whose `app` runs (before/after)"
    )
    args = parser.parse_args()
    CODE = args.code.resolve()
    scales = ["county", "province"] if args.scale == "both" else [args.scale]
    env = {**os.environ, **ENV}
    env.pop("DATABASE_URL", None)
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores; code of {CODE}", flush=True)
    results: dict[tuple[str, str], list[float]] = {}
    if args.database in ("sqlite", "both"):
        for scale, runs in sqlite_runs(scales, args.repeat, env).items():
            results[("sqlite", scale)] = runs
    if args.database in ("postgresql", "both"):
        for scale, runs in postgres_runs(
            scales, args.repeat, env, args.database_url, args.name
        ).items():
            results[("postgresql", scale)] = runs
    print()
    print("| database | scale | median wall clock | median CPU (user + system) | runs (wall) |")
    print("|---|---|---|---|---|")
    for (database, scale), runs in results.items():
        listed = ", ".join(f"{r:.1f}" for r in runs)
        cpu = statistics.median(CPUS[(database, scale)])
        print(
            f"| {database} | {scale} | {statistics.median(runs):.1f} s | {cpu:.1f} s | {listed} |"
        )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
