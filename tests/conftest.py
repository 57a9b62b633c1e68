"""Root fixtures. What is real here: RabbitMQ and PostgreSQL (never mocked).

They come from TEST_BROKER_URL / TEST_DATABASE_URL when set, else from testcontainers when a
Docker engine is reachable, else the tests that need them skip with a reason (and fail
when REQUIRE_SERVICES=1, as in CI). Domain-rule tests need neither.
"""
from __future__ import annotations

import os
import uuid

import pika
import pytest
from flask import Flask
from kombu import Connection

from shared.config import load_settings
from shared.web.auth import issue_token
from tests.support import oidc, services
from tests.support.databases import DatabaseFactory
from tests.support.pages import FormClient

# The engine tests build the images and run docker-compose on a Docker engine that .ci/compose-engine
# prepares (it sets ASN_BASE_IMAGE and runs them on their own, after `make test`). Anywhere else they
# are not collected at all, rather than reported as skipped.
if not os.environ.get("ASN_BASE_IMAGE"):
    collect_ignore = ["engine"]

SERVICES = ("personnel", "consultation", "survey", "reporting")
# Every app's test client posts forms with their CSRF token, as a browser would (tests/support/pages.py).
Flask.test_client_class = FormClient


@pytest.fixture(scope="session")
def broker_url(request):
    return services.broker_url(request)


@pytest.fixture(scope="session")
def database_server(request):
    factory = DatabaseFactory(services.database_url(request))
    yield factory
    factory.close()


@pytest.fixture
def queue_namespace():
    """A prefix for this test's queues, so that test runs in parallel never share one."""
    return f"t{uuid.uuid4().hex[:8]}."


@pytest.fixture
def exchange(broker_url, queue_namespace):
    """A unique events exchange per test; it and the test's queues are deleted afterwards."""
    name = f"asn.events.test-{uuid.uuid4().hex[:8]}"
    yield name
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    channel = conn.channel()
    for service in SERVICES:
        for suffix in ("events", "events.dlq", "replay", "replay.dlq", "inbound", "inbound.dlq"):
            channel.queue_delete(f"{queue_namespace}{service}.{suffix}")
    for ex in (name, f"{name}.dlx", f"{name}.inbound", f"{name}.replay"):
        channel.exchange_delete(ex)
    conn.close()


@pytest.fixture
def make_settings(broker_url, exchange, queue_namespace):
    def _make(service: str, db=None, **overrides):
        # Tests connect as one broker user; trust tests (tests/integration/test_broker_trust.py) use
        # a user per service, as deployments do.
        user = broker_url.split("://", 1)[1].split(":", 1)[0]
        values = dict(broker_url=broker_url, events_exchange=exchange, inbound_exchange=f"{exchange}.inbound",
                      jwt_secret="test-secret-at-least-32-bytes-long!!", migrate_on_start=False,
                      relay_poll_interval=0.01, queue_namespace=queue_namespace,
                      broker_publishers=",".join(f"{svc}={user}" for svc in SERVICES))
        if db is not None:
            values["database_url"] = db.url
        values.update(overrides)
        return load_settings(service, **values)

    return _make


@pytest.fixture
def tokens():
    settings = load_settings("tests", jwt_secret="test-secret-at-least-32-bytes-long!!")

    def _token(role: str, department: str | None = None, name: str | None = None) -> dict:
        """Authorization headers with an HS256 token for this role (and department, display name)."""
        return {"Authorization": f"Bearer {issue_token(settings, f'test-{role}', role, department, name=name)}"}

    return _token


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The test OpenID provider (tests/support/oidc.py), configured like deploy/keycloak/; one per session."""
    reason = oidc.unavailable_reason()
    if reason:
        services._unavailable(reason)
    provider = oidc.start_provider(tmp_path_factory.mktemp("oidc-provider"))
    yield provider
    provider.stop()


@pytest.fixture
def amqp_connection(broker_url):
    with Connection(broker_url) as conn:
        yield conn


class ServiceUnderTest:
    """One service wired to its own fresh PostgreSQL database and the test's exchange."""

    def __init__(self, service: str, settings, db, app):
        self.service, self.settings, self.db, self.app = service, settings, db, app
        self.client = app.test_client()

    def relay(self):
        from shared.relay import OutboxRelay

        return OutboxRelay(self.settings, self.db, self.app.extensions["asn"].tables["outbox"])

    def consumer(self):
        import importlib

        from shared.consumer import EventConsumer

        handlers = importlib.import_module(f"services.{self.service}.handlers")
        return EventConsumer(self.settings, self.db, self.app.extensions["asn"].tables["inbox"],
                             handlers.SUBSCRIPTIONS)


@pytest.fixture
def start_service(database_server, make_settings):
    started = []

    def _start(service: str, **overrides) -> ServiceUnderTest:
        import importlib

        db = database_server.fresh(service)
        started.append(db)
        settings = make_settings(service, db=db, **overrides)
        app = importlib.import_module(f"services.{service}.app").create_app(settings, db=db)
        app.config["TESTING"] = True
        return ServiceUnderTest(service, settings, db, app)

    yield _start
    for db in started:
        database_server.release(db)


@pytest.fixture
def personnel(start_service):
    return start_service("personnel")


@pytest.fixture
def reporting(start_service):
    return start_service("reporting")
