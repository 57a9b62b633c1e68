"""The follow-up of a report: forwarded by BKPSDM, answered by the OPD it was sent to, closed; with scoping."""
from __future__ import annotations

from tests.consultation.helpers import COMPLAINT, events, feedback_id, policy, step, submit


def forwarded_complaint(svc, admin, department="DINKES"):
    receipt = submit(svc.client)
    fid = feedback_id(svc, receipt["tracking_id"])
    step(svc.client, admin, fid, "forward", department_code=department, note="Diteruskan ke Dinas Kesehatan.")
    return receipt, fid


def test_forward_respond_close_each_emit_the_state_reporting_needs(consultation, admin, dinkes):
    c = consultation.client
    receipt, fid = forwarded_complaint(consultation, admin)
    responded = step(c, dinkes, fid, "respond", response="Jam layanan puskesmas ditambah mulai pekan depan.")
    assert responded["status"] == "responded" and responded["auto_close_due"]
    step(c, dinkes, fid, "close")

    sent = events(consultation)
    assert [e["type"].rsplit(".", 1)[1] for e in sent] == ["submitted", "forwarded", "responded", "closed"]
    assert [e["sequence"] for e in sent] == [1, 2, 3, 4]
    forwarded, closed = sent[1]["data"], sent[3]["data"]
    assert forwarded["department_code"] == "DINKES" and forwarded["forward_deadline_met"] is True
    assert forwarded["follow_up_due"] and forwarded["follow_up_deadline_met"] is None
    assert closed["follow_up_deadline_met"] is True and closed["closed_by"] == "staff"
    assert all(e["subject"] == sent[0]["subject"] and "tracking_id" not in e["data"] for e in sent)


def test_an_operator_handles_only_what_was_forwarded_to_their_department(consultation, admin, dinkes, dishub):
    c = consultation.client
    _receipt, fid = forwarded_complaint(consultation, admin, department="DINKES")
    not_yet = feedback_id(consultation, submit(c, department_code="DISHUB")["tracking_id"])

    assert step(c, dishub, fid, "respond", expect=403, response="Bukan urusan kami, tetapi dijawab.")["status"] == 403
    assert c.get(f"/api/v1/feedback/{fid}", headers=dishub).status_code == 403
    # Naming a department in the form is not a disposition: BKPSDM verifies and forwards first.
    assert step(c, dishub, not_yet, "respond", expect=403, response="Kami tanggapi lebih dulu.")["status"] == 403
    assert c.get("/api/v1/feedback", headers=dishub).get_json()["total"] == 0
    listed = c.get("/api/v1/feedback", headers=dinkes).get_json()
    assert [item["id"] for item in listed["items"]] == [fid]
    assert step(c, dinkes, fid, "forward", expect=403, department_code="DINKES")["status"] == 403
    assert c.get("/api/v1/feedback").status_code == 401


def test_contact_is_shown_to_admins_only(consultation, admin, dinkes):
    _receipt, fid = forwarded_complaint(consultation, admin)
    as_admin = consultation.client.get(f"/api/v1/feedback/{fid}", headers=admin).get_json()
    assert as_admin["contact"] == COMPLAINT["contact"]
    as_operator = consultation.client.get(f"/api/v1/feedback/{fid}", headers=dinkes).get_json()
    assert as_operator["contact"] is None and as_operator["text"] == COMPLAINT["text"]


def test_forbidden_follow_up_moves_are_conflicts(consultation, admin, dinkes):
    c = consultation.client
    fid = feedback_id(consultation, submit(c)["tracking_id"])
    assert step(c, admin, fid, "respond", expect=409, response="Tanggapan sebelum diteruskan.")["status"] == 409
    closing = step(c, admin, fid, "close", expect=409)
    assert "reason" in closing["detail"]  # closing without a disposition must be explained
    closed = step(c, admin, fid, "close", reason="Laporan ganda dari TBT-2026-0000-0000.")
    assert closed["status"] == "closed"
    assert step(c, admin, fid, "forward", expect=409, department_code="DINKES")["status"] == 409


def test_filters_and_pagination(consultation, admin):
    c = consultation.client
    for _ in range(3):
        submit(c)
    submit(c, kind="aspirasi", category="sarana_prasarana")
    page = c.get("/api/v1/feedback?kind=pengaduan&page_size=2", headers=admin).get_json()
    assert (page["total"], len(page["items"])) == (3, 2)
    assert c.get("/api/v1/feedback?category=sarana_prasarana", headers=admin).get_json()["total"] == 1
    assert c.get("/api/v1/feedback?overdue=true", headers=admin).get_json()["total"] == 0
    assert c.get("/api/v1/feedback?overdue=false&status=received", headers=admin).get_json()["total"] == 4
    assert c.get("/api/v1/feedback?status=lost", headers=admin).status_code == 422


def test_official_answers_follow_the_rules(consultation, admin):
    c = consultation.client
    created = policy(c, admin, state="in_consultation")
    fid = feedback_id(consultation, submit(c, kind="aspirasi", policy_id=created["id"])["tracking_id"])
    assert "policy_version" in step(c, admin, fid, "answer", expect=422, outcome="accepted")["errors"]
    assert "policy_version" in step(c, admin, fid, "answer", expect=422, outcome="accepted",
                                    policy_version=3)["errors"]
    assert "reason" in step(c, admin, fid, "answer", expect=422, outcome="rejected")["errors"]
    answered = step(c, admin, fid, "answer", outcome="rejected", reason="Sudah diatur dalam Perwal lain.")
    assert answered["answer_outcome"] == "rejected"
    assert events(consultation)[-1]["type"] == "consultation.feedback.answered"
    assert events(consultation)[-1]["data"]["answer_outcome"] == "rejected"
    no_policy = feedback_id(consultation, submit(c)["tracking_id"])
    assert step(c, admin, no_policy, "answer", expect=409, outcome="noted")["status"] == 409


def test_the_history_records_who_acted_with_their_name(consultation):
    import time

    import jwt

    claims = {"sub": "199001012015011001", "roles": ["asn-admin"], "name": "Rina Lubis (BKPSDM)", "exp": int(time.time()) + 600}
    rina = {"Authorization": "Bearer " + jwt.encode(claims, consultation.settings.jwt_secret, algorithm="HS256")}
    receipt = submit(consultation.client)
    fid = feedback_id(consultation, receipt["tracking_id"])
    step(consultation.client, rina, fid, "forward", department_code="DINKES")
    history = consultation.client.get(f"/api/v1/feedback/{fid}", headers=rina).get_json()["history"]
    assert [(h["actor"], h["actor_name"], h["actor_role"]) for h in history] == [
        ("public", "public", "public"), ("199001012015011001", "Rina Lubis (BKPSDM)", "admin")]

    created = policy(consultation.client, rina, state="in_consultation")
    staff = consultation.client.get(f"/api/v1/policies/{created['id']}", headers=rina).get_json()
    assert {h["actor_name"] for h in staff["history"]} == {"Rina Lubis (BKPSDM)"}
    public = consultation.client.get(f"/api/v1/policies/{created['id']}").get_json()
    assert "actor_name" not in public["history"][0] and "Rina" not in str(public)
