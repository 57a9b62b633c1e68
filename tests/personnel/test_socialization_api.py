"""Policy socialization: the local copy of consultation's policies, sessions for them, and attendance."""
from datetime import date, timedelta

import pytest

from services.personnel.db.models import KnownPolicy, SocializationAttendance, SocializationSession
from services.personnel.handlers import POLICY_SUFFIXES, SUBSCRIPTIONS
from shared.envelope import Envelope
from tests.personnel.conftest import OUTBOX, count

SUFFIX_OF = {"draft": "drafted", "in_consultation": "consultation_opened", "adopted": "adopted",
             "in_implementation": "implementation_started", "retired": "retired"}


def hear(api, state="adopted", sequence=1, policy_id="pol-1", title="Perwali Disiplin ASN"):
    """Apply a consultation.policy.* event the way personnel's consumer does."""
    event_type = f"consultation.policy.{SUFFIX_OF[state]}"
    env = Envelope(type=event_type, source="/asn/consultation", subject=policy_id, sequence=sequence, data={
        "policy_id": policy_id, "code": "PERWALI-2026-07", "title": title, "version": 1, "state": state,
        "department_code": "BKPSDM", "changed_at": "2026-05-02T03:00:00Z", "reason": None, "future_field": 1})
    subscription = SUBSCRIPTIONS[event_type]
    with api.db.transaction() as session:
        return subscription.handle(session, env, subscription.schema.load(env.data))


def policy(api, policy_id="pol-1"):
    with api.db.sessions() as session:
        return session.get(KnownPolicy, policy_id)


def create_session(api, headers=None, **overrides):
    body = {"policy_id": "pol-1", "format": "workshop", "title": "Sosialisasi Perwali Disiplin ASN",
            "held_on": date.today().isoformat(), "department_codes": ["DINKES"], **overrides}
    return api.client.post("/api/v1/socialization-sessions", json=body, headers=headers or api.admin)


def test_every_policy_event_type_is_subscribed():
    assert {f"consultation.policy.{s}" for s in POLICY_SUFFIXES} <= set(SUBSCRIPTIONS)


def test_the_latest_policy_state_wins_whatever_the_order(api):
    assert hear(api, "in_consultation", sequence=2) is True
    assert hear(api, "draft", sequence=1) is False  # late and older: ignored
    assert hear(api, "in_consultation", sequence=2) is False  # repeated
    assert policy(api).state == "in_consultation"
    hear(api, "adopted", sequence=3, title="Perwali Disiplin ASN (final)")
    known = policy(api)
    assert (known.state, known.title, known.sequence) == ("adopted", "Perwali Disiplin ASN (final)", 3)
    listed = api.client.get("/api/v1/known-policies", headers=api.viewer).get_json()["items"]
    assert [(p["code"], p["state"]) for p in listed] == [("PERWALI-2026-07", "adopted")]


def test_a_session_needs_a_known_adopted_policy(api):
    assert create_session(api).status_code == 422  # not heard of
    hear(api, "in_consultation", sequence=2)
    resp = create_session(api)
    assert resp.status_code == 422 and "in_consultation" in resp.get_json()["detail"]
    hear(api, "adopted", sequence=3)
    resp = create_session(api, department_codes=["DINKES", "DISDIK"], format="seminar")
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["department_codes"] == ["DINKES", "DISDIK"] and resp.get_json()["attendees"] == 0
    hear(api, "retired", sequence=4)
    assert create_session(api).status_code == 422


def test_session_input_is_checked(api):
    hear(api)
    resp = create_session(api, format="webinar", department_codes=[], held_on="soon", title="")
    assert resp.status_code == 422
    assert set(resp.get_json()["errors"]) == {"format", "department_codes", "held_on", "title"}
    assert create_session(api, department_codes=["DINSOS"]).status_code == 422
    assert count(api.db, SocializationSession) == 0


def test_an_operator_plans_sessions_for_their_own_department(api):
    hear(api)
    assert create_session(api, headers=api.dinkes).status_code == 201
    assert create_session(api, headers=api.dinkes, department_codes=["DINKES", "DISDIK"]).status_code == 403
    assert create_session(api, headers=api.viewer).status_code == 403


def test_sessions_are_listed_by_department_and_policy(api):
    hear(api)
    hear(api, policy_id="pol-2")
    create_session(api, department_codes=["DINKES", "DISDIK"])
    create_session(api, policy_id="pol-2", department_codes=["DISDIK"])

    def titles(query):
        return len(api.client.get(f"/api/v1/socialization-sessions?{query}", headers=api.viewer).get_json()["items"])

    assert (titles("department_code=DINKES"), titles("department_code=DISDIK"), titles("policy_id=pol-2")) == (1, 2, 1)


@pytest.fixture
def held(api):
    hear(api)
    return create_session(api).get_json()


def attend(api, session_id, employee_ids, headers=None):
    return api.client.post(f"/api/v1/socialization-sessions/{session_id}/attendance",
                           json={"employee_ids": employee_ids}, headers=headers or api.admin)


def test_attendance_is_recorded_and_announced_per_employee(api, held):
    a, b = api.employee(name="Ani"), api.employee(name="Beni")
    resp = attend(api, held["id"], [a["id"], b["id"]], headers=api.dinkes)
    assert resp.status_code == 201 and resp.get_json()["recorded"] == 2
    events = api.events("personnel.socialization.")
    assert [e["data"]["employee_id"] for e in events] == [a["id"], b["id"]]
    assert events[0]["data"] == {"session_id": held["id"], "policy_id": "pol-1", "employee_id": a["id"],
                                 "department_code": "DINKES", "held_on": held["held_on"]}
    assert events[0]["subject"] != events[1]["subject"] and events[0]["sequence"] == 1
    listed = api.client.get(f"/api/v1/socialization-sessions/{held['id']}/attendance", headers=api.viewer)
    assert [x["name"] for x in listed.get_json()["items"]] == ["Ani", "Beni"]
    assert api.client.get(f"/api/v1/socialization-sessions/{held['id']}",
                          headers=api.viewer).get_json()["attendees"] == 2


def test_wrong_attendance_is_refused_and_leaves_nothing(api, held):
    own, other = api.employee(), api.employee("DISDIK")
    attend(api, held["id"], [own["id"]])
    before = (count(api.db, SocializationAttendance), count(api.db, OUTBOX))
    assert attend(api, held["id"], [other["id"]]).status_code == 422  # not a session for DISDIK
    assert attend(api, held["id"], [other["id"]], headers=api.dinkes).status_code == 403
    assert attend(api, held["id"], ["nobody"]).status_code == 422
    assert attend(api, held["id"], []).status_code == 422
    assert attend(api, "no-such-session", [own["id"]]).status_code == 404
    later = create_session(api, held_on=(date.today() + timedelta(days=7)).isoformat()).get_json()
    resp = attend(api, later["id"], [own["id"]])
    assert resp.status_code == 422 and "once it is held" in resp.get_json()["detail"]
    assert (count(api.db, SocializationAttendance), count(api.db, OUTBOX)) == before


def test_those_already_recorded_are_skipped_and_reported_not_a_failure(api, held):
    first, second, third = api.employee(name="Ani"), api.employee(name="Beni"), api.employee(name="Cici")
    attend(api, held["id"], [first["id"], second["id"]])
    resp = attend(api, held["id"], [first["id"], third["id"], second["id"]], headers=api.dinkes)
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["recorded"] == 1 and [e["name"] for e in body["recorded_employees"]] == ["Cici"]
    assert [e["name"] for e in body["already_recorded"]] == ["Ani", "Beni"]
    assert len(api.events("personnel.socialization.")) == 3
