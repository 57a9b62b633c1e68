"""Outages of the database and the broker, on a PostgreSQL cluster and a RabbitMQ node of the test's own.

What is real: RabbitMQ, PostgreSQL (restarted, stopped and starved here), the relay and the
consumer. The machine's own servers are never stopped. Each test asserts what a user would
notice: every acknowledged write reaches the report once, and nothing lands in a dead-letter
queue because of an outage.
"""
import threading
import time

import pika
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from services.personnel.db.models import plumbing as personnel_plumbing
from services.reporting.db.models import TrainingFact
from services.reporting.db.models import plumbing as reporting_plumbing
from shared.consumer import EventConsumer
from shared.dead_letters import drop_applied, list_dead_letters
from shared.inbox import processed_ids
from shared.outbox import record_events
from shared.relay import OutboxRelay
from tests.support import scratch
from tests.support.databases import DatabaseFactory
from tests.support.wire import Wire, training_event
from tests.support.workers import running, wait_for


@pytest.fixture(autouse=True)
def _scratch_servers_can_run():
    scratch.require()

OUTBOX = personnel_plumbing["outbox"]


@pytest.fixture(scope="module")
def scratch_pg():
    scratch.require()
    pg = scratch.ScratchPostgres()
    pg.start()
    factory = DatabaseFactory(pg.url)
    yield pg, factory
    factory.close()
    pg.close()


@pytest.fixture(scope="module")
def scratch_rabbit():
    scratch.require()
    node = scratch.ScratchRabbit()
    node.start()
    yield node
    node.close()


def inbox_count(db) -> int:
    with db.sessions() as s:
        return s.execute(select(func.count()).select_from(reporting_plumbing["inbox"])).scalar_one()


def jp_total(db) -> int:
    with db.sessions() as s:
        return s.execute(select(func.coalesce(func.sum(TrainingFact.jp), 0))).scalar_one()


def queue_depth(broker_url, queue) -> int:
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    try:
        return conn.channel().queue_declare(queue, passive=True).method.message_count
    finally:
        conn.close()


def listen(broker_url, exchange):
    """A queue bound to personnel's events, as a consumer's would be: (connection, channel, queue)."""
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    channel = conn.channel()
    channel.exchange_declare(exchange, "topic", durable=True)
    queue = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(queue, exchange, "personnel.#")
    return conn, channel, queue


def commit_events(db, count: int, start: int = 0) -> None:
    events = [{"type": "personnel.training.recorded", "subject": f"rec-{i}", "data": training_event(
        record_id=f"rec-{i}", jp=1 + i % 3).data, "sequence": 1} for i in range(start, start + count)]
    with db.transaction() as session:
        record_events(session, OUTBOX, source="/asn/personnel", events=events)


def test_a_postgresql_restart_under_load_loses_nothing_and_dead_letters_nothing(scratch_pg, make_settings,
                                                                                  broker_url, exchange):
    pg, factory = scratch_pg
    db = factory.fresh("reporting")
    settings = make_settings("reporting", db=db, consumer_batch_size=20)
    from services.reporting.handlers import SUBSCRIPTIONS

    consumer = EventConsumer(settings, db, reporting_plumbing["inbox"], SUBSCRIPTIONS)
    wire = Wire(broker_url, exchange)
    events = [training_event(record_id=f"rec-{i}", jp=1 + i % 3) for i in range(600)]
    with running(consumer=consumer):
        for env in events[:300]:
            wire.publish(env)
        wait_for(lambda: inbox_count(db) > 50, message="the consumer is busy")
        pg.stop()  # mid-load: the consumer's next batches meet a dead database
        for env in events[300:]:
            wire.publish(env)
        time.sleep(3)
        pg.start()
        wait_for(lambda: inbox_count(db) == 600, timeout=90, message="every event after the restart")
    assert consumer.database_waits_total > 0, "the outage never reached the consumer: the test proved nothing"
    assert jp_total(db) == sum(1 + i % 3 for i in range(600))
    assert consumer.dead_lettered_total == 0
    assert queue_depth(broker_url, settings.dead_letter_queue) == 0
    wire.close()


class FlakyMarkRelay(OutboxRelay):
    """A relay whose first 'mark published' meets a database that just went away."""

    failures_left = 1

    def _mark(self, confirmed, returned):
        if self.failures_left:
            self.failures_left -= 1
            raise OperationalError("UPDATE outbox", {}, Exception("server closed the connection unexpectedly"))
        super()._mark(confirmed, returned)


