"""Trust between departments on the real broker: one broker user per service and per partner, created
by the test from the project's own definitions (shared/broker_definitions.py) in a vhost of its own.

What is real: RabbitMQ with its users, permissions and topic permissions; the services' relay,
consumer and replay responder; PostgreSQL. What the broker refuses, it refuses here.
"""
import base64
import json
import threading
import urllib.request
import uuid
from dataclasses import replace
from urllib.parse import quote, urlparse

import pika
import pytest

from services.personnel.config import Config as PersonnelConfig
from services.personnel.worker import inbound_consumer
from services.reporting.db.models import plumbing as reporting_plumbing
from services.reporting.handlers import SUBSCRIPTIONS as REPORTING_SUBSCRIPTIONS
from shared.broker_definitions import SERVICES, definitions
from shared.consumer import EventConsumer
from shared.envelope import Envelope
from shared.partners import parse_partners
from shared.replay import ReplayResponder
from tests.support import seed
from tests.support.wire import training_event
from tests.support.workers import running, wait_for

PASSWORD = "trust-test-password-1234"


class Management:
    """The RabbitMQ management API of the test broker (its HTTP port beside the AMQP one)."""

    def __init__(self, broker_url: str):
        url = urlparse(broker_url)
        self.base = f"http://{url.hostname}:15672/api"
        self.auth = "Basic " + base64.b64encode(f"{url.username}:{url.password}".encode()).decode()

    def call(self, method: str, path: str, body=None):
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json", "Authorization": self.auth})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status


@pytest.fixture
def trust(broker_url, make_settings):
    """A vhost with the project's definitions: a user per service and a partner registered for DINKES."""
    suffix = uuid.uuid4().hex[:6]
    vhost = f"trust-{suffix}"
    users = {service: f"{service}-{suffix}" for service in SERVICES}
    partner = f"lms-{suffix}"
    partners = parse_partners({partner: {"sends": ["inbound.training.completed"], "departments": ["DINKES"],
                                         "reads": ["reporting.report.updated"]}})
    base = make_settings("broker-setup", broker_publishers=",".join(f"{s}={u}" for s, u in users.items()),
                         events_exchange="asn.events", inbound_exchange="asn.inbound", queue_namespace="")
    management = Management(broker_url)
    management.call("POST", "/definitions", definitions(
        base, {**{u: PASSWORD for u in users.values()}, partner: PASSWORD}, partners, vhost=vhost))
    host = urlparse(broker_url)

    def url_for(user: str) -> str:
        return f"amqp://{user}:{PASSWORD}@{host.hostname}:{host.port or 5672}/{quote(vhost, safe='')}"

    yield {"users": users, "partner": partner, "partners": partners, "url_for": url_for, "settings": base,
           "admin_url": f"amqp://{host.username}:{host.password}@{host.hostname}:{host.port or 5672}/"
                        f"{quote(vhost, safe='')}"}
    management.call("DELETE", f"/vhosts/{quote(vhost, safe='')}")
    for user in [*users.values(), partner]:
        management.call("DELETE", f"/users/{user}")


def channel_of(url: str):
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    return connection, channel


def refused(action) -> str | None:
    """The broker's refusal of an action (a closed channel), or None if it was allowed."""
    try:
        action()
    except (pika.exceptions.ChannelClosedByBroker, pika.exceptions.ConnectionClosedByBroker) as exc:
        return str(exc)
    return None


def test_a_service_may_publish_only_its_own_events(trust):
    connection, channel = channel_of(trust["url_for"](trust["users"]["survey"]))
    channel.confirm_delivery()
    env = training_event(jp=5000)
    forged = refused(lambda: channel.basic_publish("asn.events", env.type, env.to_json(), pika.BasicProperties(
        user_id=trust["users"]["survey"], message_id=env.id, type=env.type, delivery_mode=2)))
    assert forged is not None and "ACCESS_REFUSED" in forged
    connection.close()
    connection, channel = channel_of(trust["url_for"](trust["users"]["survey"]))
    channel.confirm_delivery()
    own = Envelope(type="survey.campaign.opened", source="/asn/survey", subject="c-1", data={}, sequence=1)
    assert refused(lambda: channel.basic_publish("asn.events", own.type, own.to_json(), pika.BasicProperties(
        user_id=trust["users"]["survey"], delivery_mode=2))) is None
    connection.close()


def test_nobody_may_publish_under_another_users_name(trust):
    connection, channel = channel_of(trust["url_for"](trust["users"]["personnel"]))
    channel.confirm_delivery()
    env = training_event()
    spoofed = refused(lambda: channel.basic_publish("asn.events", env.type, env.to_json(), pika.BasicProperties(
        user_id=trust["users"]["reporting"], delivery_mode=2)))
    assert spoofed is not None and "PRECONDITION_FAILED" in spoofed


def test_one_service_cannot_read_purge_or_delete_anothers_queue(trust):
    queue = "reporting.events"
    for action in (lambda ch: ch.basic_get(queue), lambda ch: ch.queue_purge(queue),
                   lambda ch: ch.queue_delete(queue), lambda ch: ch.queue_declare("reporting.events.copy")):
        connection, channel = channel_of(trust["url_for"](trust["users"]["survey"]))
        reason = refused(lambda action=action, channel=channel: action(channel))
        assert reason is not None and "ACCESS_REFUSED" in reason
        if connection.is_open:
            connection.close()
    connection, channel = channel_of(trust["url_for"](trust["users"]["reporting"]))
    assert channel.queue_declare(queue, passive=True).method.message_count == 0  # its own: fine
    connection.close()


