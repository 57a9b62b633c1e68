"""One database per service: engine, sessions and a leader lock, the same on SQLite and PostgreSQL."""
from __future__ import annotations

import contextlib
import hashlib
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


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
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _fix_sqlite_transactions(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


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
    def transaction(self, correlation_id: str = "") -> Iterator[Session]:
        """A session whose work commits on success and rolls back entirely on any error.

        `correlation_id` names the request or event that caused the work; every event recorded
        in this transaction carries it.
        """
        with self.sessions() as session, session.begin():
            session.info["correlation_id"] = correlation_id
            yield session

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    @contextlib.contextmanager
    def leader_lock(self, name: str, stop=None, poll: float = 2.0) -> Iterator[bool]:
        """Hold a PostgreSQL advisory lock so that only one replica runs `name` at a time.

        Yields True once held, or False if `stop` was set while waiting. SQLite has one
        writer anyway, so there it is always True.
        """
        if not self.is_postgres:
            yield True
            return
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
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
