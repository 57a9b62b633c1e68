"""Fixtures of personnel's API tests. What is real: PostgreSQL (a fresh migrated database per test)
and the Flask app with real JWTs. Nothing is faked; the broker is not needed here, since an event
is checked where the transactional outbox leaves it.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from services.personnel.db.models import plumbing
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
