from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.models import AuditEvent


def test_admin_queries_audit_by_user_action_and_time(client, accounts):
    admin = accounts.create("admin")
    volunteer = accounts.create("volunteer")
    accounts.tokens(volunteer)
    headers = accounts.headers(admin)
    rows = client.get(
        f"/api/v1/audit-events/?actor_id={volunteer.id}&action=auth.sign_in", headers=headers
    )
    assert rows.status_code == 200
    assert len(rows.json) == 1 and rows.json[0]["outcome"] == "success"
    assert rows.json[0]["ip"] == "127.0.0.1"
    assert "X-Pagination" in rows.headers
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    later = client.get("/api/v1/audit-events/", query_string={"since": future}, headers=headers)
    assert later.json == []


def test_audit_log_cannot_be_altered_through_the_api(client, accounts):
    headers = accounts.headers(accounts.create("admin"))
    for method in ("put", "patch", "delete", "post"):
        response = getattr(client, method)("/api/v1/audit-events/", headers=headers, json={})
        assert response.status_code == 405


def test_database_refuses_update_and_delete_of_audit_rows(accounts, db_session):
    accounts.tokens(accounts.create("volunteer"))
    event_id = db_session.query(AuditEvent.id).order_by(AuditEvent.id.desc()).first()[0]
    for statement in (
        "UPDATE audit_event SET action = 'x' WHERE id = :id",
        "DELETE FROM audit_event WHERE id = :id",
    ):
        nested = db_session.begin_nested()
        with pytest.raises(DatabaseError, match="append-only|permission denied"):
            db_session.execute(text(statement), {"id": event_id})
        nested.rollback()
