"""Schema fuzzing of the whole API, in-process: every operation, with every check, as a
coordinator, a volunteer and an admin, each (operation, role) its own test so xdist spreads
them; then the stateful phase (calls chained by the ids they return) for each role.

Every response must be a documented status with a documented body; no 5xx; invalid input is
refused; valid input is accepted unless a rule of the domain says no, with a status the
operation declares for it. The checks' own probes (a request without the token, with a
header missing, the resource read again after a DELETE) go through the same app.

Speed: one app and one committed database (a small county with files, needs, proposals, an
active pairing, a visit and a report) per worker; each test runs in a transaction rolled
back at its end, as every other test does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from sqlalchemy.orm import Session, sessionmaker

from app import create_app
from app.db import make_engine
from app.demo import create_account, seed_regions
from app.extensions import db
from app.migrate import upgrade
from app.models import (
    MatchRun,
    Pairing,
    PairingStatus,
    Proposal,
    ProposalStatus,
    ProviderType,
    RunStatus,
    RunTrigger,
)
from app.services import children, field, needs, providers, regions
from app.services.users import Actor
from tests.conftest import (
    ANHAI_VILLAGE,
    JINJIANG,
    TEST_PASSWORD,
    TEST_SETTINGS,
    _create_pg_database,
    _drop_pg_database,
    child_payload,
)

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"

CONFIG = SchemathesisConfig.from_str(
    """
[generation]
mode = "all"
# The token comes from the provider below; schemathesis does not make up its own.
with-security-parameters = false

# Boundary-value cases of every schema (thousands for the nested bodies): too slow for
# each run; the fuzzing phase draws positive and negative cases instead.
[phases.coverage]
enabled = false

[checks.positive_data_acceptance]
# Schema-valid input may still name an object that does not exist or is out of scope (404),
# break a rule of the domain (422), meet a state that forbids it (409), or lack the version
# it must name (412, 428); `If-None-Match: *` on a read answers 304.
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "412", "422", "428"]

[checks.missing_required_header]
# A missing If-Match is 428 Precondition Required (RFC 6585).
expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]
"""
)
SCHEMA = schemathesis.openapi.from_path(COMMITTED, config=CONFIG)
ROLES = ["coordinator", "volunteer", "admin"]
BASE_URL = "http://localhost"  # in-process: the WSGI app is called directly
EXAMPLES = 8
# Operations whose bearer token is not the caller's access token, or that end it.
FRESH_TOKEN = {"/api/v1/auth/signout", "/api/v1/auth/password", "/api/v1/auth/refresh"}
# Issue 10 reworks POST /proposals/decisions (per-item versions, an empty body refused);
# until then its empty body is accepted, which the negative check would report.
PENDING: dict[tuple[str, str], list[Any]] = {}  # checks an operation is excused from

CURRENT: dict[str, Any] = {}  # the app, world and role of the running test


@SCHEMA.auth(refresh_interval=None, retry_on=[])
class Bearer:
    """The running test's role; a fresh pair for the operations that spend or end one."""

    def get(self, case: Any, context: Any) -> str:
        if "role" not in CURRENT:  # collection: no test is running yet
            return "none"
        world, role = CURRENT["world"], CURRENT["role"]
        if case.path in FRESH_TOKEN:
            tokens = world.tokens(CURRENT["app"], role)
            return str(
                tokens["refresh_token" if case.path.endswith("/refresh") else "access_token"]
            )
        return str(CURRENT["token"])

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


