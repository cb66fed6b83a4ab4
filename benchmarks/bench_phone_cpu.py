"""CPU time and SQL statements per request of the phone's endpoints, in one process (the
Flask test client, no HTTP server) against PostgreSQL: the figure that does not move when
other people load the machine, and the profile behind it.

    .venv/bin/python benchmarks/bench_phone_cpu.py                     # 300 requests each
    .venv/bin/python benchmarks/bench_phone_cpu.py --profile sync       # + cProfile of one
    .venv/bin/python benchmarks/bench_phone_cpu.py --profile visit --profile-out v.prof  # raw stats
    .venv/bin/python benchmarks/bench_phone_cpu.py --database-name NAME --keep   # reuse data

Setup (untimed) is the load benchmark's (`bench_load.setup_database`): a scratch database,
migrated, the county demo, a match run, one accepted pairing per volunteer. The app is built
as the server is (rate limits on, per-process memory storage), --users volunteers sign in
through the API, then each endpoint is called round robin over them. CPU per request is this
process's CPU time (user + system, `time.process_time`) around each call: what a worker
spends, including the test client's own small share, but not the database server's.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import secrets
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench_load import SECRETS, setup_database  # noqa: E402


def scenarios(volunteers: list[Any]) -> dict[str, Any]:
    """name -> function(client, volunteer index, state) -> (method, path, kwargs)."""

    def sync_first(v: Any, state: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/api/v1/me/sync", {}

    def sync_since(v: Any, state: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/api/v1/me/sync", {"query_string": {"since": state["since"][v.user_id]}}

    def my_pairings(v: Any, state: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/api/v1/me/pairings", {}

    def pairing(v: Any, state: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        return "GET", f"/api/v1/pairings/{v.pairing_id}", {}

    def visit(v: Any, state: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        body = {
            "id": str(uuid.uuid4()),
            "pairing_id": v.pairing_id,
            "kind": "home_visit",
            "occurred_at": datetime.now(UTC).isoformat(),
            "duration_minutes": 45,
            "done": "陪伴阅读",
            "lat": 24.72,
            "lon": 118.55,
            "coord_system": "gcj02",
        }
        return (
            "POST",
            "/api/v1/visits/",
            {
                "json": body,
                "headers": {"Idempotency-Key": str(uuid.uuid4())},
            },
        )

    def health(v: Any, state: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/api/v1/health/", {}

    return {
        "health": health,
        "sync": sync_since,
        "sync_first": sync_first,
        "pairings": my_pairings,
        "visit": visit,
        "pairing": pairing,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per endpoint")
    parser.add_argument(
        "--database-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        help="server to create the scratch database on",
    )
    parser.add_argument("--database-name", help="reuse (or create) this database")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--only", nargs="*", help="endpoints to measure (default: all)")
    parser.add_argument("--profile", help="cProfile this endpoint and print the top entries")
    parser.add_argument("--profile-lines", type=int, default=45)
    parser.add_argument("--profile-out", help="also write the profile's raw stats to this file")
    args = parser.parse_args()

    from sqlalchemy import create_engine, event, text
    from sqlalchemy.engine import make_url

    base = make_url(args.database_url)
    if base.host not in (None, "127.0.0.1", "localhost", "::1"):
        parser.error("local PostgreSQL only")
    name = args.database_name or f"tongxing_cpu_{secrets.token_hex(4)}"
    url = base.set(database=name).render_as_string(hide_password=False)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).scalar()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        volunteers = _prepared(url, args.users, fresh=not exists)
        from app import create_app
        from app.extensions import db

        app = create_app(
            {
                "DATABASE_URL": url,
                **SECRETS,
                "FIELD_ENCRYPTION_KEYS": [SECRETS["FIELD_ENCRYPTION_KEYS"]],
                "RATELIMIT_STORAGE_URI": "memory://",
                "OPENAPI_VIEWER": False,
            }
        )
        statements = [0]

        @event.listens_for(db.engine, "before_cursor_execute")
        def _count(*_a: Any, **_k: Any) -> None:
            statements[0] += 1

        client = app.test_client()
        tokens = {}
        tick = time.perf_counter()
        for v in volunteers:
            r = client.post(
                "/api/v1/auth/signin",
                json={"identifier": v.phone, "password": _password()},
                headers={"Accept-Language": "en"},
            )
            assert r.status_code == 200, r.get_data(as_text=True)
            tokens[v.user_id] = r.get_json()["access_token"]
        print(
            f"{len(volunteers)} volunteers signed in in {time.perf_counter() - tick:.1f} s "
            "(argon2 at its production cost: sign-in only)",
            file=sys.stderr,
        )
        state: dict[str, Any] = {"since": {}}
        for v in volunteers:
            r = client.get(
                "/api/v1/me/sync", headers={"Authorization": f"Bearer {tokens[v.user_id]}"}
            )
            state["since"][v.user_id] = r.get_json()["watermark"]

        def call(scenario: Any, v: Any) -> Any:
            method, path, kwargs = scenario(v, state)
            headers = {"Authorization": f"Bearer {tokens[v.user_id]}", "Accept-Language": "en"}
            headers.update(kwargs.pop("headers", {}))
            response = client.open(path, method=method, headers=headers, **kwargs)
            if response.status_code >= 300:
                raise SystemExit(f"{method} {path}: {response.status_code} {response.data[:300]}")
            return response

        chosen = scenarios(volunteers)
        if args.only:
            chosen = {k: v for k, v in chosen.items() if k in args.only}
        print(
            f"{'endpoint':<12}{'CPU ms p50':>11}{'mean':>8}{'p90':>8}{'wall ms p50':>12}"
            f"{'SQL/req':>9}"
        )
        for label, scenario in chosen.items():
            for i in range(20):  # warm-up
                call(scenario, volunteers[i % len(volunteers)])
            cpu, wall, counts = [], [], []
            for i in range(args.requests):
                v = volunteers[i % len(volunteers)]
                statements[0] = 0
                w0, c0 = time.perf_counter(), time.process_time()
                call(scenario, v)
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
                counts.append(statements[0])
            deciles = statistics.quantiles(cpu, n=10)
            print(
                f"{label:<12}{statistics.median(cpu):>11.2f}{statistics.fmean(cpu):>8.2f}"
                f"{deciles[8]:>8.2f}{statistics.median(wall):>12.2f}"
                f"{statistics.median(counts):>9.0f}",
                flush=True,
            )
        if args.profile:
            scenario = scenarios(volunteers)[args.profile]
            profiler = cProfile.Profile(time.process_time)  # CPU, not waiting
            profiler.enable()
            for i in range(args.requests):
                call(scenario, volunteers[i % len(volunteers)])
            profiler.disable()
            if args.profile_out:
                profiler.dump_stats(args.profile_out)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(args.profile_lines)
            out.write("\n--- by own time ---\n")
            stats.sort_stats("tottime").print_stats(args.profile_lines)
            print(out.getvalue())
        if db.engine is not None:
            db.engine.dispose()
    finally:
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            print(f"database {name} dropped", file=sys.stderr)
        else:
            print(f"database {name} kept", file=sys.stderr)
        admin.dispose()
    return 0


def _password() -> str:
    from app.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def _prepared(url: str, users: int, *, fresh: bool) -> list[Any]:
    """The volunteers with an active pairing: made now in a fresh database, or read back
    from one a previous run kept."""
    from bench_load import Volunteer

    if fresh:
        volunteers, _ = setup_database(url, users, 10.0)
        return volunteers
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT u.id, u.phone, min(p.id) FROM pairing p "
                "JOIN volunteer v ON v.id = p.provider_id AND p.provider_type = 'volunteer' "
                "JOIN user_account u ON u.id = v.owner_id WHERE p.status = 'active' "
                "GROUP BY u.id, u.phone ORDER BY u.id LIMIT :n"
            ),
            {"n": users},
        ).all()
    engine.dispose()
    return [Volunteer(r[0], r[1], r[2]) for r in rows]


if __name__ == "__main__":
    sys.exit(main())
