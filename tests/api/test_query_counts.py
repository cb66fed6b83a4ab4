"""SQL statements per request of the phone's hot endpoints: each stays at or below today's
figure, whatever the number of pairings (no query per pairing), so a change that adds one
is seen here rather than in the load benchmark."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from tests.api.test_match_runs import build_county, pending, run_match

# The savepoints the tests' rollback isolation adds around each request's unit of work
# are not the application's statements.
_HARNESS = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I)

# Statements per request today (PostgreSQL and SQLite alike). Lower them when you can.
CEILINGS = {
    "GET /me/sync (first)": 5,  # actor, pairings, last visits, notifications, audit
    "GET /me/sync (since)": 3,  # actor, pairings (none changed), notifications
    "GET /me/pairings": 4,  # actor, pairings, last visits, audit
    "POST /visits/": 7,  # actor, claim, pairing, visit (its id checked), record, audit, done
    "GET /pairings/{id}": 3,  # actor, pairing with need and child, consents (coordinators')
}


@contextmanager
def counted(engine: Any) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not _HARNESS.match(statement):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture
def volunteer(client, accounts, coordinator, coord_headers, db_session):
    """A volunteer with two pairings awaiting acceptance, and the means to accept them."""
    county = build_county(db_session, coordinator, children_n=2, volunteers_n=1)
    run_match(client, coord_headers)
    proposals = pending(client, coord_headers)
    assert len(proposals) == 2, proposals
    pairings = []
    for proposal in proposals:
        url = f"/api/v1/proposals/{proposal['id']}"
        etag = client.get(url, headers=coord_headers).headers["ETag"]
        approval = client.post(f"{url}/approval", headers={**coord_headers, "If-Match": etag})
        assert approval.status_code == 201, approval.json
        pairings.append(approval.json["id"])
    user, _ = county["volunteers"][0]
    return {"headers": accounts.headers(user), "pairings": pairings}


def _visit(pairing_id: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "pairing_id": pairing_id,
        "kind": "home_visit",
        "duration_minutes": 45,
        "occurred_at": datetime.now(UTC).isoformat(),
        "done": "陪伴阅读",
        "lat": 24.72,
        "lon": 118.46,
        "coord_system": "gcj02",
    }


def measure(client: Any, engine: Any, headers: dict[str, str], pairing_id: int) -> dict:
    out = {}

    def run(name: str, method: str, url: str, status: int = 200, **kwargs: Any) -> Any:
        kwargs["headers"] = {**headers, **kwargs.get("headers", {})}
        with counted(engine) as statements:
            response = client.open(url, method=method, **kwargs)
        assert response.status_code == status, (name, response.json)
        out[name] = len(statements)
        return response

    first = run("GET /me/sync (first)", "GET", "/api/v1/me/sync")
    run(
        "GET /me/sync (since)",
        "GET",
        "/api/v1/me/sync",
        query_string={"since": first.json["watermark"]},
    )
    run("GET /me/pairings", "GET", "/api/v1/me/pairings")
    run(
        "POST /visits/",
        "POST",
        "/api/v1/visits/",
        status=201,
        json=_visit(pairing_id),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    run("GET /pairings/{id}", "GET", f"/api/v1/pairings/{pairing_id}")
    return out


def test_hot_endpoints_stay_within_their_statement_counts(client, volunteer, engine):
    headers, (one, two) = volunteer["headers"], volunteer["pairings"]
    for pid in (one, two):
        accepted = client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
        assert accepted.status_code == 200, accepted.json
    counts = measure(client, engine, headers, one)
    over = {name: (n, CEILINGS[name]) for name, n in counts.items() if n > CEILINGS[name]}
    assert not over, f"more SQL statements per request than allowed (got, ceiling): {over}"


def test_statements_do_not_grow_with_the_pairings(client, volunteer, engine):
    headers, (one, two) = volunteer["headers"], volunteer["pairings"]
    assert client.post(f"/api/v1/pairings/{one}/acceptance", headers=headers).status_code == 200
    with_one = measure(client, engine, headers, one)
    assert client.post(f"/api/v1/pairings/{two}/acceptance", headers=headers).status_code == 200
    with_two = measure(client, engine, headers, one)
    assert with_two == with_one


def test_the_account_and_the_tokens_revocation_are_one_query(client, accounts, engine):
    headers = accounts.headers(accounts.create("volunteer"))
    with counted(engine) as statements:
        assert client.get("/api/v1/me/hours", headers=headers).status_code == 200
    # the actor (with the revocation check), the hours
    assert len(statements) == 2, statements
