"""The public feedback form: no login, validated input, a tracking id, retries stored once, rate limits."""
from __future__ import annotations

import json

from tests.consultation.helpers import COMPLAINT, events, policy, seed_departments, submit


def test_a_citizen_submits_without_login_and_gets_a_tracking_id(consultation):
    receipt = submit(consultation.client)
    assert receipt["tracking_id"].startswith("TBT-")
    assert receipt["status"] == "received"
    assert receipt["forward_due"] > receipt["submitted_at"][:10]
    [event] = events(consultation)
    assert event["type"] == "consultation.feedback.submitted"
    data = event["data"]
    assert (data["kind"], data["category"], data["unsur"], data["department_code"]) == (
        "pengaduan", "waktu_layanan", "u3", "DINKES")
    assert data["forward_due"] == receipt["forward_due"] and data["forward_deadline_met"] is None
    text = json.dumps(event)
    for private in ("Siti", "081234567890", "siti.aminah", "Antrean di puskesmas"):
        assert private not in text


def test_invalid_input_gets_field_errors(consultation):
    body = {"kind": "gossip", "category": "cuaca", "text": "   pendek   ", "contact": {"phone": "12345", "age": 40},
            "department_code": "dinas kesehatan"}
    resp = consultation.client.post("/api/v1/feedback", json=body)
    assert resp.status_code == 422
    assert resp.content_type == "application/problem+json"
    errors = resp.get_json()["errors"]
    assert set(errors) == {"kind", "category", "text", "contact", "department_code"}
    assert set(errors["contact"]) >= {"phone", "age"}


def test_a_contact_must_be_reachable(consultation):
    resp = consultation.client.post("/api/v1/feedback", json={**COMPLAINT, "contact": {"name": "Budi"}})
    assert resp.status_code == 422 and "contact" in resp.get_json()["errors"]


def test_feedback_may_name_only_a_published_policy(consultation, admin):
    c = consultation.client
    draft = policy(c, admin, code="PERWAL-DRAFT")
    for policy_id in ("no-such-policy", draft["id"]):
        resp = c.post("/api/v1/feedback", json={**COMPLAINT, "policy_id": policy_id})
        assert resp.status_code == 422 and "policy_id" in resp.get_json()["errors"]
    open_ = policy(c, admin, code="PERWAL-OPEN", state="in_consultation")
    submit(c, policy_id=open_["id"])


def test_oversized_and_malformed_bodies_get_a_clear_4xx(consultation):
    c = consultation.client
    huge = c.post("/api/v1/feedback", data=json.dumps({**COMPLAINT, "text": "x" * 100_000}),
                  content_type="application/json")
    assert huge.status_code == 413 and huge.content_type == "application/problem+json"
    too_long = c.post("/api/v1/feedback", json={**COMPLAINT, "text": "a" * 5001})
    assert too_long.status_code == 422 and "text" in too_long.get_json()["errors"]
    broken = c.post("/api/v1/feedback", data="{not json", content_type="application/json")
    assert 400 <= broken.status_code < 500 and broken.content_type == "application/problem+json"
    assert events(consultation) == []


def test_a_retried_submission_with_the_same_idempotency_key_is_stored_once(consultation, admin):
    c = consultation.client
    key = {"Idempotency-Key": "3f1c9a70-0d6e-4d4b-9a55-8d1f2f7c6b11"}
    first = c.post("/api/v1/feedback", json=COMPLAINT, headers=key)
    again = c.post("/api/v1/feedback", json=COMPLAINT, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert c.get("/api/v1/feedback", headers=admin).get_json()["total"] == 1
    assert len(events(consultation)) == 1

    other = c.post("/api/v1/feedback", json={**COMPLAINT, "text": "Laporan yang lain sama sekali."}, headers=key)
    assert other.status_code == 422
    fresh = c.post("/api/v1/feedback", json=COMPLAINT, headers={"Idempotency-Key": "another-key-0001"})
    assert fresh.get_json()["tracking_id"] != first.get_json()["tracking_id"]
    assert c.post("/api/v1/feedback", json=COMPLAINT, headers={"Idempotency-Key": "no"}).status_code == 400


def test_public_endpoints_are_rate_limited(start_service):
    svc = start_service("consultation", ratelimit_public="3/minute")
    seed_departments(svc)
    c = svc.client
    statuses = [c.post("/api/v1/feedback", json=COMPLAINT).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    limited = c.post("/api/v1/feedback", json=COMPLAINT)
    assert limited.content_type == "application/problem+json" and limited.headers["Retry-After"]
    spoofed = c.post("/api/v1/feedback", json=COMPLAINT, headers={"X-Forwarded-For": "10.1.2.3"})
    assert spoofed.status_code == 429  # no proxy is trusted: a forged header buys no fresh window
    other_citizen = c.post("/api/v1/feedback", json=COMPLAINT, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other_citizen.status_code == 201

    lookups = [c.get("/api/v1/feedback/track/TBT-2026-AAAA-BBBB").status_code for _ in range(4)]
    assert lookups == [404, 404, 404, 429]
