"""Key rotation: re-encrypt every `Encrypted` column with the newest key.

Append-only tables (urgent reports' events) refuse UPDATE by trigger; a re-encryption leaves
what they say as it was, so rotation lifts the guard for itself, inside its transaction: on
PostgreSQL the guard lets an UPDATE through while `tongxing.key_rotation` is on (only the
owner, who runs rotation, has UPDATE on those tables at all); on SQLite the trigger is
dropped and made again before the transaction ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.crypto import Encrypted, cipher
from app.db import Base


def encrypted_columns() -> dict[str, tuple[str, list[str]]]:
    """table name -> (primary key column, encrypted column names)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for table in Base.metadata.sorted_tables:
        names = [c.name for c in table.columns if isinstance(c.type, Encrypted)]
        if names:
            found[table.name] = (table.primary_key.columns.values()[0].name, names)
    return found


def rotate_all(*, session: Session, batch: int = 1000) -> dict[str, int]:
    """Rotate the raw tokens (never decrypted into Python objects), in batches, inside the
    caller's transaction: all or nothing. On PostgreSQL with two roles, run it as the owner
    (`flask crypto rotate` does): the application's role may not UPDATE append-only tables."""
    counts: dict[str, int] = {}
    for name, (pk_name, columns) in encrypted_columns().items():
        with _updates_allowed(session, name):
            counts[name] = _rotate_table(session, name, pk_name, columns, batch)
    return counts


@contextmanager
def _updates_allowed(session: Session, table: str) -> Iterator[None]:
    if session.get_bind().dialect.name == "postgresql":
        # Local to the transaction: it ends with it, whatever the outcome.
        session.execute(sa.text("SELECT set_config('tongxing.key_rotation', 'on', true)"))
        yield
        return
    guards = session.execute(
        sa.text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t "
            "AND upper(sql) LIKE '%BEFORE UPDATE%'"
        ),
        {"t": table},
    ).all()
    for name, _sql in guards:
        session.execute(sa.text(f'DROP TRIGGER "{name}"'))
    try:
        yield
    finally:
        for _name, sql in guards:
            session.execute(sa.text(sql))


def _rotate_table(session: Session, name: str, pk_name: str, columns: list[str], batch: int) -> int:
    # A plain-text view of the table, so the Encrypted type does not get in the way.
    raw = sa.table(name, sa.column(pk_name), *(sa.column(c, sa.Text) for c in columns))
    pk = raw.c[pk_name]
    done, last = 0, None
    while True:
        stmt = sa.select(pk, *(raw.c[c] for c in columns)).order_by(pk).limit(batch)
        if last is not None:
            stmt = stmt.where(pk > last)
        rows = session.execute(stmt).all()
        if not rows:
            break
        for row in rows:
            values = {c: cipher().rotate(v) for c, v in zip(columns, row[1:], strict=True) if v}
            if values:
                session.execute(sa.update(raw).where(pk == row[0]).values(values))
                done += len(values)
        last = rows[-1][0]
    return done
