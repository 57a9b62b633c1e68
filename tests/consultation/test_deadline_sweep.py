"""The scheduled deadline job, driven at chosen moments: overdue announced once per stage, silent reports closed."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from services.consultation.domain.working_days import LOCAL_TZ
from services.consultation.workflow.deadline_sweep import run_deadline_sweep
from shared.principal import SYSTEM
from tests.consultation.helpers import events, feedback_id, step, submit


def sweep(svc, day: date, at: time):
    with svc.db.transaction() as session:
        return run_deadline_sweep(session, SYSTEM, datetime.combine(day, at, LOCAL_TZ))


def staff_view(svc, headers, fid):
    return svc.client.get(f"/api/v1/feedback/{fid}", headers=headers).get_json()


def overdue_events(svc):
    return [e for e in events(svc) if e["type"] == "consultation.feedback.overdue"]


def test_a_missed_deadline_is_announced_once_per_stage(consultation, admin):
    c = consultation.client
    receipt = submit(c)
    fid = feedback_id(consultation, receipt["tracking_id"])
    forward_due = date.fromisoformat(receipt["forward_due"])

    assert sweep(consultation, forward_due, time(23, 59)).overdue == 0  # the due day itself is still on time
    assert sweep(consultation, forward_due + timedelta(days=1), time(0, 1)).overdue == 1
    assert sweep(consultation, forward_due + timedelta(days=9), time(9, 0)).overdue == 0  # never twice
    [late] = overdue_events(consultation)
    assert late["data"]["overdue_stage"] == "forward" and late["data"]["forward_deadline_met"] is False
    assert late["data"]["status"] == "received" and late["subject"] == fid

    step(c, admin, fid, "forward", department_code="DINKES")
    follow_up_due = date.fromisoformat(staff_view(consultation, admin, fid)["follow_up_due"])
    assert sweep(consultation, follow_up_due, time(23, 59)).overdue == 0
    assert sweep(consultation, follow_up_due + timedelta(days=1), time(0, 1)).overdue == 1
    assert sweep(consultation, follow_up_due + timedelta(days=30), time(12, 0)).overdue == 0
    stages = [e["data"]["overdue_stage"] for e in overdue_events(consultation)]
    assert stages == ["forward", "follow_up"]
    assert overdue_events(consultation)[1]["data"]["follow_up_deadline_met"] is False
    tracking = c.get(f"/api/v1/feedback/track/{receipt['tracking_id']}").get_json()
    assert "overdue_follow_up" in [h["action"] for h in tracking["history"]]


def test_a_responded_report_closes_itself_when_the_citizen_stays_silent(consultation, admin, dinkes):
    """The one who said "not satisfied" is reopened (a new follow-up deadline), never auto-closed."""
    c = consultation.client
    silent, answered = (submit(c)["tracking_id"] for _ in range(2))
    for tracking_id in (silent, answered):
        fid = feedback_id(consultation, tracking_id)
        step(c, admin, fid, "forward", department_code="DINKES")
        step(c, dinkes, fid, "respond", response="Jam layanan puskesmas ditambah mulai pekan depan.")
    reply = c.post(f"/api/v1/feedback/track/{answered}/reply",
                   json={"satisfied": False, "note": "Belum ada perubahan di lapangan."})
    assert reply.status_code == 200 and reply.get_json()["status"] == "forwarded"
    close_day = date.fromisoformat(staff_view(consultation, admin, feedback_id(consultation, silent))["auto_close_due"])

    assert sweep(consultation, close_day - timedelta(days=1), time(23, 59)).closed == 0
    result = sweep(consultation, close_day, time(0, 1))
    assert result.closed == 1  # (the reopened one's new deadline was missed, and flagged, the day before)
    assert sweep(consultation, close_day + timedelta(days=5), time(8, 0)).closed == 0

    closed = [e for e in events(consultation) if e["type"] == "consultation.feedback.closed"]
    assert [e["data"]["feedback_id"] for e in closed] == [feedback_id(consultation, silent)]
    assert closed[0]["data"]["closed_by"] == "system" and closed[0]["data"]["follow_up_deadline_met"] is True
    assert c.get(f"/api/v1/feedback/track/{silent}").get_json()["status"] == "closed"
    assert c.get(f"/api/v1/feedback/track/{answered}").get_json()["status"] == "forwarded"
