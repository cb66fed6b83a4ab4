"""Database: declarative base with a naming convention, engine and session per app."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    TypeDecorator,
    any_,
    bindparam,
    create_engine,
    event,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import CursorResult, Engine, Result
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.selectable import TextualSelect

T = TypeVar("T")

# Stable constraint names so Alembic autogenerate diffs stay empty across databases.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def chunked(items: Sequence[T], size: int = 5000) -> Iterator[Sequence[T]]:
    """Slices small enough for an IN list (PostgreSQL takes at most 65,535 parameters)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def among(session: Session, column: Any, ids: Sequence[int]) -> Iterator[ColumnElement[bool]]:
    """`column IN ids` in as few statements as the database allows: one array parameter
    on PostgreSQL (`= ANY`: no statement of thousands of parameters to render, send and
    plan), `chunked` IN lists elsewhere. One clause per statement to run."""
    if not ids:
        return
    if session.get_bind().dialect.name == "postgresql":
        yield column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
        return
    for part in chunked(ids):
        yield column.in_(part)


def bulk_insert(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows inside the session's transaction: COPY on PostgreSQL (an order of
    magnitude faster than executemany for a province's proposals), one executemany of a
    plain INSERT elsewhere (the ORM's bulk insert spends more on each row than SQLite does).

    Python-side column defaults do not run under COPY, so every row must carry every
    column that has one (checked); server-side defaults and serial keys apply as usual.
    """
    if not rows:
        return
    table = cast(Table, model.__table__)
    names = list(rows[0])
    missing = [
        c.name
        for c in table.columns
        if c.default is not None and c.server_default is None and c.name not in names
    ]
    if missing:  # checked on every database, so SQLite tests catch what COPY would miss
        raise ValueError(f"bulk_insert into {table.name}: rows lack {missing}")
    session.flush()
    connection = session.connection()
    dialect = connection.dialect
    # the column types' own bind processors: enums to names, UTC instants, JSON wrappers,
    # encryption; applied here once per value, without the ORM's per-row bookkeeping
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
    quote = dialect.identifier_preparer
    columns = ", ".join(quote.quote(n) for n in names)
    raw = connection.connection.driver_connection
    assert raw is not None

    def values(row: dict[str, Any]) -> list[Any]:
        return [
            row[name] if process is None else process(row[name])
            for name, process in zip(names, processors, strict=True)
        ]

    if dialect.name != "postgresql":
        # one executemany of a prepared INSERT on the transaction's own connection
        assert dialect.paramstyle == "qmark", dialect.paramstyle
        sql = (
            f"INSERT INTO {quote.format_table(table)} ({columns}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        cursor = raw.cursor()
        try:
            cursor.executemany(sql, [values(row) for row in rows])
        finally:
            cursor.close()
        return
    sql = f"COPY {quote.format_table(table)} ({columns}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(values(row))


def insert_or_skip(
    table: Table, columns: Sequence[str], conflict: Sequence[str], returning: str
) -> TextualSelect:
    """`INSERT ... ON CONFLICT (conflict) DO NOTHING RETURNING returning` of `columns` (bound
    by name, processed by the columns' own types): no row comes back when the key is taken.
    Written as SQL text, the same on PostgreSQL and SQLite, because SQLAlchemy 2.0 does not
    cache the dialects' own ON CONFLICT constructs: they were compiled again on every
    execution. Build it once (the text is cached after its first compilation)."""

    def quoted(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    sql = (
        f"INSERT INTO {quoted(table.name)} ({', '.join(quoted(c) for c in columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)}) "
        f"ON CONFLICT ({', '.join(quoted(c) for c in conflict)}) DO NOTHING "
        f"RETURNING {quoted(returning)}"
    )
    return (
        text(sql)
        .bindparams(*(bindparam(c, type_=table.c[c].type) for c in columns))
        .columns(table.c[returning])
    )


def affected(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(cast(CursorResult[Any], result).rowcount)


def json_text_contains(column: Any, item: Any) -> Any:
    """SQL: the JSON column holds `item` (a string, or a one-key object inside a list of
    objects), matched on its serialised text, which is the same on every database. LIKE's
    `%` and `_` in the item are escaped: they match themselves, not everything."""
    # an object's braces dropped: '"skill": "math"' inside [{"skill": "math", ...}]
    fragment = json.dumps(item)[1:-1] if isinstance(item, dict) else json.dumps(item)
    return column.cast(Text()).contains(fragment, autoescape=True)


@contextmanager
def side_session(session: Session) -> Iterator[Session | None]:
    """Another session, on a connection of its own, for reading alongside `session` from
    another thread (two cores answer one slow report in half the time). It sees what
    `session` sees only while `session`'s transaction has written nothing: rows it wrote
    and has not committed are invisible to any other connection. So: on PostgreSQL, and
    only then; None otherwise, and the work stays in `session`. Both read committed data
    statement by statement, as `session` alone would under READ COMMITTED."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        yield None
        return
    if session.execute(text("SELECT txid_current_if_assigned()")).scalar() is not None:
        yield None
        return
    with Session(bind=bind.engine) as side:
        try:
            yield side
        finally:
            side.rollback()


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC instants on every database (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC instants")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_engine(url: str, **kwargs: object) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # Let SQLAlchemy, not pysqlite, emit BEGIN, so SAVEPOINTs work as documented.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # every transaction takes the write lock at BEGIN (below): a request waits up to
            # 15 s for a match run's read or write stage on the embedded database
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
            # IMMEDIATE: the write lock is taken when the transaction begins, waiting up to
            # the busy timeout. A deferred BEGIN that read first and writes later (a read of a
            # child's file writes its audit row) is refused at once when another process
            # committed meanwhile: its snapshot is stale, and SQLite cannot wait that away.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # No pre-ping: it costs a round trip on every checkout, i.e. every request. Connections
    # are recycled before a server or a middlebox drops them idle; one the server dropped
    # anyway fails its request (503, see `app.api.base`) and invalidates the pool.
    kwargs.setdefault("pool_recycle", 1800)
    return create_engine(url, pool_pre_ping=False, **kwargs)


class Database:
    """Holds the engine and session factory; bound to an app in `create_app()`."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.sessionmaker: sessionmaker[Session] | None = None

    def init(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back whole on any failure."""
        assert self.sessionmaker is not None
        session = self.sessionmaker()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
