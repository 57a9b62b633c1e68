"""Operators can inspect, requeue and purge a dead-letter queue, and a requeued message is handled."""
from shared.dead_letters import list_dead_letters, purge, requeue
from tests.support.wire import Wire, training_event
from tests.support.workers import running, wait_for


def test_list_requeue_and_purge(reporting, broker_url, exchange):
    wire = Wire(broker_url, exchange)
    consumer = reporting.consumer()
    good_later = training_event(record_id="rec-req", jp=9)
    broken = good_later.to_json().replace(b'"jp":9', b'"jp":"nine"')
    with running(consumer=consumer):
        wire.publish_raw("personnel.training.recorded", broken, message_id=good_later.id)
        wire.publish_raw("personnel.training.recorded", b"garbage", message_id="m-garbage")
        wait_for(lambda: consumer.dead_lettered_total == 2, message="two dead letters")
    listed = list_dead_letters(reporting.settings)
    assert {item["message_id"] for item in listed} == {good_later.id, "m-garbage"}
    assert all(item["routing_key"] == "personnel.training.recorded" and item["reason"] for item in listed)
    assert len(list_dead_letters(reporting.settings)) == 2  # listing leaves them there

    assert purge(reporting.settings) == 2
    assert list_dead_letters(reporting.settings) == []

    # A fixed message requeued from the DLQ is handled normally.
    with running(consumer=consumer):
        wire.publish_raw("personnel.training.recorded", broken, message_id=good_later.id)
        wait_for(lambda: consumer.dead_lettered_total == 3, message="dead-lettered again")
    assert requeue(reporting.settings) == 1
    assert list_dead_letters(reporting.settings) == []
    wire.close()
