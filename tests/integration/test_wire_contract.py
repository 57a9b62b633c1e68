"""What another city system sees: a plain pika consumer reads personnel.training.recorded off the exchange."""
import uuid
from datetime import datetime

from tests.support import seed
from tests.support.wire import Wire
from tests.support.workers import running


def test_a_pika_consumer_gets_a_valid_cloudevents_envelope(personnel, tokens, broker_url, exchange):
    wire = Wire(broker_url, exchange)
    queue = wire.listen("personnel.training.*")
    admin = tokens("admin")
    seed.department(personnel.client, admin)
    seed.programme(personnel.client, admin, jp=16)
    emp = seed.employee(personnel.client, admin)
    with running(relay=personnel.relay()):
        record = seed.training(personnel.client, admin, emp["id"])
        got = wire.get(queue)
    wire.close()
    assert got is not None, "no message arrived"
    props, _headers, body = got
    assert props.content_type == "application/cloudevents+json"
    assert props.type == "personnel.training.recorded" == body["type"]
    assert props.message_id == body["id"] and uuid.UUID(body["id"])
    assert props.delivery_mode == 2
    assert body["specversion"] == "1.0"
    assert body["source"] == "/asn/personnel"
    assert body["subject"] == record["id"]
    assert body["datacontenttype"] == "application/json"
    assert body["dataschema"].endswith("personnel.training.recorded:1")
    assert body["sequence"] == 1 and body["correlationid"]
    assert datetime.fromisoformat(body["time"].replace("Z", "+00:00")).tzinfo is not None
    data = body["data"]
    assert data["jp"] == 16 and data["department_code"] == "DINKES" and data["employee_type"] == "PNS"
    assert "nip" not in data and "birth_date" not in data  # personal data stays in personnel
