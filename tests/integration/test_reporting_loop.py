"""The user's sentence over real RabbitMQ and PostgreSQL: evaluation reports update whenever feedback or
training records change, and other city systems hear of it.

Events go onto the test exchange with a plain pika publisher, exactly as personnel, consultation
and survey publish them (full CloudEvents envelopes); reporting's consumer, announcer and relay
run as in its worker; reporting.report.updated is read back with a plain pika consumer.
"""
import json
import threading
import time
import uuid
from datetime import UTC, date, datetime

import pika
import pytest

from services.reporting.domain.rules import ReportRules
from services.reporting.handlers import SUBSCRIPTIONS
from services.reporting.workflow.announce import ReportAnnouncer
from shared.consumer import EventConsumer
from shared.topology import service_queue
from tests.reporting import factories as ev
from tests.support.workers import running, wait_for

SUBMITTED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def loop(reporting, broker_url):
    """Reporting's consumer (on a queue of its own, so parallel test runs cannot delete it), relay and announcer."""
    settings, db = reporting.settings, reporting.db
    queue = service_queue(settings, sorted(SUBSCRIPTIONS), name=f"reporting.events.test-{uuid.uuid4().hex[:8]}")
    consumer = EventConsumer(settings, db, reporting.app.extensions["asn"].tables["inbox"], SUBSCRIPTIONS, queue)
    announcer = ReportAnnouncer(settings, db, ReportRules(), interval=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=announcer.run, args=(stop,), daemon=True)
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    channel = conn.channel()
    channel.exchange_declare(settings.events_exchange, "topic", durable=True)
    listener = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(listener, settings.events_exchange, "reporting.report.updated")
    with running(relay=reporting.relay()), running(consumer=consumer):
        thread.start()
        yield channel, listener
        stop.set()
        thread.join(30)
    for name in (queue.name, f"{queue.name}.dlq"):
        channel.queue_delete(name)
    conn.close()


def publish(channel, exchange, *envelopes):
    for env in envelopes:
        channel.basic_publish(exchange, env.type, env.to_json(), pika.BasicProperties(
            content_type="application/cloudevents+json", message_id=env.id, type=env.type, delivery_mode=2,
                user_id="guest"))


def report(reporting, tokens, period="2026"):
    resp = reporting.client.get(f"/api/v1/reports/DINKES?period={period}", headers=tokens("admin"))
    return resp.get_json() if resp.status_code == 200 else None


