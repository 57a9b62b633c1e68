"""Reporting's fixtures. Real here: PostgreSQL (a fresh, migrated database per test). Nothing is faked:
handlers are called directly with a session, exactly as the consumer calls them."""
from __future__ import annotations

import pytest

from shared.config import load_settings
from tests.reporting.feed import Feed


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
