"""Training completions from other city systems on `asn.inbound`: valid, invalid and duplicate messages."""
import json

import pytest
from sqlalchemy import select

from services.personnel.config import Config
from services.personnel.db.models import TrainingRecord, plumbing
from services.personnel.worker import inbound_consumer
from shared.partners import parse_partners
from tests.support import seed
from tests.support.wire import Wire
from tests.support.workers import running, wait_for

NIP = "198001012005011001"
# The tests' broker user is registered as a partner system (for all departments, like BKPSDM's platform).
LMS = Config(partners=parse_partners({"guest": {"sends": ["inbound.training.completed"], "departments": ["*"]}}))


def consumer_for(personnel, config=LMS):
    return inbound_consumer(personnel.settings, personnel.db, config)


def completion(event_id, **data):
    body = {"nip": NIP, "programme_code": "TEKNIS-01", "start_date": "2026-03-09", "end_date": "2026-03-10", **data}
    return json.dumps({
        "specversion": "1.0", "id": event_id, "source": "/lms/bpsdm-provsu", "type": "inbound.training.completed",
        "time": "2026-03-10T09:00:00Z", "subject": f"{NIP}:TEKNIS-01", "datacontenttype": "application/json",
        "dataschema": "urn:tebingtinggi:asn:schema:inbound.training.completed:1", "sequence": 1,
        "correlationid": event_id, "data": body}).encode()


@pytest.fixture
def inbound(personnel, tokens, broker_url):
    admin = tokens("admin")
    seed.department(personnel.client, admin)
    seed.programme(personnel.client, admin, jp=12)
    resp = personnel.client.post("/api/v1/employees", json={
        "nip": NIP, "name": "Budi Santoso", "employee_type": "PNS", "department_code": "DINKES"}, headers=admin)
    assert resp.status_code == 201
    wire = Wire(broker_url, personnel.settings.inbound_exchange)
    yield wire
    wire.close()


def records(db):
    with db.sessions() as s:
        return s.execute(select(TrainingRecord)).scalars().all()


def test_a_valid_completion_is_recorded_once_and_announced(personnel, inbound):
    consumer = consumer_for(personnel)
    ids = ["6f1c2d3e-0000-4000-8000-000000000001"] * 3  # sent three times
    with running(consumer=consumer):
        for event_id in ids:
            inbound.publish_raw("inbound.training.completed", completion(event_id, jp=10, certificate_number="C-1"),
                                message_id=event_id)
        wait_for(lambda: consumer.applied_total == 3, message="three deliveries handled")
    [record] = records(personnel.db)
    assert (record.jp, record.source, record.certificate_number) == (10, "inbound", "C-1")
    with personnel.db.sessions() as s:
        types = s.execute(select(plumbing["outbox"].c.type)).scalars().all()
    assert types.count("personnel.training.recorded") == 1  # it flows on into the reports


@pytest.mark.parametrize(("body", "reason"), [
    (b"{not json", "not JSON"),
    (completion("6f1c2d3e-0000-4000-8000-00000000000a", salary=1), "salary"),
    (completion("6f1c2d3e-0000-4000-8000-00000000000b", nip="199912312020121999"), "No employee you may record training for has NIP"),
    (completion("6f1c2d3e-0000-4000-8000-00000000000c", end_date="2026-03-01"), "end date is before"),
    (completion("6f1c2d3e-0000-4000-8000-00000000000d", programme_code="NOPE-01"), "programme"),
    (completion("6f1c2d3e-0000-4000-8000-00000000000e", jp=0), "jp"),
    (completion("6f1c2d3e-0000-4000-8000-00000000000f", nip="19800101200501100"),
     "a NIP has exactly 18 digits; this one has 17"),
    (completion("6f1c2d3e-0000-4000-8000-000000000010", nip="1.98001E+17"),
     "this looks like a number a spreadsheet shortened (1.98001E+17)"),
])
def test_an_invalid_completion_goes_to_the_dlq_with_its_reason(personnel, inbound, body, reason):
    consumer = consumer_for(personnel)
    with running(consumer=consumer):
        inbound.publish_raw("inbound.training.completed", body, message_id="m-1")
        wait_for(lambda: consumer.dead_lettered_total == 1, message="the message dead-lettered")
    _props, headers, _ = inbound.get(f"{personnel.settings.queue_namespace}personnel.inbound.dlq")
    assert reason in headers["x-dlq-reason"]
    assert records(personnel.db) == []


def test_a_completion_already_recorded_goes_to_the_dlq_naming_the_record(personnel, inbound, tokens):
    [employee] = personnel.client.get("/api/v1/employees", headers=tokens("admin")).get_json()["items"]
    existing = seed.training(personnel.client, tokens("admin"), employee["id"])  # 2026-03-09 to 2026-03-10
    consumer = consumer_for(personnel)
    with running(consumer=consumer):
        inbound.publish_raw("inbound.training.completed", completion("6f1c2d3e-0000-4000-8000-000000000020"),
                            message_id="m-2")
        wait_for(lambda: consumer.dead_lettered_total == 1, message="the duplicate dead-lettered")
    _props, headers, _ = inbound.get(f"{personnel.settings.queue_namespace}personnel.inbound.dlq")
    assert "already recorded" in headers["x-dlq-reason"] and existing["id"] in headers["x-dlq-reason"]
    assert [r.id for r in records(personnel.db)] == [existing["id"]]


def dead_letter_reason(personnel, inbound, config, body=None) -> str:
    consumer = consumer_for(personnel, config)
    with running(consumer=consumer):
        inbound.publish_raw("inbound.training.completed", body or completion("6f1c2d3e-0000-4000-8000-000000000030"),
                            message_id="m-3")
        wait_for(lambda: consumer.dead_lettered_total == 1, message="the message dead-lettered")
    _props, headers, _ = inbound.get(f"{personnel.settings.queue_namespace}personnel.inbound.dlq")
    return headers["x-dlq-reason"]


def test_a_partner_recording_for_a_department_it_is_not_registered_for_is_dead_lettered(personnel, inbound):
    dinsos_only = Config(partners=parse_partners({"guest": {"sends": ["inbound.training.completed"],
                                                             "departments": ["DINSOS"]}}))
    reason = dead_letter_reason(personnel, inbound, dinsos_only)
    # answered exactly like an unknown NIP: the partner learns nothing about other departments' staff
    assert "No employee you may record training for has NIP" in reason
    assert records(personnel.db) == []


def test_an_unregistered_sender_is_dead_lettered(personnel, inbound):
    reason = dead_letter_reason(personnel, inbound, Config(partners={}))
    assert "'guest' is not a registered partner system" in reason
    assert records(personnel.db) == []


def test_a_partner_sending_a_type_it_is_not_registered_for_is_dead_lettered(personnel, inbound):
    listener = Config(partners=parse_partners({"guest": {"reads": ["reporting.report.updated"]}}))
    reason = dead_letter_reason(personnel, inbound, listener)
    assert "not registered to send inbound.training.completed" in reason
    assert records(personnel.db) == []
