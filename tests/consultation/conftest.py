"""Consultation fixtures. Real here: PostgreSQL (a fresh migrated database per test) and the Flask app.

Events are read back from the service's outbox table, exactly as the relay would publish
them; the integration tests read them off the real RabbitMQ instead.
"""
from __future__ import annotations

import pytest


@pytest.fixture
def consultation(start_service):
    return start_service("consultation")


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
