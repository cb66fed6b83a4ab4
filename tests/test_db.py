"""bulk_insert: COPY on PostgreSQL, executemany on SQLite, the same rows either way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import bulk_insert
from app.models import AuditEvent


def test_bulk_insert_round_trips_types(db_session: Session) -> None:
    at = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    rows = [
        {
            "at": at,
            "action": "proposal.create",
            "object_type": "need",
            "object_id": str(i),
            "outcome": "success",
            "detail": {"run_id": i, "说明": "同行"} if i else None,
        }
        for i in range(3)
    ]
    bulk_insert(db_session, AuditEvent, rows)
    got = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "proposal.create").order_by(AuditEvent.id)
    ).all()
    assert [(e.object_id, e.detail, e.at) for e in got] == [
        ("0", None, at),
        ("1", {"run_id": 1, "说明": "同行"}, at),
        ("2", {"run_id": 2, "说明": "同行"}, at),
    ]


def test_bulk_insert_refuses_rows_without_python_defaults(db_session: Session) -> None:
    with pytest.raises(ValueError, match="outcome"):
        bulk_insert(db_session, AuditEvent, [{"at": datetime.now(UTC), "action": "x"}])
    bulk_insert(db_session, AuditEvent, [])  # nothing to do


def test_sqlite_transactions_that_read_then_write_wait_instead_of_failing(tmp_path) -> None:
    """Two workers on the embedded SQLite database: a request reads (the actor, a child's
    file), another commits a write meanwhile, then the first writes (the audit row of its
    read). With a deferred BEGIN the first request's snapshot is stale and SQLite refuses its
    write at once ("database is locked", no waiting); every transaction must take the write
    lock when it begins, so the second one waits its turn instead of failing."""
    import threading

    from sqlalchemy import text

    from app.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'two.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
        conn.execute(text("INSERT INTO t (v) VALUES ('a')"))

    read_done = threading.Event()
    other_done = threading.Event()
    errors: list[BaseException] = []

    def reader_then_writer() -> None:
        try:
            with engine.begin() as conn:
                conn.execute(text("SELECT count(*) FROM t")).scalar()
                read_done.set()
                other_done.wait(1)  # the other commits meanwhile, unless it waits for us
                conn.execute(text("INSERT INTO t (v) VALUES ('audit')"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            read_done.set()

    def other_writer() -> None:
        read_done.wait(5)
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO t (v) VALUES ('other')"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            other_done.set()

    threads = [threading.Thread(target=other_writer), threading.Thread(target=reader_then_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 3
    engine.dispose()
