"""Personnel on the real RabbitMQ, seen and fed with plain pika exactly as another city system would."""
from __future__ import annotations

import json
import time
import uuid
from datetime import date

import pika
import pytest

from services.personnel.db.models import KnownPolicy
from tests.support import seed
from tests.support.workers import running, wait_for


class Listener:
    """An exclusive queue on the test's exchange, read with pika's basic_get."""

    def __init__(self, broker_url: str, exchange: str, *routing_keys: str):
        self.conn = pika.BlockingConnection(pika.URLParameters(broker_url))
        self.channel = self.conn.channel()
        self.channel.exchange_declare(exchange, "topic", durable=True)
        self.queue = self.channel.queue_declare("", exclusive=True).method.queue
        for key in routing_keys:
            self.channel.queue_bind(self.queue, exchange, key)

    def take(self, n: int, timeout: float = 15.0) -> list[tuple]:
        got, deadline = [], time.monotonic() + timeout
        while len(got) < n and time.monotonic() < deadline:
            method, props, body = self.channel.basic_get(self.queue, auto_ack=True)
            if method is None:
                time.sleep(0.05)
            else:
                got.append((method, props, json.loads(body)))
        assert len(got) == n, f"expected {n} messages, got {len(got)}"
        return got


@pytest.fixture
def listener(broker_url, personnel):
    lst = Listener(broker_url, personnel.settings.events_exchange, "personnel.employee.*", "personnel.training.*")
    yield lst
    lst.conn.close()


def check_envelope(method, props, event, event_type):
    assert method.routing_key == event_type
    assert (props.type, props.message_id, props.content_type) == (event_type, event["id"],
                                                                   "application/cloudevents+json")
    assert props.delivery_mode == 2
    assert event["specversion"] == "1.0" and uuid.UUID(event["id"])
    assert (event["source"], event["type"], event["datacontenttype"]) == ("/asn/personnel", event_type,
                                                                          "application/json")
    assert event["time"].endswith("Z") and event["dataschema"].endswith(f"{event_type}:1")
    assert event["subject"] and event["correlationid"] and isinstance(event["data"], dict)


def test_employee_and_training_events_reach_other_systems(personnel, tokens, listener):
    admin, c = tokens("admin"), personnel.client
    seed.department(c, admin)
    seed.programme(c, admin, "PKN-II", jp=200, kind="kepemimpinan", level="PKN_II")
    with running(relay=personnel.relay()):
        emp = seed.employee(c, admin)
        resp = c.post(f"/api/v1/employees/{emp['id']}/appointments", headers={**admin, "X-Request-ID": "sk-800-12"},
                      json={"position_title": "Kepala Dinas Kesehatan", "position_type": "jpt_pratama",
                            "tmt_jabatan": "2026-01-05"})
        assert resp.status_code == 201, resp.get_json()
        record = seed.training(c, admin, emp["id"], programme_code="PKN-II")
        assert c.patch(f"/api/v1/training-records/{record['id']}", json={"jp": 180},
                       headers=admin).status_code == 200
        assert c.post(f"/api/v1/training-records/{record['id']}/revoke", json={"reason": "wrong employee"},
                      headers=admin).status_code == 200
        messages = listener.take(8)

    # A leadership training moves the employee's published leadership facts: a new version of them each time.
    expected = ["personnel.employee.registered", "personnel.employee.appointed", "personnel.training.recorded",
                "personnel.employee.updated", "personnel.training.updated", "personnel.employee.updated",
                "personnel.training.revoked", "personnel.employee.updated"]
    assert [event["type"] for _, _, event in messages] == expected
    for (method, props, event), event_type in zip(messages, expected, strict=True):
        check_envelope(method, props, event, event_type)
    registered, appointed, recorded, met, updated, _, revoked, unmet = (event for _, _, event in messages)
    assert (appointed["data"]["leadership_required_level"], appointed["data"]["leadership_due_date"]) == (
        "PKN_II", "2027-01-05")
    assert (met["subject"], met["sequence"], met["data"]["leadership_met_on"]) == (
        emp["id"], 3, record["end_date"])
    assert (unmet["sequence"], unmet["data"]["leadership_met_on"]) == (5, None)
    assert "nip" not in registered["data"] and "birth_date" not in registered["data"]
    assert (appointed["subject"], appointed["sequence"], appointed["correlationid"]) == (emp["id"], 2, "sk-800-12")
    assert (appointed["data"]["position_type"], appointed["data"]["tmt_jabatan"]) == ("jpt_pratama", "2026-01-05")
    assert {e["subject"] for e in (recorded, updated, revoked)} == {record["id"]}
    assert [e["sequence"] for e in (recorded, updated, revoked)] == [1, 2, 3]
    assert (recorded["data"]["leadership_level"], updated["data"]["jp"], revoked["data"]["revoked"]) == (
        "PKN_II", 180, True)


def publish_policy_event(broker_url, exchange, event_type, sequence, state, event_id=None):
    body = {"specversion": "1.0", "id": event_id or str(uuid.uuid4()), "source": "/asn/consultation",
            "type": event_type, "time": "2026-05-02T03:00:00Z", "subject": "pol-42",
            "datacontenttype": "application/json", "dataschema": f"urn:tebingtinggi:asn:schema:{event_type}:1",
            "sequence": sequence, "correlationid": "c-1",
            "data": {"policy_id": "pol-42", "code": "PERWALI-2026-07", "title": "Perwali Disiplin ASN",
                     "version": 1, "state": state, "department_code": "BKPSDM",
                     "changed_at": "2026-05-02T03:00:00Z", "reason": None}}
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    channel = conn.channel()
    channel.confirm_delivery()
    channel.basic_publish(exchange, event_type, json.dumps(body).encode(), pika.BasicProperties(
        content_type="application/cloudevents+json", delivery_mode=2, message_id=body["id"], type=event_type,
        user_id="guest"),
        mandatory=True)
    conn.close()
    return body["id"]


def known_policy(db):
    with db.sessions() as session:
        return session.get(KnownPolicy, "pol-42")


def test_an_adopted_policy_from_consultation_can_be_socialized(personnel, tokens, broker_url):
    admin, c, exchange = tokens("admin"), personnel.client, personnel.settings.events_exchange
    seed.department(c, admin)
    consumer = personnel.consumer()
    with running(consumer=consumer):
        event_id = publish_policy_event(broker_url, exchange, "consultation.policy.adopted", 3, "adopted")
        publish_policy_event(broker_url, exchange, "consultation.policy.adopted", 3, "adopted", event_id)
        publish_policy_event(broker_url, exchange, "consultation.policy.consultation_opened", 2, "in_consultation")
        wait_for(lambda: consumer.applied_total == 3, message="three messages handled")
    policy = known_policy(personnel.db)  # the duplicate was ignored and the late older state did not win
    assert (policy.code, policy.state, policy.sequence) == ("PERWALI-2026-07", "adopted", 3)
    assert consumer.dead_lettered_total == 0

    resp = c.post("/api/v1/socialization-sessions", headers=admin, json={
        "policy_id": "pol-42", "format": "seminar", "title": "Sosialisasi Perwali Disiplin ASN",
        "held_on": date.today().isoformat(), "department_codes": ["DINKES"]})
    assert resp.status_code == 201, resp.get_json()
