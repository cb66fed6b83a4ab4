"""Idempotency keys: by user, method, path and body; nothing of the response kept but what a
replay needs; entries expire; a key claimed by a concurrent request never answers 500."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from app.db import utcnow
from app.models import IdempotentRequest, ReportEvent, UrgentReport
from app.services import idempotency
from tests.conftest import ANHAI_VILLAGE


def _report(**extra):
    return {
        "danger": "neglect",
        "seen": "两个孩子晚上独自在家",
        "region_code": ANHAI_VILLAGE,
        "seen_at": "2026-01-01T20:00:00+08:00",
        **extra,
    }


def test_a_key_is_bound_to_the_path_not_only_to_the_body(client, accounts, db_session):
    headers = accounts.headers(accounts.create("volunteer"))
    first = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers).json
    second = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers).json
    key = {"Idempotency-Key": str(uuid.uuid4())}
    note = {"note": "邻居说父母下周回来"}
    added = client.post(
        f"/api/v1/urgent-reports/{first['id']}/events", json=note, headers={**headers, **key}
    )
    assert added.status_code == 201
    # The same key and body on another report is another request: refused, not replayed.
    elsewhere = client.post(
        f"/api/v1/urgent-reports/{second['id']}/events", json=note, headers={**headers, **key}
    )
    assert elsewhere.status_code == 422 and "Idempotency-Key" in elsewhere.json["errors"]
    nowhere = client.post(
        "/api/v1/urgent-reports/999999/events", json=note, headers={**headers, **key}
    )
    assert nowhere.status_code == 422
    again = client.post(
        f"/api/v1/urgent-reports/{first['id']}/events", json=note, headers={**headers, **key}
    )
    assert again.status_code == 201 and again.json["id"] == added.json["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    notes = db_session.scalar(
        select(func.count()).select_from(ReportEvent).where(ReportEvent.report_id == second["id"])
    )
    assert notes == 1  # only "filed"


def test_only_what_a_replay_needs_is_kept(client, accounts, db_session):
    headers = {
        **accounts.headers(accounts.create("volunteer")),
        "Idempotency-Key": str(uuid.uuid4()),
    }
    created = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers)
    assert created.status_code == 201
    assert created.headers["Location"].endswith(f"/api/v1/urgent-reports/{created.json['id']}")
    row = db_session.execute(text("SELECT * FROM idempotent_request")).mappings().one()
    assert set(row) == {
        "id",
        "user_id",
        "key",
        "request_hash",
        "status_code",
        "location",
        "resource_id",
        "created_at",
    }
    assert row["status_code"] == 201 and row["resource_id"] == str(created.json["id"])
    replay = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers)
    assert replay.status_code == 201 and replay.json == created.json
    assert replay.headers["Location"] == created.headers["Location"]


def test_keys_expire_after_seven_days_and_the_purge_drops_them(client, accounts, db_session):
    headers = {
        **accounts.headers(accounts.create("volunteer")),
        "Idempotency-Key": str(uuid.uuid4()),
    }
    first = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers).json
    row = db_session.scalar(select(IdempotentRequest))
    row.created_at = utcnow() - timedelta(days=8)
    db_session.commit()
    # Past retention the key is free again: this is a new request.
    later = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers)
    assert later.status_code == 201 and later.json["id"] != first["id"]
    assert "Idempotent-Replayed" not in later.headers
    db_session.expire_all()
    assert idempotency.purge_expired(db_session, utcnow()) == 0  # the expired one was replaced
    assert idempotency.purge_expired(db_session, utcnow() + timedelta(days=8)) == 1
    assert db_session.scalar(select(func.count()).select_from(IdempotentRequest)) == 0


def test_a_key_claimed_by_a_concurrent_request_replays_it(
    client, accounts, db_session, monkeypatch
):
    """The second of two simultaneous requests does not see the first's entry when it looks
    (simulated), then meets it on the unique key: it answers the first's result, not 500."""
    headers = {
        **accounts.headers(accounts.create("volunteer")),
        "Idempotency-Key": str(uuid.uuid4()),
    }
    first = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers)
    looked: list[int] = []
    real_find = idempotency.find

    def late_find(session, user_id, key):  # type: ignore[no-untyped-def]
        looked.append(1)
        return None if len(looked) == 1 else real_find(session, user_id, key)

    monkeypatch.setattr(idempotency, "find", late_find)
    second = client.post("/api/v1/urgent-reports/", json=_report(), headers=headers)
    assert second.status_code == 201, second.json
    assert second.json["id"] == first.json["id"]
    assert db_session.scalar(select(func.count()).select_from(UrgentReport)) == 1


def test_keys_are_printable_ascii(client, accounts):
    headers = accounts.headers(accounts.create("volunteer"))
    for key in ("short", "x" * 129, "键" * 10, "abc def ghi"):
        response = client.post(
            "/api/v1/urgent-reports/",
            json=_report(),
            headers={**headers, "Idempotency-Key": key.encode().decode("latin-1")},
        )
        assert response.status_code == 422, key


@pytest.mark.usefixtures("committed_app")
def test_two_simultaneous_requests_with_one_key_make_one_report(committed_app, monkeypatch):
    """Real concurrency on PostgreSQL: two threads, one key. One request does the work; the
    other waits on the key's unique index and replays it (or is told to retry): no 500."""
    from app.services import field

    app, headers = committed_app
    slow = field.file_report

    def file_slowly(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # both requests are inside their transactions at once
        return slow(*args, **kwargs)

    monkeypatch.setattr(field, "file_report", file_slowly)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def post() -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post(
            "/api/v1/urgent-reports/", json=_report(), headers={**headers, **key}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) in ([201, 201], [201, 409]), statuses
    from app.extensions import db

    with app.app_context(), db.session() as session:
        assert session.scalar(select(func.count()).select_from(UrgentReport)) == 1
