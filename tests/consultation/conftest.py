"""Consultation fixtures. Real here: PostgreSQL (a fresh migrated database per test) and the Flask app.

Events are read back from the service's outbox table, exactly as the relay would publish
them; the integration tests read them off the real RabbitMQ instead. Personnel's departments
(DINKES, DISHUB, BKPSDM, DISDUKCAPIL) are given to consultation through its real handler of
personnel.department.created, as its consumer would apply them.
"""
from __future__ import annotations

import dataclasses

import pytest

from services.consultation.config import Config
from tests.consultation.helpers import seed_departments


@pytest.fixture
def consultation(start_service, tmp_path):
    """Consultation on a fresh database; attachments go to this test's own directory."""
    svc = start_service("consultation")
    context = svc.app.extensions["asn"]
    context.config = dataclasses.replace(context.config or Config(), attachments_dir=str(tmp_path / "attachments"))
    svc.config = context.config
    seed_departments(svc)
    return svc


@pytest.fixture
def admin(tokens):
    return tokens("admin")


@pytest.fixture
def dinkes(tokens):
    """The operator of Dinas Kesehatan."""
    return tokens("operator", "DINKES")


@pytest.fixture
def dishub(tokens):
    """The operator of Dinas Perhubungan."""
    return tokens("operator", "DISHUB")
