"""Consultation's copy of personnel's departments: kept from personnel.department.* events, checked before work is sent."""
from __future__ import annotations

import pytest

from services.consultation.workflow.departments import record_department
from shared.db import utcnow
from shared.errors import Forbidden
from shared.principal import PUBLIC
from tests.consultation.helpers import COMPLAINT, department_event, events, feedback_id, policy, step, submit


def forward(svc, admin, fid, department, expect):
    return step(svc.client, admin, fid, "forward", expect=expect, department_code=department)


def test_a_department_announced_by_personnel_can_receive_complaints(consultation, admin):
    fid = feedback_id(consultation, submit(consultation.client)["tracking_id"])
    refused = forward(consultation, admin, fid, "DINSOS", expect=422)
    assert list(refused["errors"]) == ["department_code"] and "DINSOS" in refused["errors"]["department_code"][0]

    department_event(consultation, "DINSOS", "Dinas Sosial")
    forwarded = forward(consultation, admin, fid, "DINSOS", expect=200)
    assert forwarded["department_code"] == "DINSOS" and forwarded["status"] == "forwarded"


def test_a_dissolved_department_receives_no_more_complaints(consultation, admin):
    department_event(consultation, "DINSOS", "Dinas Sosial")
    department_event(consultation, "DINSOS", "Dinas Sosial", verb="dissolved", status="dissolved", sequence=2)
    fid = feedback_id(consultation, submit(consultation.client)["tracking_id"])
    refused = forward(consultation, admin, fid, "DINSOS", expect=422)
    assert "dissolved" in refused["errors"]["department_code"][0]
    assert [e["type"] for e in events(consultation)] == ["consultation.feedback.submitted"]  # nothing moved
    created = consultation.client.post("/api/v1/policies", headers=admin, json={
        "code": "PERWAL-SOSIAL", "title": "Bantuan sosial", "summary": "Penyaluran bantuan sosial oleh OPD.",
        "department_code": "DINSOS"})
    assert created.status_code == 422 and "department_code" in created.get_json()["errors"]


def test_an_older_version_of_a_department_arriving_late_is_ignored(consultation, admin):
    department_event(consultation, "DINSOS", "Dinas Sosial", verb="dissolved", status="dissolved", sequence=3)
    department_event(consultation, "DINSOS", "Dinas Sosial", verb="updated", status="active", sequence=2)
    department_event(consultation, "DINSOS", "Dinas Sosial", verb="created", status="active", sequence=1)
    fid = feedback_id(consultation, submit(consultation.client)["tracking_id"])
    assert "dissolved" in forward(consultation, admin, fid, "DINSOS", expect=422)["errors"]["department_code"][0]

    department_event(consultation, "DINSOS", "Dinas Sosial", verb="updated", status="active", sequence=4)  # re-opened
    assert forward(consultation, admin, fid, "DINSOS", expect=200)["department_code"] == "DINSOS"


def test_feedback_naming_an_unknown_department_is_refused(consultation):
    resp = consultation.client.post("/api/v1/feedback", json={**COMPLAINT, "department_code": "DINAS-ANTAH"})
    assert resp.status_code == 422 and resp.content_type == "application/problem+json"
    assert list(resp.get_json()["errors"]) == ["department_code"]
    assert events(consultation) == []
    assert submit(consultation.client, department_code=None)["status"] == "received"  # naming one is optional


def test_a_policy_led_by_an_unknown_department_is_refused(consultation, admin):
    body = {"code": "PERWAL-X", "title": "Kebijakan", "summary": "Ringkasan kebijakan ini.",
            "department_code": "DINAS-ANTAH"}
    resp = consultation.client.post("/api/v1/policies", json=body, headers=admin)
    assert resp.status_code == 422 and list(resp.get_json()["errors"]) == ["department_code"]
    assert events(consultation, "consultation.policy.") == []
    draft = policy(consultation.client, admin, code="PERWAL-Y", department_code="DINKES")
    moved = consultation.client.patch(f"/api/v1/policies/{draft['id']}", json={"department_code": "DINAS-ANTAH"},
                                      headers=admin)
    assert moved.status_code == 422 and "department_code" in moved.get_json()["errors"]


def test_only_the_system_changes_the_copy(consultation):
    with consultation.db.transaction() as session, pytest.raises(Forbidden):
        record_department(session, PUBLIC, utcnow(), {"code": "PALSU", "name": "Palsu", "type": "dinas",
                                                      "status": "active"}, 1)
