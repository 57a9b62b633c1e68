"""The replay responder: on request, a service's whole outbox arrives in order on the named queue, then a marker.

Real RabbitMQ and PostgreSQL; the request is sent and the replay read with plain pika, as
another city system (or reporting's rebuild) would.
"""
import json
import threading
import time
import uuid
from datetime import UTC, datetime

import pika
import pytest
from sqlalchemy import update

from services.reporting.db.models import plumbing
from shared.envelope import Envelope
from shared.outbox import record_event
from shared.replay import COMPLETE_HEADER, REQUEST_TYPE, ReplayResponder, reply_queue_name

OUTBOX = plumbing["outbox"]


@pytest.fixture
def producer(database_server, make_settings, broker_url):
    """A stand-in 'personnel' with three events in its outbox (one already published), and its responder."""
    db = database_server.fresh("reporting")  # any service schema has the outbox table
    settings = make_settings("personnel", db=db)
    with db.transaction() as session:
        events = [record_event(session, OUTBOX, source="/asn/personnel", type=type_, subject=subject,
                               data={"n": i}, sequence=1)
                  for i, (type_, subject) in enumerate([("personnel.department.created", "DINKES"),
                                                        ("personnel.employee.registered", "emp-1"),
                                                        ("personnel.training.recorded", "rec-1")])]
        session.execute(update(OUTBOX).where(OUTBOX.c.event_id == events[0].id).values(published_at=datetime.now(UTC)))
    queue_name = f"personnel.replay.test-{uuid.uuid4().hex[:8]}"
    responder = ReplayResponder(settings, db, OUTBOX, batch_size=2, queue_name=queue_name)
    stop, ready = threading.Event(), threading.Event()
    thread = threading.Thread(target=responder.run, args=(stop, ready), daemon=True)
    thread.start()
    assert ready.wait(15), "the responder did not start"
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    channel = conn.channel()
    channel.confirm_delivery()
    yield settings, events, channel
    stop.set()
    thread.join(30)
    channel.queue_delete(queue_name)
    conn.close()


def request(channel, settings, queue, service, user_id="guest", types=None):
    env = Envelope(type=REQUEST_TYPE, source="/asn/reporting", subject=queue, sequence=0,
                   data={"queue": queue, "request_id": "req-1", "service": service, "types": types})
    channel.basic_publish(settings.events_exchange, REQUEST_TYPE, env.to_json(), pika.BasicProperties(
        content_type="application/cloudevents+json", message_id=env.id, type=env.type, delivery_mode=2,
        user_id=user_id))


def answers_queue(channel, settings, name=None):
    """Reporting's private queue for the answers, bound to the replay exchange by its name."""
    name = name or reply_queue_name(settings, "reporting", uuid.uuid4().hex[:8])
    channel.exchange_declare(settings.replay_exchange, "direct", durable=True)
    channel.queue_declare(name, exclusive=True)
    channel.queue_bind(name, settings.replay_exchange, name)
    return name


def drain(channel, queue, until_marker=True, timeout=10.0):
    got, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            time.sleep(0.05)
            continue
        got.append((props, body))
        if until_marker and COMPLETE_HEADER in (props.headers or {}):
            break
    return got


def test_the_whole_outbox_is_replayed_in_order_then_the_end_marker(producer):
    settings, events, channel = producer
    target = answers_queue(channel, settings)
    request(channel, settings, target, "personnel")
    got = drain(channel, target)
    assert [p.message_id for p, _ in got[:-1]] == [e.id for e in events]  # the published one too
    assert [p.type for p, _ in got[:-1]] == [e.type for e in events]
    assert [json.loads(b)["id"] for _, b in got[:-1]] == [e.id for e in events]
    assert got[0][0].content_type == "application/cloudevents+json"
    marker_props, marker_body = got[-1]
    assert marker_props.headers[COMPLETE_HEADER] == "personnel"
    assert marker_props.headers["x-replay-events"] == 3
    assert json.loads(marker_body) == {"service": "personnel", "request_id": "req-1", "events": 3}


def test_a_request_for_another_service_is_left_to_that_service(producer):
    settings, _events, channel = producer
    target = answers_queue(channel, settings)
    request(channel, settings, target, "survey")
    assert drain(channel, target, until_marker=False, timeout=1.5) == []
    request(channel, settings, target, None)  # addressed to every producer
    got = drain(channel, target)
    assert len(got) == 4 and got[-1][0].headers[COMPLETE_HEADER] == "personnel"


def test_only_the_wanted_types_are_replayed(producer):
    settings, events, channel = producer
    target = answers_queue(channel, settings)
    request(channel, settings, target, "personnel", types=["personnel.department.*", "personnel.training.recorded"])
    got = drain(channel, target)
    assert [p.type for p, _ in got[:-1]] == ["personnel.department.created", "personnel.training.recorded"]
    assert got[-1][0].headers["x-replay-events"] == 2


def test_a_request_the_broker_does_not_vouch_for_gets_nothing(producer):
    settings, _events, channel = producer
    target = answers_queue(channel, settings)
    request(channel, settings, target, "personnel", user_id=None)  # no user_id: nobody vouches for it
    assert drain(channel, target, until_marker=False, timeout=1.5) == []


def test_answers_never_go_to_a_queue_of_someone_else(producer):
    settings, _events, channel = producer
    stranger = answers_queue(channel, settings, name=f"{settings.queue_namespace}survey.events-copy")
    request(channel, settings, stranger, "personnel")
    assert drain(channel, stranger, until_marker=False, timeout=1.5) == []
