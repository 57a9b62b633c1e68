"""Where tests find real RabbitMQ and PostgreSQL: TEST_* URLs, else testcontainers, else a skip.

CI sets REQUIRE_SERVICES=1, and then a missing service fails the run instead of skipping.
"""
from __future__ import annotations

import os

import pytest


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def docker_available() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001 - no engine, no socket, no permission: all mean "no"
        return False


def _start(container) -> None:
    """Start a testcontainer; an engine that cannot pull its image (no registry reachable) counts as none."""
    try:
        container.start()
    except Exception as exc:  # noqa: BLE001 - docker's API errors, time-outs: all mean "not here"
        _unavailable(f"a Docker engine answers but {container.image} cannot be started: {exc}"[:300])


def broker_url(request) -> str:
    url = os.environ.get("TEST_BROKER_URL")
    if url:
        return url
    if docker_available():
        from testcontainers.rabbitmq import RabbitMqContainer

        container = RabbitMqContainer("rabbitmq:3.13-management")
        _start(container)
        request.addfinalizer(container.stop)
        params = container.get_connection_params()
        return f"amqp://guest:guest@{params.host}:{params.port}//"
    _unavailable("no RabbitMQ: set TEST_BROKER_URL or make a Docker engine reachable")


def database_url(request) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    if docker_available():
        from testcontainers.postgres import PostgresContainer

        container = PostgresContainer("postgres:16-alpine", driver="psycopg")
        _start(container)
        request.addfinalizer(container.stop)
        return container.get_connection_url()
    _unavailable("no PostgreSQL: set TEST_DATABASE_URL or make a Docker engine reachable")
