"""Consultation sessions: recorded by admins or the policy's own OPD, announced as consultation.session.held."""
from __future__ import annotations

from datetime import date, timedelta

from tests.consultation.helpers import events, policy

HEARING = {"held_on": "2026-03-02", "format": "public_hearing", "stakeholder_groups": ["government", "community"],
           "participants": 85, "outcome_summary": "Warga meminta ASN menanggapi pengaduan lebih cepat."}


def test_the_policy_department_records_a_session_and_it_is_announced(consultation, admin, tokens):
    c = consultation.client
    created = policy(c, admin, state="in_consultation", department_code="BKPSDM")
    resp = c.post(f"/api/v1/policies/{created['id']}/sessions", json=HEARING, headers=tokens("operator", "BKPSDM"))
    assert resp.status_code == 201, resp.get_json()
    held = resp.get_json()
    assert held["policy_version"] == 1 and held["participants"] == 85

    listed = c.get(f"/api/v1/policies/{created['id']}/sessions").get_json()  # public
    assert [s["id"] for s in listed["items"]] == [held["id"]]
    [event] = events(consultation, "consultation.session.")
    assert event["type"] == "consultation.session.held" and event["subject"] == held["id"]
    assert event["data"]["stakeholder_groups"] == ["government", "community"]
    assert event["data"]["held_on"] == "2026-03-02" and event["data"]["format"] == "public_hearing"


def test_an_operator_of_another_department_may_not_record_one(consultation, admin, dinkes):
    created = policy(consultation.client, admin, state="in_consultation", department_code="BKPSDM")
    resp = consultation.client.post(f"/api/v1/policies/{created['id']}/sessions", json=HEARING, headers=dinkes)
    assert resp.status_code == 403
    assert events(consultation, "consultation.session.") == []


def test_bad_sessions_get_field_errors(consultation, admin):
    created = policy(consultation.client, admin, state="in_consultation")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    bad = {**HEARING, "held_on": tomorrow, "format": "rally", "stakeholder_groups": ["community", "community"],
           "participants": 0}
    resp = consultation.client.post(f"/api/v1/policies/{created['id']}/sessions", json=bad, headers=admin)
    assert resp.status_code == 422
    assert resp.content_type == "application/problem+json"
    assert set(resp.get_json()["errors"]) == {"held_on", "format", "stakeholder_groups", "participants"}
