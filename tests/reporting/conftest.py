"""Reporting's fixtures. Real here: PostgreSQL (a fresh, migrated database per test). Nothing is faked:
handlers are called directly with a session, exactly as the consumer calls them."""
from __future__ import annotations

import pytest

from services.reporting.db.models import plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.config import load_settings
from shared.envelope import parse_envelope
from shared.outbox import already_processed, mark_processed


class Feed:
    """Applies events the way the consumer does: tolerant-reader payload, inbox, handler, one transaction."""

    def __init__(self, db):
        self.db = db

    def __call__(self, *envelopes):
        with self.db.transaction() as session:
            for env in envelopes:
                env = parse_envelope(env.to_json())  # exactly what travels on the wire
                if already_processed(session, plumbing["inbox"], env.source, env.id):
                    continue
                sub = SUBSCRIPTIONS[env.type]
                sub.handle(session, env, sub.schema.load(env.data))
                mark_processed(session, plumbing["inbox"], env.source, env.id, env.type)


@pytest.fixture
def client(rdb):
    """Reporting's web app on the fresh database (no broker needed to read reports)."""
    from services.reporting.app import create_app

    settings = load_settings("reporting", database_url=rdb.url, jwt_secret="test-secret-at-least-32-bytes-long!!",
                             migrate_on_start=False)
    app = create_app(settings, db=rdb)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.fixture
def rdb(database_server):
    return database_server.fresh("reporting")


@pytest.fixture
def feed(rdb):
    return Feed(rdb)
