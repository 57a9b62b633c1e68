"""Improvement plans through the API and the worker: BKPSDM builds and adopts a plan, the owning department
works its actions, the worker flags an overdue action once, and every change is announced with the whole plan.

Real here: PostgreSQL and the Flask app; events are read back from the outbox, as the relay publishes them.
"""
from __future__ import annotations

from datetime import timedelta

from services.consultation.domain.working_days import local_date
from services.consultation.workflow.improvement import flag_overdue_actions
from shared.db import utcnow
from shared.principal import SYSTEM
from tests.consultation.helpers import events, policy

REC = {"scope": "DINKES", "rule": "pns_training", "figure": "competence.jp.pns.share_at_minimum", "value": 0.4,
       "threshold": 0.8, "text": "Rencanakan pelatihan: baru 40,0 % PNS mencapai 20 JP, di bawah target 80,0 %."}


def _deadline(days=90):
    return (local_date(utcnow()) + timedelta(days=days)).isoformat()


def _action(client, headers, policy_id, expect=201, **changes):
    body = {"policy_id": policy_id, "period": "2026", "recommendation": REC, "owner_department": "DINKES",
            "deadline": _deadline(), "description": "Pelatihan pelayanan prima 20 JP bagi seluruh PNS DINKES",
            **changes}
    resp = client.post("/api/v1/improvement-actions", json=body, headers=headers)
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def _move(client, headers, action_id, target, expect=200, **body):
    resp = client.post(f"/api/v1/improvement-actions/{action_id}/moves", json={"target": target, **body},
                       headers=headers)
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def _adopt(client, headers, plan_id, expect=200):
    resp = client.post(f"/api/v1/improvement-plans/{plan_id}/adoption", json={}, headers=headers)
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def test_a_recommendation_becomes_an_action_that_its_department_carries_out(consultation, admin, dinkes, dishub):
    c = consultation.client
    p = policy(c, admin, state="under_evaluation")
    action = _action(c, admin, p["id"])
    assert (action["rule"], action["value"], action["threshold"], action["source_scope"], action["state"]) == \
        ("pns_training", 0.4, 0.8, "DINKES", "planned")

    _move(c, dinkes, action["id"], "in_progress", expect=409)  # not adopted yet: a proposal
    assert _adopt(c, admin, action["plan_id"])["state"] == "adopted"
    _move(c, dishub, action["id"], "in_progress", expect=403)  # not DISHUB's action
    assert _move(c, dinkes, action["id"], "in_progress")["state"] == "in_progress"
    _move(c, dinkes, action["id"], "done", expect=422, note=" ")
    done = _move(c, dinkes, action["id"], "done", note="Pelatihan selesai: 38 PNS mengikuti 20 JP.")
    assert done["state"] == "done" and done["evidence_note"].startswith("Pelatihan selesai")
    _move(c, dinkes, action["id"], "dropped", expect=409, reason="terlambat")

    mine = c.get("/api/v1/improvement-actions", headers=dinkes).get_json()
    assert [(a["id"], a["done_on_time"]) for a in mine] == [(action["id"], True)]
    assert c.get("/api/v1/improvement-actions", headers=dishub).get_json() == []

    sent = events(consultation, "consultation.improvement.")
    assert [e["type"].rsplit(".", 1)[1] for e in sent] == ["plan_created", "action_added", "plan_adopted",
                                                          "action_started", "action_done"]
    assert [e["sequence"] for e in sent] == [1, 2, 3, 4, 5]
    last = sent[-1]["data"]
    assert last["policy_code"] == p["code"] and last["period"] == "2026" and last["action_id"] == action["id"]
    assert last["actions"][0]["state"] == "done" and last["actions"][0]["done_on_time"] is True
    assert "evidence_note" not in last["actions"][0]  # the note stays with the staff


def test_an_action_by_hand_needs_a_reason_and_a_known_department(consultation, admin, dinkes):
    c = consultation.client
    p = policy(c, admin, state="under_evaluation")
    refused = _action(c, admin, p["id"], expect=422, origin="manual", recommendation=None)
    assert "reason" in str(refused)
    _action(c, admin, p["id"], expect=422, owner_department="NOWHERE")
    _action(c, dinkes, p["id"], expect=403)
    manual = _action(c, admin, p["id"], origin="manual", recommendation=None, reason="Keluhan berulang di loket")
    assert manual["origin"] == "manual" and manual["rule"] is None


def test_a_dropped_action_keeps_its_reason(consultation, admin, dinkes):
    c = consultation.client
    p = policy(c, admin, state="under_evaluation")
    action = _action(c, admin, p["id"])
    _adopt(c, admin, action["plan_id"])
    _move(c, dinkes, action["id"], "dropped", expect=422)
    dropped = _move(c, dinkes, action["id"], "dropped", reason="Digabung dengan program provinsi")
    assert dropped["state"] == "dropped" and dropped["drop_reason"] == "Digabung dengan program provinsi"
    assert events(consultation, "consultation.improvement.action_dropped")[0]["data"]["actions"][0]["state"] == \
        "dropped"


def test_the_worker_flags_an_overdue_action_once(consultation, admin):
    c = consultation.client
    p = policy(c, admin, state="under_evaluation")
    late = _action(c, admin, p["id"], deadline=_deadline(10))
    _action(c, admin, p["id"], deadline=_deadline(90))
    _adopt(c, admin, late["plan_id"])
    later = utcnow() + timedelta(days=11)
    for _ in range(3):
        with consultation.db.transaction() as session:
            flag_overdue_actions(session, SYSTEM, later)
    flagged = events(consultation, "consultation.improvement.action_overdue")
    assert len(flagged) == 1 and flagged[0]["data"]["action_id"] == late["id"]
    assert flagged[0]["data"]["actions"][0]["overdue_at"] is not None
    shown = c.get(f"/api/v1/improvement-plans/{late['plan_id']}", headers=admin).get_json()
    assert shown["actions"][0]["overdue_at"] is not None


def test_adopting_a_plan_that_changes_the_text_revises_the_policy(consultation, admin):
    c = consultation.client
    p = policy(c, admin, state="under_evaluation")
    action = _action(c, admin, p["id"], policy_article=2,
                     description="Tenggat tanggapan pasal 2 dipersingkat menjadi tiga hari kerja")
    adopted = _adopt(c, admin, action["plan_id"])
    assert adopted["policy"]["state"] == "draft" and adopted["policy"]["version"] == p["version"] + 1
    moves = [e["type"] for e in events(consultation, "consultation.policy.")][-2:]
    assert moves == ["consultation.policy.revised", "consultation.policy.drafted"]
    _adopt(c, admin, action["plan_id"], expect=409)


def test_a_text_change_waits_for_the_evaluation(consultation, admin):
    c = consultation.client
    p = policy(c, admin, state="in_implementation")
    action = _action(c, admin, p["id"], policy_version=2)
    refused = _adopt(c, admin, action["plan_id"], expect=409)
    assert "under evaluation" in refused["detail"]
    plain = _action(c, admin, p["id"], period="2026-S2")
    assert _adopt(c, admin, plain["plan_id"])["policy"]["state"] == "in_implementation"


def test_a_draft_policy_has_no_plan(consultation, admin):
    c = consultation.client
    p = policy(c, admin, state="draft")
    _action(c, admin, p["id"], expect=409)
