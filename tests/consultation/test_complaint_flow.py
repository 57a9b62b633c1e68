"""SP4N-LAPOR!'s follow-up beyond the happy path: re-routing, asking the citizen (the pause), reopening and
escalation, BKPSDM's labelled response, and who may take which step."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import update

from services.consultation.db.models import Feedback
from services.consultation.domain.working_days import LOCAL_TZ
from tests.consultation.helpers import events, feedback_id, step, submit


def forwarded(svc, admin, department="DINKES", **changes):
    receipt = submit(svc.client, **changes)
    fid = feedback_id(svc, receipt["tracking_id"])
    step(svc.client, admin, fid, "forward", department_code=department)
    return receipt["tracking_id"], fid


def reply(client, tracking_id, satisfied, note=None, expect=200):
    resp = client.post(f"/api/v1/feedback/track/{tracking_id}/reply", json={"satisfied": satisfied, "note": note})
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def test_a_report_sent_to_the_wrong_department_is_rerouted_with_a_fresh_deadline(consultation, admin, dinkes, dishub):
    c = consultation.client
    tracking_id, fid = forwarded(consultation, admin)
    assert step(c, admin, fid, "reroute", expect=422, department_code="DINSOS",
                reason="Bukan urusan Dinas Kesehatan.")["errors"]["department_code"]
    assert step(c, admin, fid, "reroute", expect=422, department_code="DISHUB")["status"] == 422  # no reason
    assert step(c, dinkes, fid, "reroute", expect=403, department_code="DISHUB", reason="Bukan kami.")
    with consultation.db.transaction() as session:  # the first department's clock had run for a week
        session.execute(update(Feedback).where(Feedback.id == fid)
                        .values(follow_up_due=date(2020, 1, 6)))
    moved = step(c, admin, fid, "reroute", department_code="DISHUB", reason="Antrean di terminal: Dinas Perhubungan.")
    assert (moved["status"], moved["department_code"], moved["reroute_count"]) == ("forwarded", "DISHUB", 1)
    assert date.fromisoformat(moved["follow_up_due"]) > date.today()
    # The old department lets go, the new one takes over.
    assert c.get(f"/api/v1/feedback/{fid}", headers=dinkes).status_code == 403
    assert step(c, dishub, fid, "respond", response="Petugas loket terminal ditambah.")["responded_by"] == "opd"
    rerouted = [e for e in events(consultation) if e["type"] == "consultation.feedback.rerouted"]
    assert rerouted[0]["data"]["reroute_count"] == 1 and rerouted[0]["data"]["department_code"] == "DISHUB"
    tracking = c.get(f"/api/v1/feedback/track/{tracking_id}").get_json()
    assert "Antrean di terminal: Dinas Perhubungan." in [h["note"] for h in tracking["history"]]


def test_not_satisfied_twice_goes_back_to_the_department_then_to_bkpsdm(consultation, admin, dinkes):
    c = consultation.client
    tracking_id, fid = forwarded(consultation, admin)
    for round_ in (1, 2):
        step(c, dinkes, fid, "respond", response=f"Tindak lanjut ke-{round_}: jam layanan ditambah.")
        again = reply(c, tracking_id, False, "Antrean masih panjang.")
        assert again["status"] == "forwarded" and again["department_name"] == "Dinas Kesehatan"
    step(c, dinkes, fid, "respond", response="Tindak lanjut ke-3: loket tambahan dibuka.")
    escalated = reply(c, tracking_id, False, "Tetap sama saja.")
    assert (escalated["status"], escalated["status_label"]) == ("escalated", "Ditangani BKPSDM")
    # Now it is BKPSDM's: the department may read it but no longer answer it.
    assert step(c, dinkes, fid, "respond", expect=403, response="Kami jawab lagi.")["status"] == 403
    answered = step(c, admin, fid, "respond", response="BKPSDM meminta Dinkes menambah dua petugas loket.")
    assert answered["responded_by"] == "bkpsdm" and answered["response_label"] == "Tanggapan BKPSDM"
    page = c.get(f"/api/v1/feedback/track/{tracking_id}").get_json()
    assert page["response"]["label"] == "Tanggapan BKPSDM"
    closed = reply(c, tracking_id, True, "Sekarang lancar.")
    assert closed["status"] == "closed"
    last = events(consultation)[-1]["data"]
    assert (last["reopen_count"], last["citizen_satisfied"], last["closed_by"]) == (3, True, "citizen")
    assert "Antrean masih panjang." not in str(events(consultation))  # the citizen's words stay home


def test_asking_the_citizen_pauses_the_clock_by_the_working_days_waited(consultation, admin, dinkes):
    c = consultation.client
    tracking_id, fid = forwarded(consultation, admin)
    asked = step(c, dinkes, fid, "request-info", question="Di puskesmas mana dan pada jam berapa Anda mengantre?")
    assert asked["status"] == "info_requested" and asked["info_due"]
    assert c.get("/api/v1/feedback?overdue=true", headers=admin).get_json()["total"] == 0
    question = c.get(f"/api/v1/feedback/track/{tracking_id}").get_json()["question"]
    assert question["text"].startswith("Di puskesmas mana")
    # The question was asked on Monday 2 March 2026 with the deadline on Wednesday 4 March...
    monday = datetime(2026, 3, 2, 9, 0, tzinfo=LOCAL_TZ)
    with consultation.db.transaction() as session:
        session.execute(update(Feedback).where(Feedback.id == fid).values(
            info_requested_at=monday, follow_up_due=date(2026, 3, 4)))
    # ...and answered on Thursday 5 March: Tue, Wed, Thu waited, so the deadline moves to Monday 9 March.
    from services.consultation.config import load_config
    from services.consultation.workflow.feedback import provide_information
    from shared.principal import PUBLIC

    with consultation.db.transaction() as session:
        view = provide_information(session, PUBLIC, datetime.combine(date(2026, 3, 5), time(10), LOCAL_TZ),
                                   tracking_id, "Puskesmas Rambung, pukul 08.00 sampai 11.00.",
                                   load_config({}).categories, load_config({}).deadlines)
    assert view["status"] == "forwarded"
    staff = c.get(f"/api/v1/feedback/{fid}", headers=dinkes).get_json()
    assert staff["follow_up_due"] == "2026-03-09" and staff["paused_working_days"] == 3
    assert staff["paused_hours"] == 73.0
    assert staff["history"][-1]["internal_note"] == "Puskesmas Rambung, pukul 08.00 sampai 11.00."
    provided = [e for e in events(consultation) if e["type"] == "consultation.feedback.info_provided"][0]["data"]
    assert provided["paused_working_days"] == 3 and "Rambung" not in str(provided)


def test_the_citizen_answers_through_the_api_and_an_unasked_answer_is_a_conflict(consultation, admin):
    c = consultation.client
    tracking_id, fid = forwarded(consultation, admin)
    path = f"/api/v1/feedback/track/{tracking_id}/information"
    assert c.post(path, json={"information": "Puskesmas Rambung."}).status_code == 409
    step(c, admin, fid, "request-info", question="Kapan tepatnya kejadian itu terjadi?")
    done = c.post(path, json={"information": "Senin, 2 Maret, pukul 08.00."})
    assert done.status_code == 200 and done.get_json()["status"] == "forwarded"


def test_bkpsdm_reopens_a_closed_report_with_a_reason_shown_to_the_citizen(consultation, admin, dinkes):
    c = consultation.client
    tracking_id, fid = forwarded(consultation, admin)
    step(c, dinkes, fid, "respond", response="Jam layanan puskesmas ditambah.")
    step(c, dinkes, fid, "close")
    assert step(c, dinkes, fid, "reopen", expect=403, reason="Belum selesai.")["status"] == 403
    assert "reason" in step(c, admin, fid, "reopen", expect=422)["errors"]
    reopened = step(c, admin, fid, "reopen", reason="Ditutup sebelum pelapor menilai.")
    assert (reopened["status"], reopened["reopen_count"], reopened["closed_at"]) == ("forwarded", 1, None)
    notes = [h["note"] for h in c.get(f"/api/v1/feedback/track/{tracking_id}").get_json()["history"]]
    assert "Ditutup sebelum pelapor menilai." in notes


def test_only_the_steps_of_the_current_status_are_offered(consultation, admin, dinkes, dishub):
    c = consultation.client
    fid = feedback_id(consultation, submit(c)["tracking_id"])
    assert c.get(f"/api/v1/feedback/{fid}", headers=admin).get_json()["steps"] == ["forward", "request_info",
                                                                                   "close"]
    step(c, admin, fid, "forward", department_code="DINKES")
    assert c.get(f"/api/v1/feedback/{fid}", headers=dinkes).get_json()["steps"] == ["request_info", "respond"]
    assert c.get(f"/api/v1/feedback/{fid}", headers=admin).get_json()["steps"] == ["reroute", "request_info",
                                                                                   "respond"]
    assert c.get(f"/api/v1/feedback/{fid}", headers=dishub).status_code == 403
    for action, body in (("respond", {"response": "Dijawab oleh OPD lain."}), ("close", {"reason": "x"}),
                         ("request-info", {"question": "Pertanyaan dari OPD lain?"})):
        assert step(c, dishub, fid, action, expect=403, **body)["status"] == 403
