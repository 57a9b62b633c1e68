"""Rebuild: reporting resets its read models, the producers replay their outboxes, and live events that
arrived meanwhile are applied afterwards without loss (real RabbitMQ and PostgreSQL).

The producers are stand-ins: databases with an outbox holding the events personnel, consultation
and survey would have published, each answered by shared.replay's responder exactly as their
workers run it.
"""
import threading
import uuid
from datetime import UTC, datetime

import pika
import pytest
from kombu import Connection

from services.reporting.db.models import EmployeeFact, plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from services.reporting.workflow.rebuild import Rebuild, RebuildError
from shared.consumer import EventConsumer
from shared.outbox import record_event
from shared.replay import ReplayResponder
from shared.topology import declare, service_queue
from tests.reporting import factories as ev
from tests.reporting.feed import Feed
from tests.support.workers import running, wait_for

OUTBOX = plumbing["outbox"]
SUBMITTED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def history():
    """What each producer has published so far, as (type, subject, data, sequence)."""
    personnel = [ev.department(), *[ev.employee(f"emp-{i}") for i in range(6)],
                 ev.training(record_id="r1", employee_id="emp-1", jp=12),
                 ev.training(record_id="r1", employee_id="emp-1", jp=24, sequence=2, verb="updated"),
                 ev.training(record_id="r2", employee_id="emp-2", jp=8)]
    consultation = [ev.policy(), ev.session_held(), ev.feedback(submitted_at=SUBMITTED),
                    ev.feedback(verb="responded", sequence=2, status="responded", submitted_at=SUBMITTED,
                                responded_at=datetime(2026, 3, 3, 2, 0, tzinfo=UTC), follow_up_deadline_met=True)]
    survey = [ev.results(respondents=150)]
    return {"personnel": personnel, "consultation": consultation, "survey": survey}


@pytest.fixture
def producers(database_server, make_settings):
    """One stand-in database and replay responder per producer, on the test's exchange."""
    stop, threads, outboxes = threading.Event(), [], {}
    for service, events in history().items():
        db = database_server.fresh("reporting")
        with db.transaction() as session:
            outboxes[service] = [record_event(session, OUTBOX, source=e.source, type=e.type, subject=e.subject,
                                              data=e.data, sequence=e.sequence) for e in events]
        responder = ReplayResponder(make_settings(service, db=db), db, OUTBOX,
                                    queue_name=f"{service}.replay.test-{uuid.uuid4().hex[:8]}")
        ready = threading.Event()
        threads.append((threading.Thread(target=responder.run, args=(stop, ready), daemon=True), responder))
        threads[-1][0].start()
        assert ready.wait(15)
    yield outboxes
    stop.set()
    for thread, responder in threads:
        thread.join(30)
        with Connection(responder.settings.broker_url) as conn:
            conn.default_channel.queue_delete(responder.queue.name)


def report(reporting, tokens):
    return reporting.client.get("/api/v1/reports/DINKES?period=2026", headers=tokens("admin")).get_json()


def test_rebuild_replays_history_and_then_applies_live_events(reporting, tokens, producers, broker_url):
    settings, db = reporting.settings, reporting.db
    live = service_queue(settings, sorted(SUBSCRIPTIONS), name=f"reporting.events.test-{uuid.uuid4().hex[:8]}")
    Feed(db)(ev.employee("ghost"), ev.training(record_id="bogus", employee_id="ghost", jp=99))  # a damaged model
    with Connection(broker_url) as conn:
        declare(conn, settings, [live])
    # Live events that arrive while the rebuild runs: a new employee, a newer state of r2, a stale state of r1
    # and one event the replay also carries (it was published but not yet consumed when the worker stopped).
    replayed_twice = producers["personnel"][1]
    channel = pika.BlockingConnection(pika.URLParameters(broker_url)).channel()
    for env in (ev.employee("emp-new"), ev.training(record_id="r2", employee_id="emp-2", jp=16, sequence=2,
                                                    verb="updated"),
                ev.training(record_id="r1", employee_id="emp-1", jp=1, sequence=1), replayed_twice):
        channel.basic_publish(settings.events_exchange, env.type, env.to_json(), pika.BasicProperties(
            content_type="application/cloudevents+json", message_id=env.id, type=env.type, delivery_mode=2,
                user_id="guest"))

    lines = []
    stats = Rebuild(settings, db, live_queue=live, out=lines.append, idle_timeout=20).run()

    assert stats["producers"] == {"personnel": 10, "consultation": 4, "survey": 1}
    assert stats["applied"] == 14 and stats["dead_lettered"] == 0
    assert stats["skipped"] == 1  # consultation.session.held: not something reporting reads
    assert lines[0].startswith("read models reset") and lines[-1].startswith("rebuild complete: 14 events applied")
    body = report(reporting, tokens)
    competence = body["sections"]["competence"]
    assert competence["headcount"]["n"] == 6  # the ghost is gone, the live employee not applied yet
    assert competence["jp"]["all"]["average_jp"] == round((24 + 8) / 6, 1)
    assert body["sections"]["responsiveness"]["follow_up"]["median_hours"] == 24.0
    assert body["sections"]["satisfaction"]["n"] == 150

    consumer = EventConsumer(settings, db, plumbing["inbox"], SUBSCRIPTIONS, live)
    with running(consumer=consumer):
        wait_for(lambda: consumer.applied_total == 4, message="the live events after the rebuild")
    competence = report(reporting, tokens)["sections"]["competence"]
    assert competence["headcount"]["n"] == 7
    assert competence["jp"]["all"]["average_jp"] == round((24 + 16) / 7, 1)  # r2 moved on, r1's stale state lost
    with db.sessions() as session:
        assert session.get(EmployeeFact, "ghost") is None
    channel.queue_delete(live.name)
    channel.queue_delete(f"{live.name}.dlq")


def test_rebuild_refuses_while_the_worker_consumes(reporting, broker_url):
    settings, db = reporting.settings, reporting.db
    live = service_queue(settings, sorted(SUBSCRIPTIONS), name=f"reporting.events.test-{uuid.uuid4().hex[:8]}")
    consumer = EventConsumer(settings, db, plumbing["inbox"], SUBSCRIPTIONS, live)
    with running(consumer=consumer), pytest.raises(RebuildError, match="stop the reporting worker"):
        Rebuild(settings, db, live_queue=live, out=lambda _s: None).run()
    with Connection(broker_url) as conn:
        conn.default_channel.queue_delete(live.name)
        conn.default_channel.queue_delete(f"{live.name}.dlq")
