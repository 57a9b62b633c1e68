"""Fixtures of personnel's API tests. What is real: PostgreSQL and the Flask app with real JWTs.
Nothing is faked; the broker is not needed here, since an event is checked where the
transactional outbox leaves it.

One migrated database serves the whole run and is emptied before each test: creating and
dropping a PostgreSQL database per test costs about a second each, emptying it a few milliseconds.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from services.personnel.app import create_app
from services.personnel.db.models import metadata, plumbing
from tests.conftest import ServiceUnderTest
from tests.support import seed

OUTBOX = plumbing["outbox"]


def outbox_events(db, type_prefix: str = "personnel.") -> list[dict]:
    """The events personnel has recorded, oldest first, as their CloudEvents envelopes."""
    with db.sessions() as s:
        rows = s.execute(select(OUTBOX.c.body).where(OUTBOX.c.type.startswith(type_prefix))
                         .order_by(OUTBOX.c.id)).scalars().all()
    return [json.loads(body) for body in rows]


def count(db, table) -> int:
    with db.sessions() as s:
        return s.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture(scope="session")
def personnel_database(database_server):
    return database_server.fresh("personnel")


@pytest.fixture
def personnel(personnel_database, make_settings):
    """The personnel service on an emptied database (overrides the root fixture of the same name)."""
    with personnel_database.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):  # DELETE beats TRUNCATE on tiny tables
            conn.execute(table.delete())
    settings = make_settings("personnel", db=personnel_database)
    app = create_app(settings, db=personnel_database)
    app.config["TESTING"] = True
    return ServiceUnderTest("personnel", settings, personnel_database, app)


class Api:
    """The personnel service with two departments (DINKES, DISDIK) and one programme, and its callers."""

    def __init__(self, svc, tokens):
        self.svc, self.client, self.db = svc, svc.client, svc.db
        self.admin = tokens("admin")
        self.viewer = tokens("viewer")
        self.dinkes = tokens("operator", "DINKES")
        self.disdik = tokens("operator", "DISDIK")
        seed.department(self.client, self.admin, "DINKES", "Dinas Kesehatan")
        seed.department(self.client, self.admin, "DISDIK", "Dinas Pendidikan")

    def employee(self, department_code="DINKES", **kwargs) -> dict:
        return seed.employee(self.client, self.admin, department_code=department_code, **kwargs)

    def events(self, type_prefix: str = "personnel.") -> list[dict]:
        return outbox_events(self.db, type_prefix)


@pytest.fixture
def api(personnel, tokens):
    return Api(personnel, tokens)
