"""A complaint re-routed, reopened and paused in consultation reaches reporting over the real RabbitMQ, and its
figures follow: re-routings, reopenings, the citizen's satisfaction, the time waited for them."""
from __future__ import annotations

from sqlalchemy import select

from services.reporting.db.models import FeedbackFact
from tests.consultation.helpers import COMPLAINT, feedback_id, seed_departments, step
from tests.support.workers import running, wait_for


def test_the_follow_up_course_reaches_the_report(start_service, tokens):
    consultation, reporting = start_service("consultation"), start_service("reporting")
    seed_departments(consultation)
    c, admin, dishub = consultation.client, tokens("admin"), tokens("operator", "DISHUB")
    with running(relay=consultation.relay(), consumer=reporting.consumer()):
        tracking_id = c.post("/api/v1/feedback", json=COMPLAINT).get_json()["tracking_id"]
        fid = feedback_id(consultation, tracking_id)
        step(c, admin, fid, "forward", department_code="DINKES")
        step(c, admin, fid, "reroute", department_code="DISHUB", reason="Antrean terminal: Dinas Perhubungan.")
        step(c, dishub, fid, "request-info", question="Pada jam berapa Anda mengantre di terminal?")
        assert c.post(f"/api/v1/feedback/track/{tracking_id}/information",
                      json={"information": "Pukul tujuh pagi."}).status_code == 200
        step(c, dishub, fid, "respond", response="Loket tambahan dibuka pukul enam pagi.")
        assert c.post(f"/api/v1/feedback/track/{tracking_id}/reply", json={"satisfied": False}).status_code == 200

        def projected():
            with reporting.db.sessions() as session:
                fact = session.execute(select(FeedbackFact).where(FeedbackFact.feedback_id == fid)).scalar_one_or_none()
            return fact if fact is not None and fact.reopen_count == 1 else None

        fact = wait_for(projected, timeout=30, message="the reopened complaint in reporting")
    assert (fact.department_code, fact.status, fact.reroute_count, fact.citizen_satisfied) == (
        "DISHUB", "forwarded", 1, False)
    assert fact.paused_hours >= 0 and fact.follow_up_hours is not None
    section = reporting.client.get("/api/v1/reports/CITY?period=" + fact.submitted_at.strftime("%Y"),
                                   headers=admin).get_json()["sections"]["responsiveness"]
    assert section["rerouted"]["reports"] == 1 and section["reopened"]["reports"] == 1
    assert section["citizen_satisfaction"] == {"n": 1, "satisfied": 0, "share": 0.0}
