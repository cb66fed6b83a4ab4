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
