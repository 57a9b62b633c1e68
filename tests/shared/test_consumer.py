"""The consumer on the real RabbitMQ and PostgreSQL: exactly-once effects, and the DLQ for what cannot be handled."""
import pytest
from sqlalchemy import select

from services.reporting.db.models import TrainingFact
from services.reporting.handlers import SUBSCRIPTIONS
from services.reporting.projections.training import TrainingRecordPayload
from shared.consumer import EventConsumer, Subscription
from shared.envelope import Envelope
from tests.support.wire import Wire, training_event
from tests.support.workers import running, wait_for


@pytest.fixture
def wire(broker_url, exchange):
    w = Wire(broker_url, exchange)
    yield w
    w.close()


def jp(db, record_id="rec-1"):
    with db.sessions() as s:
        fact = s.get(TrainingFact, record_id)
        return None if fact is None else fact.jp


def test_the_same_event_delivered_many_times_changes_the_read_model_once(reporting, wire):
    consumer = reporting.consumer()
    env = training_event(jp=12)
    with running(consumer=consumer):
        for _ in range(5):
            wire.publish(env)
        wait_for(lambda: consumer.applied_total == 5, message="5 deliveries handled")
    assert jp(reporting.db) == 12
    from services.reporting.db.models import plumbing
    with reporting.db.sessions() as s:
        assert len(s.execute(select(plumbing["inbox"])).all()) == 1


def test_an_older_event_arriving_late_does_not_undo_a_newer_one(reporting, wire):
    consumer = reporting.consumer()
    newer = training_event(jp=30, sequence=3)
    older = training_event(jp=12, sequence=1)
    with running(consumer=consumer):
        wire.publish(newer)
        wire.publish(older)
        wait_for(lambda: consumer.applied_total == 2, message="both handled")
    assert jp(reporting.db) == 30


def test_bad_messages_go_to_the_dlq_with_a_reason_and_the_rest_still_flows(reporting, wire):
    def always_fails(session, event, data):
        raise RuntimeError("projection bug")

    subs = {**SUBSCRIPTIONS, "personnel.training.exploded": Subscription(TrainingRecordPayload(), always_fails)}
    consumer = EventConsumer(reporting.settings, reporting.db, reporting.app.extensions["asn"].tables["inbox"],
                             subs)
    dlq = reporting.settings.dead_letter_queue
    invalid = training_event(record_id="rec-bad")
    invalid_body = invalid.to_json().replace(b'"jp":12', b'"jp":"twelve"')
    failing = Envelope(type="personnel.training.exploded", source="/asn/personnel", subject="rec-x",
                       data=training_event(record_id="rec-x").data, sequence=1)
    with running(consumer=consumer):
        wire.publish_raw("personnel.training.recorded", b"{not json", message_id="m-broken")
        wire.publish_raw("personnel.training.recorded", invalid_body, message_id=invalid.id)
        wire.publish(failing)
        wire.publish(training_event(record_id="rec-good", jp=8))
        wait_for(lambda: jp(reporting.db, "rec-good") == 8, message="the good message after the bad ones")
        wait_for(lambda: consumer.dead_lettered_total == 3, message="three dead letters")
    dead = wire.drain(dlq, 3)
    reasons = {props.message_id: headers["x-dlq-reason"] for props, headers, _ in dead}
    assert "not JSON" in reasons["m-broken"]
    assert "jp" in reasons[invalid.id] and "invalid" in reasons[invalid.id]
    assert "projection bug" in reasons[failing.id] and "failed 5 times" in reasons[failing.id]
    assert all(h["x-original-routing-key"] for _, h, _ in dead)
    assert jp(reporting.db, "rec-bad") is None


def test_an_event_far_ahead_of_the_last_version_is_quarantined_not_applied(reporting, wire):
    consumer = reporting.consumer()
    with running(consumer=consumer):
        wire.publish(training_event(jp=12, sequence=1))
        wait_for(lambda: consumer.applied_total == 1, message="the first version")
        wire.publish(training_event(jp=5000, sequence=2**31 - 1))  # forged or broken: it would freeze the record
        wait_for(lambda: consumer.dead_lettered_total == 1, message="the far-ahead version quarantined")
        wire.publish(training_event(jp=20, sequence=2))  # the real next change still applies
        wait_for(lambda: jp(reporting.db) == 20, message="the real change after it")
    [(_props, headers, _body)] = wire.drain(reporting.settings.dead_letter_queue, 1)
    assert "quarantined" in headers["x-dlq-reason"] and str(2**31 - 1) in headers["x-dlq-reason"]