def test_an_event_whose_sender_does_not_own_its_type_is_dead_lettered_with_the_reason(trust, reporting):
    settings = replace(reporting.settings, broker_url=trust["url_for"](trust["users"]["reporting"]),
                       events_exchange="asn.events", queue_namespace="",
                       broker_publishers=trust["settings"].broker_publishers)
    consumer = EventConsumer(settings, reporting.db, reporting_plumbing["inbox"], REPORTING_SUBSCRIPTIONS)
    # The administrator's user is allowed everywhere on the broker, but owns no event type.
    connection, channel = channel_of(trust["admin_url"])
    env = training_event(jp=5000)
    with running(consumer=consumer):
        channel.basic_publish("asn.events", env.type, env.to_json(), pika.BasicProperties(
            user_id=pika.URLParameters(trust["admin_url"]).credentials.username, message_id=env.id, delivery_mode=2))
        wait_for(lambda: consumer.dead_lettered_total == 1, message="the forged event dead-lettered")
    method, props, _body = channel.basic_get("reporting.events.dlq", auto_ack=True)
    assert method is not None and "provenance" in props.headers["x-dlq-reason"]
    assert f"only from broker user '{trust['users']['personnel']}'" in props.headers["x-dlq-reason"]
    assert consumer.applied_total == 0
    connection.close()


def test_a_strangers_replay_request_gets_nothing(trust, personnel):
    settings = replace(personnel.settings, broker_url=trust["url_for"](trust["users"]["personnel"]),
                       events_exchange="asn.events", queue_namespace="",
                       broker_publishers=trust["settings"].broker_publishers)
    responder = ReplayResponder(settings, personnel.db, personnel.app.extensions["asn"].tables["outbox"])
    connection, channel = channel_of(trust["admin_url"])
    target = "reporting.rebuild.stranger"
    channel.queue_declare(target, exclusive=True)
    channel.queue_bind(target, "asn.events.replay", target)
    request = Envelope(type="reporting.replay.requested", source="/asn/reporting", subject=target, sequence=0,
                       data={"queue": target, "request_id": "r-1", "service": None})
    stop, ready = threading.Event(), threading.Event()
    thread = threading.Thread(target=responder.run, args=(stop, ready), daemon=True)
    thread.start()
    assert ready.wait(15), "the responder did not start"
    try:
        channel.basic_publish("asn.events", request.type, request.to_json(), pika.BasicProperties(
            user_id=pika.URLParameters(trust["admin_url"]).credentials.username, delivery_mode=2))
        wait_for(lambda: responder.refused_total == 1, message="the request refused")
    finally:
        stop.set()
        thread.join(15)
    assert channel.queue_declare(target, passive=True).method.message_count == 0
    connection.close()


def test_a_partner_sends_only_its_registered_types_for_its_registered_departments(trust, personnel, tokens):
    admin = tokens("admin")
    seed.department(personnel.client, admin, code="DINKES")
    seed.department(personnel.client, admin, code="DINSOS", name="Dinas Sosial")
    seed.programme(personnel.client, admin, jp=12)
    nip = "198001012005011001"
    assert personnel.client.post("/api/v1/employees", json={"nip": nip, "name": "Budi", "employee_type": "PNS",
                                                             "department_code": "DINSOS"}, headers=admin).status_code == 201
    settings = replace(personnel.settings, broker_url=trust["url_for"](trust["users"]["personnel"]),
                       events_exchange="asn.events", inbound_exchange="asn.inbound", queue_namespace="",
                       broker_publishers=trust["settings"].broker_publishers)
    consumer = inbound_consumer(settings, personnel.db, PersonnelConfig(partners=trust["partners"]))
    partner = trust["partner"]
    connection, channel = channel_of(trust["url_for"](partner))
    channel.confirm_delivery()
    other_type = refused(lambda: channel.basic_publish("asn.inbound", "inbound.salary.paid", b"{}",
                                                       pika.BasicProperties(user_id=partner)))
    assert other_type is not None and "ACCESS_REFUSED" in other_type
    connection, channel = channel_of(trust["url_for"](partner))
    channel.confirm_delivery()
    event_id = str(uuid.uuid4())
    body = {"specversion": "1.0", "id": event_id, "source": "/lms/test", "type": "inbound.training.completed",
            "time": "2026-03-10T09:00:00Z", "subject": "x", "datacontenttype": "application/json",
            "dataschema": "urn:x", "sequence": 1, "correlationid": event_id,
            "data": {"nip": nip, "programme_code": "TEKNIS-01", "start_date": "2026-03-09", "end_date": "2026-03-10"}}
    with running(consumer=consumer):
        channel.basic_publish("asn.inbound", "inbound.training.completed", json.dumps(body).encode(),
                              pika.BasicProperties(user_id=partner, message_id=event_id, delivery_mode=2))
        wait_for(lambda: consumer.dead_lettered_total == 1, message="the DINSOS completion dead-lettered")
    admin_connection, admin_channel = channel_of(trust["admin_url"])
    method, props, _ = admin_channel.basic_get("personnel.inbound.dlq", auto_ack=True)
    assert method is not None and "No employee you may record training for" in props.headers["x-dlq-reason"]
    assert consumer.applied_total == 0
    connection.close()
    admin_connection.close()
