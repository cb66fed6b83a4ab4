"""Load benchmark of the mobile endpoints: N concurrent volunteers syncing their feeds and
posting visits against gunicorn on loopback, on PostgreSQL.

    .venv/bin/python benchmarks/bench_load.py                       # 200 users, 60 s
    .venv/bin/python benchmarks/bench_load.py --users 50 --duration 20 --json

Setup (untimed): a scratch database next to --database-url (tongxing_load_<random>),
migrated; `flask demo seed` and the county demo (`demo generate --scale county --seed 1`)
with the app's own code; a match run for Jinjiang (350582); one proposal approved per
volunteer by the county coordinator until --users volunteers have a pairing, each accepted
by its volunteer. Then gunicorn (`app:create_app()`, --workers processes) on 127.0.0.1, and
every volunteer signs in over HTTP.

Timed phase: --users asyncio virtual users (aiohttp, one event loop, one keep-alive
connection each) loop: GET /me/sync?since=<the watermark it got>, sometimes GET
/me/pairings, and POST /visits/ for its active pairing with a fresh Idempotency-Key and a
client-made visit id; think time uniform in [--think-min, --think-max] s between
requests. New requests stop at --duration; those in flight finish. Any non-2xx answer or
transport failure is an error.

Each virtual user connects from its own loopback address (127.0.x.y, x.y from its
index) to the server on 127.0.0.1: 200 phones are 200 client addresses, so the per-address
sign-in limit (60 per minute) applies per phone as in the field. Rate limits are stored
in Redis (redis://127.0.0.1:6379, shared by the workers, as the README asks for several
worker processes) and left at their defaults (API 600 per minute per user), which this
load stays under; `--ratelimit-storage memory://` uses per-process memory instead.

Everything runs on this machine: client, gunicorn workers and PostgreSQL share its cores;
the CPU seconds of each are printed, and the workers' CPU per request. Afterwards the server
is stopped and the scratch database dropped, also on failure or Ctrl-C (unless --keep:
`--database-name NAME` then reuses it without the setup).

    .venv/bin/python benchmarks/bench_load.py --open-loop          # 200 phones, a request / 4 s
    .venv/bin/python benchmarks/bench_load.py --think-min 0 --think-max 0   # saturation
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"  # the only address traffic goes to
# Fixed secrets shared by the setup (create_app(config)) and the server (environment).
SECRETS = {
    "SECRET_KEY": "tongxing-load-benchmark-secret-key-not-for-production",
    "JWT_SECRET_KEY": "tongxing-load-benchmark-jwt-key-not-for-production-0123456789",
    "FIELD_ENCRYPTION_KEYS": "dG9uZ3hpbmctbG9hZC1iZW5jaG1hcmstZmVybmV0LWs=",
    "BLIND_INDEX_KEY": "tongxing-load-benchmark-blind-index-key",
}
ENDPOINTS = ("GET /me/sync", "GET /me/pairings", "POST /visits/")
SIGNIN = "POST /auth/signin"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- setup: scratch database, data, pairings ----------------------------------------------


@dataclass(frozen=True)
class Volunteer:
    user_id: int
    phone: str
    pairing_id: int


def setup_database(url: str, users: int, time_limit_s: float) -> tuple[list[Volunteer], dict]:
    """Migrate, seed, generate the county demo, match, approve and accept. Returns the
    volunteers with an active pairing (one each) and setup figures."""
    from sqlalchemy import func, select

    from app import create_app
    from app.demo import DEMO_COUNTY, seed_accounts, seed_regions
    from app.demo_data import generate
    from app.extensions import db
    from app.migrate import upgrade
    from app.models import (
        Pairing,
        PairingStatus,
        Proposal,
        ProposalStatus,
        ProviderType,
        Role,
        RunTrigger,
        User,
    )
    from app.models import Volunteer as VolunteerRow
    from app.services import match_runs, pairings
    from app.services import users as user_service
    from app.services.priority import PriorityPolicy

    figures: dict[str, Any] = {}
    tick = time.perf_counter()
    upgrade(url)
    figures["migrate_s"] = round(time.perf_counter() - tick, 1)
    app = create_app(
        {
            "DATABASE_URL": url,
            **SECRETS,
            "FIELD_ENCRYPTION_KEYS": [SECRETS["FIELD_ENCRYPTION_KEYS"]],
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    with app.app_context():
        tick = time.perf_counter()
        with db.session() as session:
            seed_regions(session)
            coordinator_id = next(u.id for u in seed_accounts(session) if u.phone == "13800000001")
        with db.session() as session:
            counts = generate(session, scale="county", seed=1)
        figures["seed_and_generate_s"] = round(time.perf_counter() - tick, 1)
        figures["generated"] = {
            k: v for k, v in counts.as_dict().items() if isinstance(v, int) and v
        }
        log(f"demo county generated in {figures['seed_and_generate_s']} s: {figures['generated']}")

        tick = time.perf_counter()
        run_id, _outcome = match_runs.run_now(
            DEMO_COUNTY,
            session_scope=db.session,
            policy=PriorityPolicy.from_config(None),
            settings=match_runs.RunSettings(time_limit_s=time_limit_s, workers=1),
            trigger=RunTrigger.manual,
        )
        with db.session() as session:
            run = session.get(match_runs.MatchRun, run_id)
            assert run is not None
        figures["match_run_s"] = round(time.perf_counter() - tick, 1)
        figures["match_run"] = {
            "status": run.status.value,
            "engine_status": run.engine_status,
            "proposals": run.figures.get("proposals"),
            "open_needs": run.figures.get("open_needs"),
        }
        log(f"match run for 350582 in {figures['match_run_s']} s: {figures['match_run']}")

        tick = time.perf_counter()
        with db.session() as session:
            coordinator = user_service.load_actor(coordinator_id, session=session)
            candidates = session.scalars(
                select(Proposal)
                .where(
                    Proposal.run_id == run.id,
                    Proposal.status == ProposalStatus.pending,
                    Proposal.provider_type == ProviderType.volunteer,
                )
                .order_by(Proposal.priority.desc(), Proposal.id)
            ).all()
            chosen: dict[int, int] = {}  # volunteer id -> pairing id
            stale = 0
            for proposal in candidates:
                if len(chosen) >= users:
                    break
                if proposal.provider_id in chosen or proposal.status is not ProposalStatus.pending:
                    continue
                try:
                    with session.begin_nested():
                        pairing = pairings.approve(proposal, actor=coordinator, session=session)
                except pairings.StaleProposal:
                    stale += 1
                    continue
                chosen[proposal.provider_id] = pairing.id
            if len(chosen) < users:
                raise SystemExit(
                    f"only {len(chosen)} volunteers could be paired ({len(candidates)} volunteer "
                    f"proposals, {stale} stale); run with --users {len(chosen)} or fewer"
                )
            owners: dict[int, int] = {
                vid: owner
                for vid, owner in session.execute(
                    select(VolunteerRow.id, VolunteerRow.owner_id).where(
                        VolunteerRow.id.in_(chosen)
                    )
                )
            }
            phones: dict[int, str] = {
                uid: str(phone)
                for uid, phone in session.execute(
                    select(User.id, User.phone).where(User.id.in_(owners.values()))
                )
            }
            out = []
            for volunteer_id, pairing_id in chosen.items():
                owner = owners[volunteer_id]
                actor = user_service.Actor(id=owner, role=Role.volunteer, area_paths=())
                approved = session.get(Pairing, pairing_id)
                assert approved is not None
                pairings.accept(approved, actor=actor, session=session)
                out.append(Volunteer(owner, phones[owner], pairing_id))
        with db.session() as session:
            active = session.scalar(
                select(func.count(func.distinct(Pairing.provider_id))).where(
                    Pairing.provider_type == ProviderType.volunteer,
                    Pairing.status == PairingStatus.active,
                )
            )
        figures["pair_and_accept_s"] = round(time.perf_counter() - tick, 1)
        figures["volunteers_with_active_pairing"] = active
        log(
            f"{len(out)} proposals approved ({stale} stale skipped) and accepted in "
            f"{figures['pair_and_accept_s']} s; {active} volunteers have an active pairing"
        )
    return out, figures


def kept_volunteers(url: str, users: int) -> list[Volunteer]:
    """Volunteers with an active pairing in a database an earlier run kept."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT u.id, u.phone, min(p.id) FROM pairing p JOIN volunteer v"
                    " ON v.id = p.provider_id AND p.provider_type = 'volunteer'"
                    " JOIN user_account u ON u.id = v.owner_id WHERE p.status = 'active'"
                    " GROUP BY u.id, u.phone ORDER BY u.id LIMIT :n"
                ),
                {"n": users},
            ).all()
    finally:
        engine.dispose()
    if len(rows) < users:
        raise SystemExit(f"the kept database has {len(rows)} paired volunteers, not {users}")
    return [Volunteer(r[0], r[1], r[2]) for r in rows]


