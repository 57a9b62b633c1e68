"""The connection pool: a connection the server closed while it idled is replaced before anyone uses it,
and a busy one is not pinged on every checkout (shared/db.py)."""
import time

from sqlalchemy import text

import shared.db
from shared.db import Database


def backend_pid(db: Database) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar()


def test_a_connection_killed_while_idle_is_replaced_before_use(database_server, monkeypatch):
    db = database_server.blank("pool_idle")
    killed = backend_pid(db)  # the pool now holds this connection
    with Database(db.url).engine.connect() as admin:  # as a database restart or an idle time-out would
        assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed}).scalar()
    monkeypatch.setattr(shared.db, "IDLE_PING_SECONDS", 0.05)
    time.sleep(0.1)
    assert backend_pid(db) != killed  # no error: the dead connection was pinged, found dead, replaced


def test_a_busy_connection_is_not_pinged_and_an_idle_one_is(database_server, monkeypatch):
    db = database_server.blank("pool_busy")
    backend_pid(db)
    pings = []
    real_ping = db.engine.dialect.do_ping
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda conn: pings.append(1) or real_ping(conn))
    for _ in range(20):
        backend_pid(db)
    assert pings == []  # one round trip less per request
    monkeypatch.setattr(shared.db, "IDLE_PING_SECONDS", 0.05)
    time.sleep(0.1)
    backend_pid(db)
    assert pings == [1]
