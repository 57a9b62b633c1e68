"""Policies over HTTP: the life cycle with its forbidden moves, versions, history and public visibility."""
from __future__ import annotations

import pytest

from tests.consultation.helpers import events, move, policy, step, submit


def test_a_draft_is_staff_only_until_consultation_opens(consultation, admin):
    c = consultation.client
    created = policy(c, admin)
    assert (created["state"], created["version"]) == ("draft", 1)
    assert c.get(f"/api/v1/policies/{created['id']}").status_code == 404
    assert c.get("/api/v1/policies").get_json()["total"] == 0

    move(c, admin, created["id"], "in_consultation", reason="Dibuka untuk konsultasi publik")
    public = c.get(f"/api/v1/policies/{created['id']}").get_json()
    assert public["state"] == "in_consultation"
    assert [h["to_state"] for h in public["history"]] == ["draft", "in_consultation"]
    assert public["history"][1]["reason"] == "Dibuka untuk konsultasi publik"
    assert "actor" not in public["history"][1]  # the public sees what and why, staff see who
    staff = c.get(f"/api/v1/policies/{created['id']}", headers=admin).get_json()
    assert staff["history"][1]["actor"] == "test-admin"


def test_each_transition_emits_its_event_with_a_rising_sequence(consultation, admin):
    created = policy(consultation.client, admin, state="under_evaluation")
    sent = events(consultation, "consultation.policy.")
    assert [e["type"] for e in sent] == [
        "consultation.policy.drafted", "consultation.policy.consultation_opened",
        "consultation.policy.consultation_closed", "consultation.policy.revision_started",
        "consultation.policy.adopted", "consultation.policy.implementation_started",
        "consultation.policy.evaluation_started"]
    assert [e["sequence"] for e in sent] == [1, 2, 3, 4, 5, 6, 7]
    assert {e["subject"] for e in sent} == {created["id"]}
    # The consulted draft is version 1; the revision works on version 2, which is adopted.
    assert [(e["data"]["state"], e["data"]["version"]) for e in sent] == [
        ("draft", 1), ("in_consultation", 1), ("consultation_closed", 1), ("in_revision", 2), ("adopted", 2),
        ("in_implementation", 2), ("under_evaluation", 2)]
    adopted = sent[4]["data"]
    assert adopted["code"] == "PERWAL-ASN-01" and adopted["consulted_version"] == 1
    assert adopted["adopted_version"] == 2 and adopted["article_count"] == 2
    assert adopted["changed_articles"] == [] and adopted["unanswered_comments"] == 0
    # Every later event carries the latest adoption as it was, so a consumer never needs the adoption event itself.
    later = sent[6]["data"]
    assert (later["adopted_at"], later["changed_articles"], later["unanswered_at_adoption"]) == (
        adopted["adopted_at"], [], 0)
    assert sent[1]["data"]["closes_on"] and sent[1]["data"]["consultation_round"] == 1


@pytest.mark.parametrize(("state", "target"), [
    ("draft", "adopted"),                  # skipping the consultation
    ("draft", "retired"),
    ("in_consultation", "draft"),          # withdrawing a consultation is not allowed
    ("in_consultation", "adopted"),        # adopting before the round closed and the draft was revised
    ("consultation_closed", "adopted"),
    ("adopted", "in_consultation"),
    ("in_implementation", "revised"),      # revision only after evaluation
])
def test_forbidden_transitions_are_refused_and_change_nothing(consultation, admin, state, target):
    c = consultation.client
    created = policy(c, admin, state=state)
    before = len(events(consultation))
    problem = move(c, admin, created["id"], target, expect=409)
    assert problem["status"] == 409
    assert f"from {state} to {target}" in problem["detail"]
    assert "allowed:" in problem["detail"]
    assert c.get(f"/api/v1/policies/{created['id']}", headers=admin).get_json()["state"] == state
    assert len(events(consultation)) == before


def test_an_unknown_target_is_a_validation_error(consultation, admin):
    created = policy(consultation.client, admin)
    problem = move(consultation.client, admin, created["id"], "approved", expect=422)
    assert "target" in problem["errors"]


def test_revising_keeps_the_old_version_and_starts_the_next_in_draft(consultation, admin):
    c = consultation.client
    created = policy(c, admin, state="under_evaluation")
    revised = move(c, admin, created["id"], "revised", reason="Hasil evaluasi tahunan")
    assert (revised["state"], revised["version"]) == ("draft", 3)
    assert [v["version"] for v in revised["versions"]] == [1, 2, 3]
    tail = events(consultation, "consultation.policy.")[-2:]
    assert [(e["type"], e["data"]["version"], e["data"]["state"]) for e in tail] == [
        ("consultation.policy.revised", 2, "revised"), ("consultation.policy.drafted", 3, "draft")]
    assert tail[0]["sequence"] < tail[1]["sequence"]

    resp = c.patch(f"/api/v1/policies/{created['id']}", json={"title": "Percepatan tanggapan pengaduan v3"},
                   headers=admin)
    assert resp.status_code == 200
    # Still public while version 3 is drafted, but only its published versions: the draft is staff business.
    detail = c.get(f"/api/v1/policies/{created['id']}").get_json()
    assert (detail["public_version"], [v["version"] for v in detail["versions"]]) == (2, [1, 2])
    staff = c.get(f"/api/v1/policies/{created['id']}", headers=admin).get_json()
    assert [v["title"] for v in staff["versions"]][-1] == "Percepatan tanggapan pengaduan v3"
    assert [v["frozen_for"] for v in staff["versions"]] == ["consultation", "adoption", None]


def test_only_a_draft_can_be_edited(consultation, admin):
    created = policy(consultation.client, admin, state="in_consultation")
    resp = consultation.client.patch(f"/api/v1/policies/{created['id']}", json={"title": "Judul baru"},
                                     headers=admin)
    assert resp.status_code == 409


def test_only_admins_write_policies(consultation, admin, dinkes):
    c = consultation.client
    body = {"code": "PERWAL-X", "title": "Kebijakan", "summary": "Ringkasan kebijakan ini."}
    assert c.post("/api/v1/policies", json=body).status_code == 401
    assert c.post("/api/v1/policies", json=body, headers=dinkes).status_code == 403
    created = policy(c, admin)
    assert move(c, dinkes, created["id"], "in_consultation", expect=403)["status"] == 403
    assert c.post("/api/v1/policies", json={**body, "code": "PERWAL-ASN-01"}, headers=admin).status_code == 409


def test_a_policy_shows_the_feedback_accepted_into_it(consultation, admin):
    c = consultation.client
    created = policy(c, admin, state="in_consultation")
    receipt = submit(c, kind="aspirasi", policy_id=created["id"], category="penanganan_pengaduan",
                     text="Mohon ada batas waktu tanggapan pengaduan yang jelas.")
    fid = c.get("/api/v1/feedback", headers=admin).get_json()["items"][0]["id"]
    step(c, admin, fid, "answer", outcome="accepted", policy_version=1,
         reason="Batas waktu 5 hari kerja dimasukkan ke pasal 4.")
    shaped = c.get(f"/api/v1/policies/{created['id']}").get_json()["shaped_by"]
    assert len(shaped) == 1
    assert shaped[0]["answered_in_version"] == 1
    assert shaped[0]["answer"] == "Batas waktu 5 hari kerja dimasukkan ke pasal 4."
    assert receipt["tracking_id"] not in str(shaped)  # the citizen's key stays with the citizen
    assert "Mohon ada batas waktu" not in str(shaped)