def announced(channel, queue, min_revision=1, scope="DINKES", period="2026", timeout=10.0):
    """The first reporting.report.updated (properties, event) of a report at or past a revision, read with pika."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            time.sleep(0.05)
            continue
        event = json.loads(body)
        data = event["data"]
        if (data["scope"], data["period"]) == (scope, period) and data["revision"] >= min_revision:
            return props, event
    raise AssertionError(f"no reporting.report.updated for {scope} {period} at revision {min_revision}")


def test_training_feedback_and_survey_each_move_the_report_and_are_announced(reporting, tokens, loop):
    channel, listener = loop
    exchange = reporting.settings.events_exchange
    publish(channel, exchange, ev.department(), *[ev.employee(f"emp-{i}") for i in range(6)])
    body = wait_for(lambda: (r := report(reporting, tokens)) and r["sections"]["competence"]["headcount"]["n"] == 6
                    and r, message="six employees in the report")
    assert body["sections"]["competence"]["jp"]["pns"]["share_at_minimum"] == 0.0
    props, event = announced(channel, listener, body["revision"])
    assert props.type == "reporting.report.updated" and props.content_type == "application/cloudevents+json"
    assert props.message_id == event["id"]
    assert event["specversion"] == "1.0" and event["source"] == "/asn/reporting"
    assert event["subject"] == "DINKES/2026" and event["datacontenttype"] == "application/json"
    assert event["dataschema"] and event["correlationid"] and event["time"]
    assert event["sequence"] == event["data"]["revision"]
    assert event["data"]["headline"]["employees"] == 6
    assert "Pegawai" not in json.dumps(event)  # no names in what other city systems receive

    # 1. A training record: the share of PNS at 20 JP moves, and so does the revision.
    before = wait_for(lambda: report(reporting, tokens))["revision"]
    publish(channel, exchange, ev.training(employee_id="emp-1", jp=24))
    body = wait_for(lambda: (r := report(reporting, tokens))["revision"] > before and r, message="training")
    assert body["sections"]["competence"]["jp"]["pns"]["at_minimum"] == 1
    assert body["sections"]["competence"]["jp"]["pns"]["share_at_minimum"] == round(1 / 6, 4)
    _, event = announced(channel, listener, body["revision"])
    assert event["data"]["headline"]["pns_share_at_min_jp"] == round(1 / 6, 4)

    # 2. Feedback, then the OPD's response: received and open, then answered with a response time.
    before = body["revision"]
    publish(channel, exchange, ev.feedback(submitted_at=SUBMITTED))
    body = wait_for(lambda: (r := report(reporting, tokens))["revision"] > before and r, message="feedback")
    assert body["sections"]["responsiveness"]["n"] == 1
    assert body["sections"]["responsiveness"]["open"]["n"] == 1
    assert announced(channel, listener, body["revision"])[1]["data"]["headline"]["feedback_open"] == 1
    before = body["revision"]
    publish(channel, exchange, ev.feedback(verb="responded", sequence=3, status="responded", submitted_at=SUBMITTED,
                                           forwarded_at=datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
                                           responded_at=datetime(2026, 3, 4, 2, 0, tzinfo=UTC),
                                           forward_deadline_met=True, follow_up_deadline_met=True))
    body = wait_for(lambda: (r := report(reporting, tokens))["revision"] > before and r, message="response")
    responsiveness = body["sections"]["responsiveness"]
    assert responsiveness["open"]["n"] == 0
    assert responsiveness["first_response"]["median_hours"] == 6.0
    assert responsiveness["follow_up"]["median_hours"] == 48.0
    assert responsiveness["follow_up_deadline"]["share"] == 1.0
    assert announced(channel, listener, body["revision"])[1]["data"]["headline"]["feedback_open"] == 0

    # 3. Survey results: the IKM, its weakest unsur and the complaints about it side by side.
    before = body["revision"]
    publish(channel, exchange, ev.response(submitted_at=SUBMITTED), ev.results(respondents=150))
    body = wait_for(lambda: (r := report(reporting, tokens))["revision"] > before
                    and r["sections"]["satisfaction"]["n"] == 150 and r, message="survey results")
    satisfaction = body["sections"]["satisfaction"]
    assert satisfaction["weakest_unsur"]["key"] == "u3"
    assert satisfaction["weakest_unsur"]["feedback"]["complaints"] == 1
    assert satisfaction["responses_received"] == 1
    assert "weakest_unsur" in {r["rule"] for r in body["recommendations"]}
    headline = announced(channel, listener, body["revision"])[1]["data"]["headline"]
    assert headline["ikm_converted"] == satisfaction["converted"] and headline["mutu"] == "B"


def test_a_report_reflects_a_training_record_within_a_second(reporting, tokens, loop):
    channel, _listener = loop
    exchange = reporting.settings.events_exchange
    publish(channel, exchange, ev.department(), ev.employee("emp-1"))
    wait_for(lambda: report(reporting, tokens, "2026-Q1"), message="the report exists")
    start = time.monotonic()
    publish(channel, exchange, ev.training(employee_id="emp-1", jp=20, end=date(2026, 2, 2)))
    wait_for(lambda: report(reporting, tokens, "2026-Q1")["sections"]["competence"]["jp"]["pns"]["at_minimum"] == 1,
             interval=0.02, message="the training record in the report")
    assert time.monotonic() - start < 1.0
