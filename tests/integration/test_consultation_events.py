"""Consultation on the wire: what another city system sees of a complaint, read with plain pika; and the
departments it learns from personnel's events."""
import json
import uuid
from datetime import datetime

from tests.consultation.helpers import feedback_id, seed_departments
from tests.support.wire import Wire
from tests.support.workers import running, wait_for

COMPLAINT = {
    "kind": "pengaduan", "category": "perilaku_petugas", "department_code": "DINKES",
    "text": "Petugas loket bersikap kasar saat saya menanyakan jadwal imunisasi.",
    "contact": {"name": "Rahmat Hidayat", "phone": "081298765432", "email": "rahmat@example.id"},
}


def test_feedback_and_its_follow_up_reach_rabbitmq_as_cloudevents(start_service, tokens, broker_url, exchange):
    consultation = start_service("consultation")
    seed_departments(consultation)
    c, admin, dinkes = consultation.client, tokens("admin"), tokens("operator", "DINKES")
    wire = Wire(broker_url, exchange)
    queue = wire.listen("consultation.feedback.*")
    try:
        with running(relay=consultation.relay()):
            receipt = c.post("/api/v1/feedback", json=COMPLAINT).get_json()
            fid = c.get("/api/v1/feedback", headers=admin).get_json()["items"][0]["id"]
            assert c.post(f"/api/v1/feedback/{fid}/forward", json={"department_code": "DINKES"},
                          headers=admin).status_code == 200
            assert c.post(f"/api/v1/feedback/{fid}/respond", headers=dinkes,
                          json={"response": "Petugas telah ditegur dan diberi pembinaan."}).status_code == 200
            got = wire.drain(queue, expected=3)
    finally:
        wire.close()

    assert [body["type"] for _props, _headers, body in got] == [
        "consultation.feedback.submitted", "consultation.feedback.forwarded", "consultation.feedback.responded"]
    for expected_sequence, (props, _headers, body) in enumerate(got, start=1):
        assert props.content_type == "application/cloudevents+json"
        assert props.type == body["type"] and props.message_id == body["id"] and uuid.UUID(body["id"])
        assert body["specversion"] == "1.0" and body["source"] == "/asn/consultation"
        assert body["subject"] == fid and body["sequence"] == expected_sequence
        assert body["datacontenttype"] == "application/json"
        assert body["dataschema"] == f"urn:tebingtinggi:asn:schema:{body['type']}:1"
        assert body["correlationid"]
        assert datetime.fromisoformat(body["time"].replace("Z", "+00:00")).tzinfo is not None
        data = body["data"]
        assert "tracking_id" not in data and receipt["tracking_id"] not in json.dumps(body)  # the citizen's credential
        assert (data["kind"], data["category"], data["unsur"], data["department_code"]) == (
            "pengaduan", "perilaku_petugas", "u7", "DINKES")
        raw = json.dumps(body)
        for private in ("Rahmat", "081298765432", "rahmat@example.id", "Petugas loket", "ditegur",
                        receipt["tracking_id"]):
            assert private not in raw, f"{private!r} leaked into {body['type']}"
        assert "contact" not in data and "text" not in data

    responded = got[2][2]["data"]
    assert responded["status"] == "responded"
    assert responded["forward_deadline_met"] is True and responded["follow_up_deadline_met"] is True
    assert responded["submitted_at"] and responded["forwarded_at"] and responded["responded_at"]


def test_consultation_checks_departments_against_what_personnel_announced(start_service, tokens):
    personnel, consultation = start_service("personnel"), start_service("consultation")
    admin, c = tokens("admin"), consultation.client
    first, second = (feedback_id(consultation, c.post("/api/v1/feedback", json={**COMPLAINT, "department_code": None})
                                 .get_json()["tracking_id"]) for _ in range(2))

    def forward(fid):
        return c.post(f"/api/v1/feedback/{fid}/forward", json={"department_code": "DINSOS"}, headers=admin)

    assert forward(first).status_code == 422  # personnel has not announced DINSOS yet
    with running(consumer=consultation.consumer()), running(relay=personnel.relay()):
        created = personnel.client.post("/api/v1/departments", headers=admin,
                                        json={"code": "DINSOS", "name": "Dinas Sosial", "type": "dinas"})
        assert created.status_code == 201, created.get_json()
        wait_for(lambda: forward(first).status_code == 200, message="DINSOS known to consultation")
        dissolved = personnel.client.patch("/api/v1/departments/DINSOS", json={"status": "dissolved"},
                                           headers=admin)
        assert dissolved.status_code == 200, dissolved.get_json()
        refused = wait_for(lambda: (r := forward(second)).status_code == 422 and r, message="DINSOS dissolved")
    assert "dissolved" in refused.get_json()["errors"]["department_code"][0]
