"""The transactional outbox on PostgreSQL: atomic with the business write, marked only after a confirm."""
import time

import pika
import pytest
from sqlalchemy import func, select

from services.personnel.db.models import Department, plumbing
from shared.relay import OutboxRelay
from tests.support import seed

OUTBOX = plumbing["outbox"]


def counts(db):
    with db.sessions() as s:
        return (s.execute(select(func.count()).select_from(Department)).scalar(),
                s.execute(select(func.count()).select_from(OUTBOX)).scalar())


def test_a_failed_request_leaves_neither_row_nor_event(personnel, tokens):
    admin = tokens("admin")
    # Parent does not exist: the view fails after it began writing; nothing may stay behind.
    resp = personnel.client.post("/api/v1/departments", json={
        "code": "KEL-X", "name": "Kelurahan X", "type": "kelurahan", "parent_code": "NO-SUCH"}, headers=admin)
    assert resp.status_code == 404
    assert counts(personnel.db) == (0, 0)


def test_a_crash_after_the_write_rolls_back_the_event_too(personnel):
    from services.personnel.events import emit

    with pytest.raises(RuntimeError), personnel.app.test_request_context(), personnel.db.transaction() as s:
        dep = Department(code="DINSOS", name="Dinas Sosial", type="dinas", status="active", version=1)
        s.add(dep)
        s.flush()
        emit(s, "personnel.department.created", dep.code, {"code": dep.code, "name": dep.name,
                                                            "type": "dinas", "parent_code": None,
                                                            "status": "active"}, 1)
        raise RuntimeError("the process died before commit")
    assert counts(personnel.db) == (0, 0)


def test_a_committed_request_leaves_both(personnel, tokens):
    seed.department(personnel.client, tokens("admin"))
    assert counts(personnel.db) == (1, 1)
    with personnel.db.sessions() as s:
        row = s.execute(select(OUTBOX)).one()
    assert row.type == "personnel.department.created" and row.published_at is None


def test_marked_published_only_after_the_broker_confirmed(personnel, tokens, broker_url):
    seed.department(personnel.client, tokens("admin"))
    relay = OutboxRelay(personnel.settings, personnel.db, OUTBOX)
    # Bind a queue first so the event is routable, then relay once.
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    ch = conn.channel()
    ch.exchange_declare(personnel.settings.events_exchange, "topic", durable=True)
    q = ch.queue_declare("", exclusive=True).method.queue
    ch.queue_bind(q, personnel.settings.events_exchange, "personnel.#")
    assert relay.publish_pending() == 1
    with personnel.db.sessions() as s:
        row = s.execute(select(OUTBOX)).one()
    assert row.published_at is not None and row.returned is False
    method, props, body = ch.basic_get(q, auto_ack=True)
    assert props.message_id == row.event_id
    conn.close()


def test_nothing_is_marked_when_the_broker_is_unreachable(personnel, tokens):
    from shared.publisher import PublishError

    seed.department(personnel.client, tokens("admin"))
    settings = personnel.settings.__class__(**{**personnel.settings.__dict__,
                                               "broker_url": "amqp://guest:guest@127.0.0.1:1/%2F"})
    relay = OutboxRelay(settings, personnel.db, OUTBOX)
    with pytest.raises((PublishError, OSError, Exception)):
        relay.publish_pending()
    with personnel.db.sessions() as s:
        assert s.execute(select(OUTBOX.c.published_at)).scalar() is None


def test_an_unroutable_event_is_retried_until_a_queue_takes_it(personnel, tokens, broker_url):
    seed.department(personnel.client, tokens("admin"))
    relay = OutboxRelay(personnel.settings, personnel.db, OUTBOX)
    assert relay.publish_pending() == 1  # no queue is bound: the broker returns it
    with personnel.db.sessions() as s:
        row = s.execute(select(OUTBOX)).one()
    assert row.returned is True and row.published_at is None  # flagged, still pending: never marked done
    assert relay.publish_pending() == 0  # held back for a while, not retried in a hot loop
    assert relay.metrics.returned.labels("personnel.department.created")._value.get() == 1
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    ch = conn.channel()
    q = ch.queue_declare("", exclusive=True).method.queue
    ch.queue_bind(q, personnel.settings.events_exchange, routing_key="personnel.department.created")
    time.sleep(1.1)  # the first retry is due after a second
    assert relay.publish_pending() == 1
    with personnel.db.sessions() as s:
        assert s.execute(select(OUTBOX.c.published_at)).scalar() is not None
    method, props, _body = ch.basic_get(q, auto_ack=True)
    assert props.message_id == row.event_id
    conn.close()
