"""Fixtures: one migrated database per test session (SQLite by default, PostgreSQL when
TEST_DATABASE_URL points at it), a fresh app per test, isolation by transaction rollback."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from app import create_app
from app.db import make_engine
from app.demo import create_account, seed_regions
from app.migrate import upgrade

TEST_PASSWORD = "correct-horse-battery"
TEST_FIELD_KEY = "9rBiCRGnW0qK3mOZcZkq0a0m7u0Zr8M4Qn1cM7Zf7yI="
TEST_INDEX_KEY = "test-blind-index-key"


def _create_pg_database(admin_url: str) -> tuple[str, str]:
    """A fresh database on the PostgreSQL server, set up as production is (app/dbroles.py):
    migrated by its owner, used through a restricted role. Returns (the restricted role's
    URL, the database's name)."""
    from app.dbroles import create_roles, grant_app_role

    base = make_url(admin_url)
    name = f"tongxing_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    owner, app_role = f"{name}_owner", f"{name}_app"
    superuser = create_engine(base.set(database=name))
    with superuser.begin() as conn:
        create_roles(conn, database=name, owner=owner, app_role=app_role)
    superuser.dispose()
    owner_url = base.set(database=name, username=owner).render_as_string(hide_password=False)
    upgrade(owner_url)
    as_owner = create_engine(owner_url)
    with as_owner.begin() as conn:
        grant_app_role(conn, app_role)
    as_owner.dispose()
    return base.set(database=name, username=app_role).render_as_string(hide_password=False), name


def _drop_pg_database(admin_url: str, name: str) -> None:
    admin = create_engine(
        make_url(admin_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        for role in (f"{name}_app", f"{name}_owner"):
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_admin_url() -> str | None:
    """The server's superuser (TEST_DATABASE_URL): for creating and dropping databases."""
    configured = os.environ.get("TEST_DATABASE_URL")
    return configured if configured and configured.startswith("postgresql") else None


@pytest.fixture(scope="session")
def database_url(
    tmp_path_factory: pytest.TempPathFactory, pg_admin_url: str | None
) -> Iterator[str]:
    """SQLite, or on PostgreSQL the restricted application role's URL (tests run the app as
    production does: no DDL, append-only tables without UPDATE or DELETE)."""
    if pg_admin_url:
        url, name = _create_pg_database(pg_admin_url)
        try:
            yield _seed(url)
        finally:
            _drop_pg_database(pg_admin_url, name)
    else:
        path: Path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        url = f"sqlite:///{path}"
        upgrade(url)
        yield _seed(url)


def _seed(url: str) -> str:
    engine = make_engine(url)
    with Session(engine) as session:
        seed_regions(session, villages_per_township=3)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture
def committed_database(pg_admin_url: str | None) -> Iterator[str]:
    """A database of its own whose data is committed for real (tests of several processes
    or connections at once); PostgreSQL only. Migrated, nothing else."""
    if not pg_admin_url:
        pytest.skip("this test is about concurrent connections on PostgreSQL")
    url, name = _create_pg_database(pg_admin_url)
    try:
        yield url
    finally:
        _drop_pg_database(pg_admin_url, name)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    conn = engine.connect()
    outer = conn.begin()
    try:
        yield conn
    finally:
        outer.rollback()
        conn.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    return sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
def app_config(database_url: str, session_factory: sessionmaker[Session]) -> dict[str, Any]:
    return {
        **TEST_SETTINGS,
        "DATABASE_URL": database_url,
        "DATABASE_SESSIONMAKER": session_factory,
    }


TEST_SETTINGS: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "JWT_SECRET_KEY": "test-jwt-secret-with-enough-length-for-hs256",
    "RATELIMIT_ENABLED": False,
    "FIELD_ENCRYPTION_KEYS": [TEST_FIELD_KEY],
    "BLIND_INDEX_KEY": TEST_INDEX_KEY,
    # The cheapest Argon2id: hashing dominated the suite's time at the production cost.
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 8,
    "ARGON2_PARALLELISM": 1,
    # Celery's own test mode: a task runs in the caller's process when it is enqueued; the
    # real broker and worker processes are exercised by the tests that need them.
    "CELERY_BROKER_URL": "memory://localhost/",
    "CELERY_TASK_ALWAYS_EAGER": True,
    "MATCH_WORKERS": 1,
}


@pytest.fixture
def app(app_config: dict[str, Any]):  # type: ignore[no-untyped-def]
    return create_app(app_config)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def db_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    session = session_factory()
    yield session
    session.close()


class Accounts:
    """Creates accounts and signs them in through the API."""

    def __init__(self, client: Any, session: Session) -> None:
        self.client = client
        self.session = session
        self._n = 0

    def create(
        self,
        role: str,
        *,
        region: str | None = None,
        areas: tuple[str, ...] = (),
        name: str | None = None,
    ) -> Any:
        self._n += 1
        phone = f"139{uuid.uuid4().int % 10**8:08d}"
        user = create_account(
            self.session,
            role=role,
            display_name=name or f"{role}-{self._n}",
            password=TEST_PASSWORD,
            phone=phone,
            region_code=region,
            areas=areas,
        )
        self.session.commit()
        return user

    def tokens(self, user: Any) -> dict[str, Any]:
        response = self.client.post(
            "/api/v1/auth/signin", json={"identifier": user.phone, "password": TEST_PASSWORD}
        )
        assert response.status_code == 200, response.json
        return response.json

    def headers(self, user: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens(user)['access_token']}"}


@pytest.fixture
def accounts(client: Any, db_session: Session) -> Accounts:
    return Accounts(client, db_session)


# Regions used across tests: Jinjiang (demo county) and its neighbour Shishi.
JINJIANG = "350582000000"
ANHAI = "350582100000"  # a township of Jinjiang
ANHAI_VILLAGE = "350582100201"
CIZAO_VILLAGE = "350582101201"  # another township's village, same county
SHISHI = "350581000000"  # the next county


# A valid 18-digit resident ID (check digit per GB 11643) for a child born 2015-03-07.
CHILD_ID_NUMBER = "350582201503070012"


def child_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "name": "林小雨",
        "id_number": CHILD_ID_NUMBER,
        "gender": "female",
        "phone": "13905950000",
        "address": "安海镇东村12号",
        "region_code": ANHAI_VILLAGE,
        "categories": ["left_behind"],
        "risk_level": "high",
        "guardian": {"name": "林阿婆", "relation": "祖母", "phone": "13905950001"},
        "entrusted_care": {
            "parents": [
                {
                    "name": "林大伟",
                    "relation": "父亲",
                    "work_place": "广东东莞",
                    "phone": "13905950002",
                }
            ],
            "carer": {"name": "林阿婆", "relation": "祖母", "phone": "13905950001"},
            "start": "2025-01-01",
            "end": "2027-12-31",
        },
    }
    payload.update(overrides)
    return {k: v for k, v in payload.items() if v is not None}


@pytest.fixture
def coordinator(accounts: Accounts) -> Any:
    return accounts.create("coordinator", areas=(JINJIANG,), region=JINJIANG)


@pytest.fixture
def coord_headers(accounts: Accounts, coordinator: Any) -> dict[str, str]:
    return accounts.headers(coordinator)


@pytest.fixture
def make_child(client: Any, coord_headers: dict[str, str]):  # type: ignore[no-untyped-def]
    def make(**overrides: Any) -> dict[str, Any]:
        response = client.post(
            "/api/v1/children/", json=child_payload(**overrides), headers=coord_headers
        )
        assert response.status_code == 201, response.json
        return response.json

    return make