def count_rows(url: str) -> dict[str, int]:
    """Rows of the tables the run writes to, counted before and after it."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                "visits": conn.execute(text("SELECT count(*) FROM visit")).scalar_one(),
                "idempotent_requests": conn.execute(
                    text("SELECT count(*) FROM idempotent_request")
                ).scalar_one(),
            }
    finally:
        engine.dispose()


# --- the server ---------------------------------------------------------------------------


def start_server(
    url: str, args: argparse.Namespace, logdir: Path
) -> tuple[subprocess.Popen[bytes], Path]:
    with socket.socket() as probe:
        try:
            probe.bind((HOST, args.port))
        except OSError as exc:
            raise SystemExit(f"port {args.port} on {HOST} is in use: {exc}") from None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "GUNICORN"))}
    env.update(SECRETS)
    env.update(
        {
            "DATABASE_URL": url,
            "RATELIMIT_STORAGE_URI": args.ratelimit_storage,
            "TONGXING_INSTANCE_DIR": str(logdir),
            "OPENAPI_VIEWER": "0",
        }
    )
    if args.api_rate_limit:
        env["API_RATE_LIMIT"] = args.api_rate_limit
    logfile = logdir / "gunicorn.log"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "app:create_app()",
        "--bind",
        f"{HOST}:{args.port}",
        "--workers",
        str(args.workers),
        "--chdir",
        str(ROOT),
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--keep-alive",
        "5",
        "--error-logfile",
        str(logfile),
        "--log-level",
        "info",
    ]
    if args.threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(args.threads)]
    else:
        command += ["--worker-class", "sync"]
    with open(os.devnull, "rb") as devnull:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdin=devnull)
    return server, logfile


def wait_healthy(server: subprocess.Popen[bytes], port: int, logfile: Path) -> float:
    import urllib.request

    started = time.perf_counter()
    while time.perf_counter() - started < 180:  # 4 workers import the app at once
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}:\n{tail(logfile)}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/health/", timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"the server did not answer /api/v1/health/ in 180 s:\n{tail(logfile)}")


def worker_pids(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    workers = worker_pids(server.pid)
    server.terminate()  # gunicorn: graceful shutdown of the master and its workers
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        for pid in [*workers, server.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        server.wait(timeout=10)


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- CPU accounting -----------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_snapshot() -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) of every process, by pid, with its command name."""
    out = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        out[int(entry.name)] = (name, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    return out


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS


def _postgres_ours(pid: int, database: str) -> bool:
    """A PostgreSQL process of this run: a backend of the scratch database, or one of the
    server's own (checkpointer, WAL writer...); backends of other databases are not."""
    try:
        title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    if "127.0.0.1(" not in title and "[local]" not in title:
        return True
    return f" {database} " in title


def cpu_split(
    before: dict[int, tuple[str, float]],
    after: dict[int, tuple[str, float]],
    server: int,
    workers: list[int],
    database: str,
) -> dict[str, Any]:
    def delta(pid: int) -> float:
        if pid not in after:
            return 0.0
        return after[pid][1] - (before.get(pid, ("", 0.0))[1])

    postgres = sum(
        delta(p)
        for p, (name, _) in after.items()
        if name.startswith("postgres") and _postgres_ours(p, database)
    )
    return {
        "server_workers_s": [round(delta(p), 1) for p in workers],
        "server_master_s": round(delta(server), 1),
        "postgres_s": round(postgres, 1),
    }


# --- the virtual users --------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    finished: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[tuple[str, str]] = field(default_factory=Counter)
    first_body: dict[tuple[str, str], str] = field(default_factory=dict)
    replayed: int = 0

    def ok(self, name: str, seconds: float, at: float) -> None:
        self.latencies[name].append(seconds)
        self.finished[name].append(at)

    def error(self, name: str, status: str, body: str) -> None:
        self.errors[(name, status)] += 1
        self.first_body.setdefault((name, status), body[:500])


def client_address(index: int) -> str:
    """Volunteer i's own loopback source address (127.0.x.y, never 127.0.0.1)."""
    return f"127.0.{index // 250 + 1}.{index % 250 + 2}"


class VirtualUser:
    def __init__(
        self, index: int, volunteer: Volunteer, base: str, stats: Stats, connections: int = 1
    ) -> None:
        import aiohttp

        self.volunteer = volunteer
        self.base = base
        self.stats = stats
        self.rng = random.Random(index)
        self.token = ""
        self.since: str | None = None
        self.session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(
                limit=connections, local_addr=(client_address(index), 0)
            ),
            timeout=aiohttp.ClientTimeout(total=60),
            headers={"User-Agent": "tongxing-bench-load/1", "Accept-Language": "en"},
        )

    async def request(
        self, name: str, method: str, path: str, *, due: float | None = None, **kwargs: Any
    ) -> tuple[int, Any] | None:
        """One request, timed from `due` (open loop: when it was meant to leave, so a wait for
        a free connection counts) or from now; None (and an error counted) unless 2xx."""
        if self.token:
            kwargs.setdefault("headers", {})["Authorization"] = f"Bearer {self.token}"
        started = time.perf_counter() if due is None else due
        try:
            async with self.session.request(method, self.base + path, **kwargs) as response:
                body = await response.read()
                status = response.status
                replayed = response.headers.get("Idempotent-Replayed")
        except Exception as exc:  # transport failures count as errors too
            self.stats.error(name, type(exc).__name__, str(exc))
            return None
        now = time.perf_counter()
        if not 200 <= status < 300:
            self.stats.error(name, str(status), body.decode(errors="replace"))
            return None
        self.stats.ok(name, now - started, now)
        if replayed:
            self.stats.replayed += 1
        return status, json.loads(body) if body else None

    async def sign_in(self, password: str) -> bool:
        answer = await self.request(
            SIGNIN,
            "POST",
            "/api/v1/auth/signin",
            json={"identifier": self.volunteer.phone, "password": password},
        )
        if answer is None:
            return False
        self.token = answer[1]["access_token"]
        return True

    async def sync(self, due: float | None = None) -> None:
        params = {"since": self.since} if self.since else None
        answer = await self.request(
            "GET /me/sync", "GET", "/api/v1/me/sync", params=params, due=due
        )
        if answer is not None:
            self.since = answer[1]["watermark"]

    async def pairings(self, due: float | None = None) -> None:
        await self.request("GET /me/pairings", "GET", "/api/v1/me/pairings", due=due)

    async def visit(self, due: float | None = None) -> None:
        rng = self.rng
        body = {
            "id": str(uuid.uuid4()),
            "pairing_id": self.volunteer.pairing_id,
            "kind": rng.choice(["home_visit", "home_visit", "phone", "school", "video"]),
            "occurred_at": datetime.now(UTC).isoformat(),
            "duration_minutes": rng.choice([20, 30, 45, 60, 90]),
            "done": rng.choice(["辅导数学作业", "陪伴阅读", "电话了解近况", "送去书包文具"]),
            "lat": round(24.72 + rng.uniform(-0.1, 0.1), 5),
            "lon": round(118.55 + rng.uniform(-0.1, 0.1), 5),
            "coord_system": "gcj02",
        }
        if rng.random() < 0.1:
            body["problems"] = "家中无人看护"
        await self.request(
            "POST /visits/",
            "POST",
            "/api/v1/visits/",
            json=body,
            headers={"Idempotency-Key": str(uuid.uuid4())},
            due=due,
        )

    async def run_open(self, deadline: float, args: argparse.Namespace) -> None:
        """Open loop: one request every --interval s (±25 %), sent when due whether or not
        the previous one has answered; the same mix of requests as the closed loop."""
        rng = self.rng
        loop = 1.0 + args.p_pairings + args.p_visit
        p_pairings, p_visit = args.p_pairings / loop, args.p_visit / loop
        in_flight: set[asyncio.Task[None]] = set()
        due = time.perf_counter() + rng.uniform(0, args.interval)
        while due < deadline:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            draw = rng.random()
            if draw < p_visit:
                call = self.visit(due)
            elif draw < p_visit + p_pairings:
                call = self.pairings(due)
            else:
                call = self.sync(due)
            task = asyncio.create_task(call)
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
            due += args.interval * rng.uniform(0.75, 1.25)
        if in_flight:
            await asyncio.gather(*in_flight)

    async def run(self, deadline: float, args: argparse.Namespace) -> None:
        rng = self.rng

        async def think() -> bool:
            await asyncio.sleep(rng.uniform(args.think_min, args.think_max))
            return time.perf_counter() < deadline

        # Phones do not all wake at once: start somewhere within one think time.
        await asyncio.sleep(rng.uniform(0, args.think_max))
        while time.perf_counter() < deadline:
            await self.sync()
            if rng.random() < args.p_pairings:
                if not await think():
                    break
                await self.pairings()
            if rng.random() < args.p_visit:
                if not await think():
                    break
                await self.visit()
            if not await think():
                break

    async def close(self) -> None:
        await self.session.close()