class World:
    """Committed once per worker: the accounts of each role and what they reach."""

    def __init__(self, session: Session) -> None:
        def account(role: str, n: int, **kwargs: Any) -> Any:
            return create_account(
                session,
                role=role,
                display_name=f"fuzz-{role}",
                password=TEST_PASSWORD,
                phone=f"1360000{n:04d}",
                **kwargs,
            )

        coordinator = account("coordinator", 1, areas=(JINJIANG,), region_code=JINJIANG)
        volunteer = account("volunteer", 2, region_code=ANHAI_VILLAGE)
        self.phones = {
            "coordinator": coordinator.phone,
            "volunteer": volunteer.phone,
            "admin": account("admin", 3).phone,
        }
        actor = Actor(
            id=coordinator.id,
            role=coordinator.role,
            area_paths=regions.area_paths([JINJIANG], session=session),
        )
        child = children.create(
            {**child_payload(), "birth_date": date(2012, 3, 7), "id_number": None},
            actor=actor,
            session=session,
        )
        children.record_consent(
            child,
            {
                "guardian_name": "林阿婆",
                "guardian_relation": "祖母",
                "given_on": date(2026, 1, 1),
                "scope": ["matching"],
                "evidence_ref": "E1",
            },
            actor=actor,
            session=session,
        )
        tutoring = {"category_code": "tutoring", "hours_per_week": 2.0}
        served = needs.create(child, tutoring, actor=actor, session=session)
        proposed = needs.create(child, tutoring, actor=actor, session=session)
        as_volunteer = Actor(id=volunteer.id, role=volunteer.role, area_paths=())
        profile = providers.save_volunteer(
            {"categories": ["tutoring"], "region_code": ANHAI_VILLAGE, "skills": ["math"]},
            actor=as_volunteer,
            session=session,
        )
        run = MatchRun(
            region_code=JINJIANG,
            trigger=RunTrigger.manual,
            status=RunStatus.succeeded,
            started_by=coordinator.id,
        )
        session.add(run)
        session.flush()
        for need, status in ((served, ProposalStatus.approved), (proposed, ProposalStatus.pending)):
            session.add(
                Proposal(
                    run_id=run.id,
                    need_id=need.id,
                    provider_type=ProviderType.volunteer,
                    provider_id=profile.id,
                    distance_km=1.0,
                    priority=10,
                    explanation={"code": "served"},
                    status=status,
                )
            )
        pairing = Pairing(
            need_id=served.id,
            provider_type=ProviderType.volunteer,
            provider_id=profile.id,
            status=PairingStatus.active,
            approved_by=coordinator.id,
        )
        session.add(pairing)
        session.flush()
        now = datetime.now(UTC)
        field.create_visit(
            {
                "pairing_id": pairing.id,
                "kind": "home_visit",
                "occurred_at": now - timedelta(hours=1),
                "duration_minutes": 60,
                "done": "辅导作业",
            },
            actor=as_volunteer,
            session=session,
        )
        field.file_report(
            {
                "danger": "neglect",
                "seen": "独自在家",
                "region_code": ANHAI_VILLAGE,
                "seen_at": now - timedelta(hours=2),
            },
            actor=as_volunteer,
            session=session,
        )

    def tokens(self, app: Any, role: str) -> dict[str, Any]:
        response = app.test_client().post(
            "/api/v1/auth/signin",
            json={"identifier": self.phones[role], "password": TEST_PASSWORD},
        )
        assert response.status_code == 200, response.json
        return dict(response.json)


@pytest.fixture(scope="module")
def fuzz_app(
    tmp_path_factory: pytest.TempPathFactory, pg_admin_url: str | None
) -> Iterator[tuple[Any, World]]:
    """One app per worker over a database of its own with the world committed in it."""
    name = None
    if pg_admin_url:
        url, name = _create_pg_database(pg_admin_url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite3'}"
        upgrade(url)
    app = create_app({**TEST_SETTINGS, "DATABASE_URL": url})
    engine = make_engine(url)
    with Session(engine) as session:
        seed_regions(session, villages_per_township=3)
        world = World(session)
        session.commit()
    app.config["FUZZ_ENGINE"] = engine
    try:
        yield app, world
    finally:
        engine.dispose()
        if pg_admin_url and name:
            _drop_pg_database(pg_admin_url, name)


@pytest.fixture
def fuzz(fuzz_app: tuple[Any, World]) -> Iterator[tuple[Any, World]]:
    """The worker's app, its requests in one transaction rolled back after the test."""
    app, world = fuzz_app
    engine = app.config["FUZZ_ENGINE"]
    connection = engine.connect()
    outer = connection.begin()
    db.engine = engine
    db.sessionmaker = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    CURRENT.update(app=app, world=world)
    try:
        yield app, world
    finally:
        outer.rollback()
        connection.close()


def _as(role: str, app: Any, world: World) -> None:
    CURRENT.update(role=role, token=world.tokens(app, role)["access_token"])


@pytest.mark.parametrize("role", ROLES)
@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_operation_conforms(case, role, fuzz):  # type: ignore[no-untyped-def]
    if role == "admin" and "admin" not in (case.operation.definition.raw.get("x-roles") or []):
        pytest.skip("fuzzed as admin only where admins are named; 403s are fuzzed as the others")
    app, world = fuzz
    _as(role, app, world)
    case.operation.schema.app = app  # the checks' own probes use the schema's transport
    excluded = PENDING.get((case.method.upper(), case.path))
    case.call_and_validate(base_url=BASE_URL, app=app, excluded_checks=excluded)


@pytest.mark.parametrize("role", ROLES)
def test_stateful_sequences_conform(role, fuzz):  # type: ignore[no-untyped-def]
    app, world = fuzz
    _as(role, app, world)
    SCHEMA.app = app
    machine = SCHEMA.as_state_machine()

    class Sequences(machine):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case):  # type: ignore[no-untyped-def]
            return {"base_url": BASE_URL, "app": app}

    Sequences.run(
        settings=settings(
            max_examples=6,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_every_operation_is_fuzzed() -> None:
    operations = [result.ok() for result in SCHEMA.get_all_operations()]
    assert len(operations) >= 85
    assert all(o.path.startswith("/api/v1/") for o in operations)
