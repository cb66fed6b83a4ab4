"""PostgreSQL with two roles: an owner that runs migrations (and key rotation), and the
restricted role the application connects as.

The application's role reads and writes rows and nothing else: no DDL (it cannot create,
alter or drop a table, nor disable a trigger, which needs ownership), no TRUNCATE, and on the
append-only tables no UPDATE or DELETE (the audit log, urgent reports' events) or no DELETE
(urgent reports). The triggers that refuse those changes stay as a second guard.

`flask db roles` (as a superuser) creates both roles and hands the database to the owner;
`flask db upgrade` run as the owner then grants the application's role what it may do.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Table -> what the application's role may do with it beyond SELECT and INSERT.
APPEND_ONLY = {
    "audit_event": (),
    "urgent_report_event": (),
    "urgent_report": ("UPDATE",),
}


def _ident(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def _literal(value: str) -> str:
    """A SQL string literal (standard_conforming_strings is on since PostgreSQL 9.1)."""
    return "'" + value.replace("'", "''") + "'"


def create_roles(
    connection: Connection,
    *,
    database: str,
    owner: str,
    app_role: str,
    owner_password: str | None = None,
    app_password: str | None = None,
) -> None:
    """As a superuser, connected to `database`: both roles (kept if they exist), the
    database and its public schema owned by `owner`, the application's role allowed to
    connect and use the schema, and the privileges on tables the owner creates later."""
    q = {name: _ident(connection, name) for name in (database, owner, app_role)}
    for role, password in ((owner, owner_password), (app_role, app_password)):
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": role}
        ).scalar()
        verb = "ALTER" if exists else "CREATE"
        secret = "" if password is None else f" PASSWORD {_literal(password)}"
        connection.exec_driver_sql(
            f"{verb} ROLE {q[role]} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE{secret}"
        )
    for statement in (
        f"ALTER DATABASE {q[database]} OWNER TO {q[owner]}",
        f"REVOKE ALL ON DATABASE {q[database]} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {q[database]} TO {q[app_role]}",
        f"ALTER SCHEMA public OWNER TO {q[owner]}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {q[app_role]}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {q[owner]} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {q[app_role]}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {q[owner]} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {q[app_role]}",
    ):
        connection.exec_driver_sql(statement)


def grant_app_role(connection: Connection, app_role: str) -> None:
    """As the owner, after migrating: rows of every table, less what append-only tables
    refuse. Idempotent; `flask db upgrade` runs it when DATABASE_APP_ROLE is set."""
    role = _ident(connection, app_role)
    statements = [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {role}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {role}",
    ]
    for table, extra in APPEND_ONLY.items():
        refused = sorted({"UPDATE", "DELETE"} - set(extra))
        statements.append(f"REVOKE {', '.join(refused)} ON {table} FROM {role}")
    for statement in statements:
        connection.exec_driver_sql(statement)