async def load(
    volunteers: list[Volunteer], args: argparse.Namespace, server: int, database: str
) -> dict:
    from app.demo import DEMO_PASSWORD

    base = f"http://{HOST}:{args.port}"
    connections = 4 if args.open_loop else 1
    users = [VirtualUser(i, v, base, Stats(), connections) for i, v in enumerate(volunteers)]
    signin_stats = Stats()
    for user in users:
        user.stats = signin_stats
    gate = asyncio.Semaphore(args.signin_concurrency)

    async def sign_in(user: VirtualUser) -> bool:
        async with gate:
            return await user.sign_in(DEMO_PASSWORD)

    figures: dict[str, Any] = {}
    try:
        tick = time.perf_counter()
        signed = await asyncio.gather(*(sign_in(u) for u in users))
        figures["signin"] = {
            "users": sum(signed),
            "seconds": round(time.perf_counter() - tick, 1),
            **percentiles(signin_stats.latencies[SIGNIN]),
        }
        if not all(signed):
            figures["signin_errors"] = error_list(signin_stats)
            return figures
        log(f"{sum(signed)} volunteers signed in over HTTP in {figures['signin']['seconds']} s")

        stats = Stats()
        for user in users:
            user.stats = stats
        workers = worker_pids(server)
        cpu_before, busy_before = cpu_snapshot(), machine_busy()
        usage_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        deadline = started + args.duration
        log(f"{len(users)} virtual users for {args.duration} s")
        tasks = [
            asyncio.create_task(
                u.run_open(deadline, args) if args.open_loop else u.run(deadline, args)
            )
            for u in users
        ]
        done, pending = await asyncio.wait(tasks, timeout=args.duration + 90)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            if task.exception() is not None:
                stats.error("virtual user", type(task.exception()).__name__, repr(task.exception()))
        ended = max((t for ts in stats.finished.values() for t in ts), default=started)
        cpu_after, busy_after = cpu_snapshot(), machine_busy()
        usage_after = resource.getrusage(resource.RUSAGE_SELF)
        elapsed = ended - started
        figures["load"] = summarize(stats, elapsed, len(pending))
        split = cpu_split(cpu_before, cpu_after, server, workers, database)
        split["client_s"] = round(
            (usage_after.ru_utime + usage_after.ru_stime)
            - (usage_before.ru_utime + usage_before.ru_stime),
            1,
        )
        busy = busy_after[0] - busy_before[0]
        total = busy_after[1] - busy_before[1]
        split["machine_busy_pct"] = round(100 * busy / total, 1) if total else None
        ours = split["client_s"] + sum(split["server_workers_s"]) + split["postgres_s"]
        split["machine_busy_s"] = round(busy, 1)
        split["other_processes_s"] = round(max(0.0, busy - ours - split["server_master_s"]), 1)
        split["wall_s"] = round(elapsed, 1)
        split["cores"] = os.cpu_count()
        # every request sent reached the server, answered in time or not
        sent = figures["load"]["requests"]
        split["worker_ms_per_request"] = (
            round(1000 * sum(split["server_workers_s"]) / sent, 2) if sent else None
        )
        split["postgres_ms_per_request"] = (
            round(1000 * split["postgres_s"] / sent, 2) if sent else None
        )
        split["load_average"] = [round(x, 2) for x in os.getloadavg()]
        figures["cpu"] = split
        return figures
    finally:
        await asyncio.gather(*(u.close() for u in users))


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    ms = np.array(values) * 1000.0
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return {
        "p50_ms": round(float(p50), 1),
        "p95_ms": round(float(p95), 1),
        "p99_ms": round(float(p99), 1),
        "max_ms": round(float(ms.max()), 1),
    }


