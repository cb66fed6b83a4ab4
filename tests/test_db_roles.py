"""On PostgreSQL the application runs as a restricted role: rows, no DDL, and the audit log
and urgent reports beyond the reach of UPDATE, DELETE, TRUNCATE and disabled triggers."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError


@pytest.fixture
def pg(connection):  # type: ignore[no-untyped-def]
    if connection.dialect.name != "postgresql":
        pytest.skip("database roles are PostgreSQL's")
    return connection


@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE audit_event",
        "ALTER TABLE audit_event DISABLE TRIGGER ALL",
        "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update",
        "DROP TRIGGER audit_event_no_update ON audit_event",
        "UPDATE audit_event SET action = 'x'",
        "DELETE FROM audit_event",
        "DELETE FROM urgent_report",
        "UPDATE urgent_report_event SET note = 'x'",
        "TRUNCATE urgent_report_event",
        "SELECT set_config('tongxing.key_rotation', 'on', true); "
        "UPDATE urgent_report_event SET note = 'x'",
        "CREATE TABLE smuggled (id int)",
        "DROP TABLE need",
        "ALTER TABLE need ADD COLUMN smuggled int",
        "CREATE FUNCTION smuggled() RETURNS int AS 'SELECT 1' LANGUAGE sql",
        "UPDATE alembic_version SET version_num = 'x'",
    ],
)
def test_the_application_role_cannot(pg, statement):
    with pytest.raises(DBAPIError) as refused, pg.begin_nested():
        pg.exec_driver_sql(statement)
    assert "permission denied" in str(refused.value) or "must be owner" in str(refused.value)


def test_the_application_role_reads_and_writes_rows(pg):
    user = pg.execute(text("SELECT current_user")).scalar_one()
    assert user.endswith("_app")
    assert (
        pg.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
        is False
    )
    pg.execute(
        text("INSERT INTO audit_event (at, action, outcome) VALUES (now(), 'test', 'success')")
    )
    assert pg.execute(text("SELECT count(*) FROM audit_event WHERE action = 'test'")).scalar() == 1
