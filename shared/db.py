"""One database per service: engine, sessions and a leader lock, the same on SQLite and PostgreSQL."""
from __future__ import annotations

import contextlib
import hashlib
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Column, Select, Table, any_, bindparam, cast, create_engine, event, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.sql.expression import Executable
from sqlalchemy.types import ARRAY, JSON, Boolean, Date, DateTime, Integer, NullType, String

# SQLSTATEs that say "try again later", not "this will never work": serialization failure,
# deadlock, lock or statement time-out, the server shutting down or starting, too many
# connections, and every connection exception (class 08).
TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03", "53300"}


def is_transient(exc: BaseException) -> bool:
    """Whether a database error would likely go away by itself (an outage), rather than repeat (a bad row)."""
    if isinstance(exc, PoolTimeout):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    if sqlstate:
        return sqlstate in TRANSIENT_SQLSTATES or sqlstate.startswith("08")
    # No SQLSTATE at all: the driver never reached the server (refused, reset, SQLite busy).
    return isinstance(exc, OperationalError | InterfaceError)


def new_id() -> str:
    """An opaque identifier for a new row."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


def service_base() -> type[DeclarativeBase]:
    """A fresh declarative base, so each service's tables live in its own MetaData."""

    class ServiceBase(DeclarativeBase):
        pass

    return ServiceBase


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)
        _fix_sqlite_transactions(engine)
        return engine
    # hide_parameters: an error message (and so a log line) never carries the values of a row,
    # which may be a citizen's name, phone or complaint.
    engine = create_engine(url, pool_size=10, max_overflow=10, hide_parameters=True)
    _ping_when_idle(engine)
    return engine


# A pooled connection idle longer than this is pinged before use (a dead one is replaced), as
# pool_pre_ping would do for every checkout. A busy one is not: the ping was a round trip on every
# request (docs/performance.md), and the first error on a dead connection makes SQLAlchemy
# replace every connection opened before it anyway.
IDLE_PING_SECONDS = 1.0


def _ping_when_idle(engine: Engine) -> None:
    # SQLAlchemy's documented checkout recipe ("Disconnect Handling - Pessimistic", custom form):
    # DisconnectionError makes the pool discard this connection and check out another.
    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_conn, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_conn, record, _proxy):
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since <= IDLE_PING_SECONDS:
            return  # new, or busy
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            raise DisconnectionError(f"a pooled connection is dead: {exc}") from exc


def _fix_sqlite_transactions(engine: Engine) -> None:
    # pysqlite's own BEGIN handling breaks SAVEPOINT; SQLAlchemy documents this recipe.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine and session factory of one service."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextlib.contextmanager
    def transaction(self, correlation_id: str = "", actor=None) -> Iterator[Session]:
        """A session whose work commits on success and rolls back entirely on any error.

        `correlation_id` names the request or event that caused the work; every event recorded
        in this transaction carries it. `actor` is who acts (a Principal, or a callable that gives
        it): the outbox records them on every event (shared/outbox.py).
        """
        with self.sessions() as session, session.begin():
            session.info["correlation_id"] = correlation_id
            session.info["actor"] = actor
            yield session

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def lock(self, name: str) -> LeaderLock:
        return LeaderLock(self, name)

    @contextlib.contextmanager
    def leader_lock(self, name: str, stop=None, poll: float = 2.0) -> Iterator[bool]:
        """Hold a PostgreSQL advisory lock so that only one replica runs `name` at a time.

        Yields True once held, or False if `stop` was set while waiting. SQLite has one
        writer anyway, so there it is always True.
        """
        if not self.is_postgres:
            yield True
            return
        key = lock_key(name)
        conn = self.engine.connect()
        try:
            while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
                conn.rollback()
                if stop is not None and stop.is_set():
                    yield False
                    return
                time.sleep(poll)
            conn.commit()
            yield True
        finally:
            with contextlib.suppress(Exception):
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
            conn.close()


def lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class LeaderLock:
    """A PostgreSQL advisory lock that is checked, not assumed: `held()` before every unit of work.

    The lock lives as long as its database session. When the database restarts, that session
    and the lock are gone, and another replica may take the lock; so a leader asks `held()`
    before each batch and, when it has lost the lock, tries to take it again or stands by.
    SQLite has one writer anyway: there the lock is always held.
    """

    def __init__(self, db: Database, name: str):
        self.db, self.key, self.conn = db, lock_key(name), None

    def held(self) -> bool:
        """True if this process holds the lock now, taking it if it is free; False if another replica has it."""
        if not self.db.is_postgres:
            return True
        try:
            if self.conn is not None:
                owned = self.conn.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND pid = pg_backend_pid() AND ((classid::bigint << 32) | objid::bigint) = :k"),
                    {"k": self.key}).scalar()
                self.conn.rollback()
                if owned:
                    return True
                self.release()
            self.conn = self.db.engine.connect()
            taken = self.conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar()
            self.conn.commit()
            if not taken:
                self.release()
            return bool(taken)
        except DBAPIError:
            self.release()
            raise

    def release(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
                conn.commit()
            with contextlib.suppress(Exception):
                conn.invalidate()  # never hand a session that held a lock back to the pool
                conn.close()


def among(session: Session, column: Column, values: list):
    """`column IN (values)` for a long list: on PostgreSQL `column = ANY(one array parameter)`, the same plan
    (the server turns an IN list into that), but one short statement text that psycopg parses once,
    instead of a new text with a placeholder per value for every batch."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(cast(bindparam(None, list(values)), postgresql.ARRAY(column.type)))
    return column.in_(values)


def insert_for(session: Session):
    """The dialect's `insert` construct, which has on_conflict_do_update / do_nothing (PostgreSQL in
    production, SQLite in all-in-one mode)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def insert_many(session: Session, table: Table, rows: list[dict]):
    """One INSERT of many rows (all with the same keys), as (statement, parameters) for session.execute.

    The statement is the dialect's insert, so the caller may add ON CONFLICT or RETURNING. On
    PostgreSQL it is `INSERT ... SELECT ... FROM unnest(one array per column) WITH ORDINALITY ORDER BY
    ordinality`: one short statement whatever the row count, so psycopg parses its text once and
    caches it, and the rows go in in the given order. An executemany sends one statement per row, and
    a 500-row VALUES list costs more to build and parse in the client than the server's whole work
    (half the client CPU of either, measured in docs/performance.md). SQLite (all-in-one mode), and a
    table with JSON or array columns (which PostgreSQL cannot take as arrays of arrays): executemany.
    """
    if session.get_bind().dialect.name != "postgresql":
        return sqlite.insert(table), rows
    names = list(rows[0])
    if any(isinstance(table.c[name].type, JSON | ARRAY) for name in names):  # no array of those: executemany
        return postgresql.insert(table), rows
    arrays = [cast(bindparam(f"many_{name}"), postgresql.ARRAY(table.c[name].type)) for name in names]
    given = func.unnest(*arrays).table_valued(*names, with_ordinality="ordinality").render_derived()
    stmt = postgresql.insert(table).from_select(names, select(*(given.c[name] for name in names))
                                                .order_by(given.c.ordinality))
    return stmt, {f"many_{name}": [row[name] for row in rows] for name in names}


def paginate(session: Session, query: Select, args: dict) -> dict:
    """One page of a query: `{items, page, page_size, total}` for `args` with `page` and `page_size`."""
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    page, size = args.get("page", 1), args.get("page_size", 50)
    items = session.execute(query.limit(size).offset((page - 1) * size)).scalars().all()
    return {"items": items, "page": page, "page_size": size, "total": total}


class HotStatement:
    """A Core statement compiled once and run on psycopg's own connection, for the hot write path only.

    SQLAlchemy's work around each execution (an execution context, parameter processing, a result
    object) is half the CPU of a short statement: 120 µs against 60 µs on the driver for a
    two-parameter SELECT (docs/performance.md, "Personnel's write path"). What SQLAlchemy does on an
    error is kept: a driver error is raised as SQLAlchemy's DBAPIError subclass (so the API's error
    handlers answer as before: a 409 for an IntegrityError, a 422 for a DataError, a 500 that never
    logs the row otherwise), and a connection the dialect calls dead is invalidated (so the pool
    replaces it). Values go to psycopg as they are, so every parameter must be of a type psycopg
    adapts itself (checked when compiling). SQLite (all-in-one mode) runs the statement through
    SQLAlchemy as usual.
    """

    PLAIN_TYPES = (String, Integer, Date, DateTime, Boolean, NullType)

    def __init__(self, statement: Executable):
        self.statement = statement
        self._sql: str | None = None
        self._fixed: dict = {}  # the values the statement carries itself (a literal(), a bindparam with a value)

    def _compiled_sql(self, connection: Connection) -> str:
        if self._sql is None:
            compiled: Compiled = self.statement.compile(dialect=connection.dialect)
            odd = [name for name, bind in compiled.binds.items()
                   if not isinstance(bind.type, self.PLAIN_TYPES) or bind.expanding or bind.callable is not None]
            if odd:
                raise TypeError(f"HotStatement: parameters {odd} need SQLAlchemy's processing")
            self._fixed = {name: bind.value for name, bind in compiled.binds.items() if not bind.required}
            self._sql = compiled.string
        return self._sql

    def rows(self, connection: Connection, params: dict) -> list[tuple]:
        """The statement's rows (RETURNING or SELECT), inside the connection's transaction."""
        if connection.dialect.name != "postgresql":
            return connection.execute(self.statement, params).all()
        return self._run(connection, params).fetchall()

    def count(self, connection: Connection, params: dict) -> int:
        """How many rows the statement wrote, inside the connection's transaction (no RETURNING needed:
        a result with columns costs psycopg more to set up than the count)."""
        if connection.dialect.name != "postgresql":
            return connection.execute(self.statement, params).rowcount
        return self._run(connection, params).rowcount

    def _run(self, connection: Connection, params: dict):
        sql = self._compiled_sql(connection)
        if self._fixed:
            params = {**self._fixed, **params}
        driver = connection.connection.driver_connection
        try:
            return driver.execute(sql, params)
        except connection.dialect.loaded_dbapi.Error as exc:
            dead = connection.dialect.is_disconnect(exc, driver, None)
            if dead:
                connection.invalidate(exc)
            raise DBAPIError.instance(sql, params, exc, connection.dialect.loaded_dbapi.Error, hide_parameters=True,
                                      connection_invalidated=dead, dialect=connection.dialect) from exc