def error_list(stats: Stats) -> list[dict[str, Any]]:
    return [
        {
            "endpoint": name,
            "status": status,
            "count": n,
            "first_body": stats.first_body[(name, status)],
        }
        for (name, status), n in sorted(stats.errors.items())
    ]


def summarize(stats: Stats, elapsed: float, cancelled: int) -> dict[str, Any]:
    every = [v for name in ENDPOINTS for v in stats.latencies[name]]
    n_errors = sum(stats.errors.values())
    per = {}
    for name in ENDPOINTS:
        values = stats.latencies[name]
        errors = sum(n for (endpoint, _), n in stats.errors.items() if endpoint == name)
        per[name] = {
            "requests": len(values) + errors,
            "ok": len(values),
            "errors": errors,
            "rps": round(len(values) / elapsed, 1) if elapsed else None,
            **percentiles(values),
        }
    return {
        "seconds": round(elapsed, 1),
        "requests": len(every) + n_errors,
        "ok": len(every),
        "errors": n_errors,
        "rps": round(len(every) / elapsed, 1) if elapsed else None,
        **percentiles(every),
        "endpoints": per,
        "error_detail": error_list(stats),
        "idempotent_replays": stats.replayed,
        "cancelled_users": cancelled,
    }


# --- main ---------------------------------------------------------------------------------