def test_a_failed_mark_after_the_confirm_is_retried_without_publishing_again(personnel, broker_url):
    commit_events(personnel.db, 5)
    conn, channel, queue = listen(broker_url, personnel.settings.events_exchange)
    relay = FlakyMarkRelay(personnel.settings, personnel.db, OUTBOX)
    with running(relay=relay):
        wait_for(lambda: relay.published_total == 5, message="the batch marked after the retry")
        time.sleep(0.5)
    with personnel.db.sessions() as s:
        assert s.execute(select(func.count()).where(OUTBOX.c.published_at.is_(None))).scalar_one() == 0
    assert channel.queue_declare(queue, passive=True).method.message_count == 5  # each once, none twice
    conn.close()


def test_a_standby_that_takes_the_lock_over_leaves_the_old_leaders_confirmed_batch_to_it(personnel, broker_url):
    """A database restart takes the leader's lock while it holds a batch the broker confirmed and it could not
    mark; the other replica takes the lock. The batch reaches subscribers once: the old leader marks it."""
    conn, channel, queue = listen(broker_url, personnel.settings.events_exchange)
    old = FlakyMarkRelay(personnel.settings, personnel.db, OUTBOX)
    new = OutboxRelay(personnel.settings, personnel.db, OUTBOX)
    new.TAKEOVER_GRACE = 2.0
    assert old.lock.held()
    with running(relay=new):
        time.sleep(0.5)  # its first look at the lock: another replica leads, it stands by
        commit_events(personnel.db, 5)
        with pytest.raises(OperationalError):
            old.publish_pending()  # confirmed by the broker, then the database "went away" before the mark
        old.lock.release()  # the restart ended the leader's session, and its lock with it
        wait_for(lambda: new.metrics.leader._value.get() == 1, message="the standby taking the lock")
        with running(relay=old):
            wait_for(lambda: old.published_total == 5, message="the old leader marking its batch")
            time.sleep(new.TAKEOVER_GRACE + 1)  # the new leader's first batches, if it had any to publish
    assert new.published_total == 0
    assert channel.queue_declare(queue, passive=True).method.message_count == 5  # each once, none twice
    conn.close()


def test_the_relay_keeps_its_connection_alive_while_it_idles(personnel, make_settings, broker_url):
    settings = make_settings("personnel", db=personnel.db, heartbeat=1)
    relay = OutboxRelay(settings, personnel.db, OUTBOX)
    conn, _channel, _queue = listen(broker_url, settings.events_exchange)
    commit_events(personnel.db, 1)
    with running(relay=relay):
        wait_for(lambda: relay.published_total == 1, message="the first event")
        time.sleep(4.5)  # more than two heartbeat intervals with nothing to publish
        assert relay.connection is not None and relay.connection.connected
        commit_events(personnel.db, 1, start=1)
        wait_for(lambda: relay.published_total == 2, message="the second event")
    assert relay.connections_opened == 1  # the broker never dropped it for missed heartbeats
    conn.close()


def test_two_relays_never_publish_at_once_across_a_postgresql_restart(scratch_pg, make_settings):
    pg, factory = scratch_pg
    db = factory.fresh("personnel")
    settings = make_settings("personnel", db=db)
    conn, _channel, _queue = listen(settings.broker_url, settings.events_exchange)
    relays = [OutboxRelay(settings, db, OUTBOX), OutboxRelay(settings, db, OUTBOX)]
    both_led, stop_sampling = [], threading.Event()

    def sample():
        while not stop_sampling.is_set():
            if all(r.metrics.leader._value.get() == 1 for r in relays):
                both_led.append(time.monotonic())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with running(relay=relays[0]), running(relay=relays[1]):
        commit_events(db, 100)
        wait_for(lambda: sum(r.published_total for r in relays) == 100, message="the first 100")
        pg.restart()
        time.sleep(1)
        commit_events(db, 100, start=100)
        wait_for(lambda: sum(r.published_total for r in relays) == 200, timeout=60, message="200 after restart")
    stop_sampling.set()
    sampler.join(2)
    assert both_led == []
    assert sum(r.published_total for r in relays) == 200  # no batch published by both
    conn.close()