def _interrupted(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent virtual volunteers")
    parser.add_argument("--duration", type=float, default=60.0, help="timed phase, seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (>1: gthread, 1: sync)"
    )
    parser.add_argument(
        "--database-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        help="server to create the scratch database on (its database is only connected to)",
    )
    parser.add_argument(
        "--database-name", help="use this database; one kept by --keep skips the setup"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--ratelimit-storage", default="redis://127.0.0.1:6379")
    parser.add_argument(
        "--api-rate-limit", default="", help="API_RATE_LIMIT for the server (default: the app's)"
    )
    parser.add_argument("--think-min", type=float, default=0.5)
    parser.add_argument("--think-max", type=float, default=2.0)
    parser.add_argument(
        "--p-pairings", type=float, default=0.25, help="share of loops that also GET /me/pairings"
    )
    parser.add_argument(
        "--p-visit", type=float, default=0.5, help="share of loops that also POST a visit"
    )
    parser.add_argument(
        "--open-loop",
        action="store_true",
        help="each user sends a request every --interval s whatever the answers (not think time)",
    )
    parser.add_argument("--interval", type=float, default=4.0, help="open loop: seconds")
    parser.add_argument("--signin-concurrency", type=int, default=8)
    parser.add_argument(
        "--match-time-limit", type=float, default=10.0, help="CP-SAT seconds for the setup match"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary only")
    args = parser.parse_args()
    if not 1 <= args.users <= 50_000 or args.duration <= 0:
        parser.error("--users is 1..50000 and --duration positive")

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    signal.signal(signal.SIGTERM, _interrupted)  # clean up as on Ctrl-C

    base = make_url(args.database_url)
    if base.host not in (None, "127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark runs on loopback only: --database-url must be local")
    name = args.database_name or f"tongxing_load_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    url = base.set(database=name).render_as_string(hide_password=False)
    server: subprocess.Popen[bytes] | None = None
    figures: dict[str, Any] = {"database": name}
    logdir = Path(tempfile.mkdtemp(prefix="tongxing_load_"))
    logfile = logdir / "gunicorn.log"
    rows: dict[str, int] = {}
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        if exists:
            log(f"database {name} kept from an earlier run: no setup")
            volunteers, figures["setup"] = kept_volunteers(url, args.users), {}
        else:
            log(f"scratch database {name}")
            volunteers, figures["setup"] = setup_database(url, args.users, args.match_time_limit)
        rows_before = count_rows(url)
        from app.extensions import db

        if db.engine is not None:
            db.engine.dispose()
        server, logfile = start_server(url, args, logdir)
        figures["server_ready_s"] = round(wait_healthy(server, args.port, logfile), 1)
        log(
            f"gunicorn up on {HOST}:{args.port} with {len(worker_pids(server.pid))} workers "
            f"in {figures['server_ready_s']} s"
        )
        figures.update(asyncio.run(load(volunteers, args, server.pid, name)))
        stop_server(server)
        rows = {k: v - rows_before[k] for k, v in count_rows(url).items()}
    finally:
        if server is not None:
            stop_server(server)
        from app.extensions import db

        if db.engine is not None:
            db.engine.dispose()
        if args.keep:
            log(f"server stopped, database {name} kept (--database-name {name} reuses it)")
        else:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            log(f"server stopped, database {name} dropped")
        admin.dispose()

    figures["rows_after"] = rows
    figures["config"] = {
        "users": args.users,
        "duration_s": args.duration,
        "workers": args.workers,
        "worker_class": "gthread" if args.threads > 1 else "sync",
        "threads": args.threads,
        "think_s": [args.think_min, args.think_max],
        "open_loop_interval_s": args.interval if args.open_loop else None,
        "p_pairings": args.p_pairings,
        "p_visit": args.p_visit,
        "ratelimit_storage": args.ratelimit_storage,
        "api_rate_limit": args.api_rate_limit or "app default (600 per minute per user)",
        "server_log": str(logfile),
    }
    server_errors = [
        line
        for line in tail(logfile, 10_000).splitlines()
        if "[ERROR]" in line or "Traceback" in line
    ]
    figures["server_log_errors"] = server_errors[:20]
    load_figures = figures.get("load", {})
    visits_ok = load_figures.get("endpoints", {}).get("POST /visits/", {}).get("ok")
    failed = (
        "load" not in figures
        or load_figures["errors"] > 0
        or bool(server_errors)
        or (rows and visits_ok is not None and rows["visits"] != visits_ok)
    )
    figures["passed"] = not failed
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        report(figures)
    return 1 if failed else 0


def report(f: dict[str, Any]) -> None:
    c = f["config"]
    interval = c.get("open_loop_interval_s")
    mode = (
        f"open loop, one request every {interval:g} s each (offered "
        f"{c['users'] / interval:.0f} req/s)"
        if interval
        else f"closed loop, think {c['think_s'][0]:g}-{c['think_s'][1]:g} s"
    )
    print(
        f"Tongxing load benchmark: {c['users']} volunteers, {c['duration_s']:.0f} s, {mode}, "
        f"gunicorn {c['workers']} {c['worker_class']} workers"
        + (f" x {c['threads']} threads" if c["threads"] > 1 else "")
        + f" on {HOST}, PostgreSQL"
    )
    setup = f.get("setup", {})
    if setup:
        print(
            f"setup: county demo {setup.get('generated')}; match {setup.get('match_run')}; "
            f"{setup.get('volunteers_with_active_pairing')} volunteers with an active pairing"
        )
    if "signin" in f:
        s = f["signin"]
        print(
            f"sign-in (untimed, argon2): {s['users']} volunteers in {s['seconds']} s, "
            f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms"
        )
    for e in f.get("signin_errors", []):
        print(f"  SIGN-IN ERROR {e['status']} x{e['count']}: {e['first_body']}")
    load = f.get("load")
    if load:
        print(
            f"\nrequests {load['requests']} in {load['seconds']} s: {load['rps']} req/s, "
            f"p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms, "
            f"max {load['max_ms']} ms; errors {load['errors']}"
        )
        print(
            f"{'endpoint':<18}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'p99 ms':>9}{'max ms':>9}{'errors':>8}"
        )
        for name, e in load["endpoints"].items():
            print(
                f"{name:<18}{e['requests']:>9}{e['rps']:>8}{e['p50_ms']!s:>9}"
                f"{e['p95_ms']!s:>9}{e['p99_ms']!s:>9}{e['max_ms']!s:>9}{e['errors']:>8}"
            )
        for e in load["error_detail"]:
            print(f"  ERROR {e['endpoint']} {e['status']} x{e['count']}: {e['first_body']}")
        rows = f.get("rows_after", {})
        print(
            f"visits in the database afterwards: {rows.get('visits')} "
            f"(201s counted: {load['endpoints']['POST /visits/']['ok']}); idempotent replays "
            f"{load['idempotent_replays']}"
        )
    cpu = f.get("cpu")
    if cpu:
        print(
            f"\nCPU seconds over {cpu['wall_s']} s on {cpu['cores']} cores (machine "
            f"{cpu['machine_busy_pct']}% busy, {cpu['machine_busy_s']} s): client "
            f"{cpu['client_s']}, gunicorn workers {cpu['server_workers_s']}, PostgreSQL "
            f"{cpu['postgres_s']}, other processes and kernel {cpu['other_processes_s']}"
        )
        print(
            f"per request: gunicorn workers {cpu['worker_ms_per_request']} ms CPU, PostgreSQL "
            f"{cpu['postgres_ms_per_request']} ms CPU; load average at the end "
            f"{cpu['load_average']}"
        )
        print(
            "caveat: client, server and PostgreSQL share these cores; the figures are for "
            "this machine as a whole, not the server alone."
        )
        if cpu["other_processes_s"] > 0.1 * cpu["wall_s"] * (cpu["cores"] or 1):
            print(
                f"WARNING: other processes used {cpu['other_processes_s']} CPU s during the "
                "run (more than 10% of the machine): the figures are depressed by them."
            )
    print(
        f"rate limits: storage {c['ratelimit_storage']}, API limit {c['api_rate_limit']} "
        "(not reached: each virtual user makes at most ~2 requests per second); each user "
        "connects from its own 127.0.x.y address."
    )
    for line in f.get("server_log_errors", []):
        print(f"  SERVER LOG: {line}")
    print(
        f"\n{'PASS' if f['passed'] else 'FAIL'}: "
        + ("zero errors" if f["passed"] else "errors above")
    )


if __name__ == "__main__":
    sys.exit(main())