def test_a_memory_alarm_pauses_the_relay_while_writes_still_commit(scratch_rabbit, personnel, make_settings, tokens):
    from tests.support import seed

    node = scratch_rabbit
    settings = make_settings("personnel", db=personnel.db, broker_url=node.url)
    relay = OutboxRelay(settings, personnel.db, OUTBOX)
    conn = pika.BlockingConnection(pika.URLParameters(node.url))
    channel = conn.channel()
    channel.exchange_declare(settings.events_exchange, "topic", durable=True)
    queue = channel.queue_declare("alarm-test", durable=True).method.queue
    channel.queue_bind(queue, settings.events_exchange, "personnel.#")
    try:
        with running(relay=relay):
            seed.department(personnel.client, tokens("admin"), code="ALARM1")
            wait_for(lambda: relay.published_total == 1, message="published before the alarm")
            node.ctl("set_vm_memory_high_watermark", "0.000001")
            seed.department(personnel.client, tokens("admin"), code="ALARM2")  # the web keeps accepting
            seed.department(personnel.client, tokens("admin"), code="ALARM3")
            wait_for(lambda: relay.blocked_reason is not None, timeout=30, message="the relay hears the alarm")
            assert relay.metrics.blocked._value.get() == 1
            node.ctl("set_vm_memory_high_watermark", "0.4")
            wait_for(lambda: relay.published_total == 3, timeout=60, message="the backlog after the alarm")
            assert relay.blocked_reason is None and relay.metrics.blocked._value.get() == 0
        assert channel.queue_declare(queue, passive=True).method.message_count == 3
    finally:
        node.ctl("set_vm_memory_high_watermark", "0.4")
        channel.queue_delete(queue)
        conn.close()


def test_a_relay_stopped_during_a_memory_alarm_stops_in_time_and_keeps_the_event(scratch_rabbit, personnel,
                                                                                  make_settings):
    """The broker reads nothing from a blocked connection: a stop must not wait for its answers."""
    from shared.outbox import record_event
    from shared.worker import STOP_GRACE_SECONDS

    node = scratch_rabbit
    settings = make_settings("personnel", db=personnel.db, broker_url=node.url)
    conn = pika.BlockingConnection(pika.URLParameters(node.url))
    channel = conn.channel()
    channel.exchange_declare(settings.events_exchange, "topic", durable=True)
    queue = channel.queue_declare("alarm-stop-test", durable=True).method.queue
    channel.queue_bind(queue, settings.events_exchange, "personnel.#")

    def commit(code):
        with personnel.db.transaction() as s:
            record_event(s, OUTBOX, source="/asn/personnel", type="personnel.department.created", subject=code,
                         data={"code": code, "name": code}, sequence=1)

    relay = OutboxRelay(settings, personnel.db, OUTBOX)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    try:
        commit("STOP1")
        thread.start()
        wait_for(lambda: relay.published_total == 1, message="published before the alarm")
        node.ctl("set_vm_memory_high_watermark", "0.000001")
        commit("STOP2")  # its publish is what makes the broker block the relay's connection
        wait_for(lambda: relay.blocked_reason is not None, timeout=30, message="the relay hears the alarm")
        stop.set()
        thread.join(STOP_GRACE_SECONDS)
        assert not thread.is_alive(), f"the relay still runs {STOP_GRACE_SECONDS}s after the stop"
        with personnel.db.sessions() as s:  # unconfirmed, so still pending: the next relay publishes it
            pending = s.execute(select(OUTBOX.c.subject).where(OUTBOX.c.published_at.is_(None))).scalars().all()
        assert pending == ["STOP2"]
    finally:
        stop.set()
        node.ctl("set_vm_memory_high_watermark", "0.4")
        channel.queue_delete(queue)
        conn.close()


def test_a_broker_dead_letter_carries_its_reason_and_an_applied_one_can_be_dropped(reporting, make_settings,
                                                                                    broker_url, exchange):
    settings = make_settings("reporting", db=reporting.db, queue_delivery_limit=1)
    from services.reporting.handlers import SUBSCRIPTIONS

    consumer = EventConsumer(settings, reporting.db, reporting_plumbing["inbox"], SUBSCRIPTIONS)
    wire = Wire(broker_url, exchange)
    with running(consumer=consumer):  # declares the queue with its delivery limit, then applies one event
        applied = training_event(record_id="rec-applied", jp=5)
        wire.publish(applied)
        wait_for(lambda: inbox_count(reporting.db) == 1, message="applied once")
    # The same event again, now taken by a consumer that "crashes" (closes without ack) twice:
    # the broker's delivery limit dead-letters it, with no header of ours.
    wire.publish(applied)
    for _ in range(3):
        crash = pika.BlockingConnection(pika.URLParameters(broker_url))
        crash.channel().basic_get(settings.queue_name, auto_ack=False)
        crash.close()
    wait_for(lambda: queue_depth(broker_url, settings.dead_letter_queue) == 1, message="broker dead-lettered it")

    def in_inbox(source, event_id):
        with reporting.db.sessions() as s:
            return bool(processed_ids(s, reporting_plumbing["inbox"], [(source, event_id)]))

    [item] = list_dead_letters(settings, applied=in_inbox)
    assert item["reason"].startswith("broker: delivery_limit") and "crashing" in item["reason"]
    assert item["already_applied"] is True
    assert drop_applied(settings, in_inbox) == 1
    assert queue_depth(broker_url, settings.dead_letter_queue) == 0
    wire.close()
