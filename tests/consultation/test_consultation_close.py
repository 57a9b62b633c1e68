"""A round of consultation closes by itself the day after its closing date, once, with its event."""
from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import update

from services.consultation import worker
from services.consultation.config import Config
from services.consultation.db.models import Policy
from services.consultation.domain.working_days import LOCAL_TZ
from services.consultation.workflow.consultation_close import close_due_consultations
from shared.errors import Forbidden
from shared.principal import PUBLIC, SYSTEM
from tests.consultation.helpers import events, move, policy
from tests.support.workers import wait_for


def close(svc, day: date, at: time, principal=SYSTEM):
    with svc.db.transaction() as session:
        return close_due_consultations(session, principal, datetime.combine(day, at, LOCAL_TZ))


def test_a_round_closes_after_its_last_day_in_wib(consultation, admin):
    c = consultation.client
    opened = policy(c, admin, state="in_consultation")
    closes_on = date.fromisoformat(opened["closes_on"])
    policy(c, admin, code="PERWAL-DRAFT")  # a draft is never closed

    assert close(consultation, closes_on, time(23, 59)) == []  # the last day is still open
    assert close(consultation, closes_on + timedelta(days=1), time(0, 1)) == ["PERWAL-ASN-01"]
    assert close(consultation, closes_on + timedelta(days=5), time(9, 0)) == []  # never twice
    detail = c.get(f"/api/v1/policies/{opened['id']}").get_json()
    assert detail["state"] == "consultation_closed" and detail["allowed_targets"] == ["in_revision"]
    assert detail["history"][-1]["reason"] == "Batas waktu konsultasi publik berakhir."
    [closed] = events(consultation, "consultation.policy.consultation_closed")
    assert closed["data"]["closes_on"] == opened["closes_on"] and closed["data"]["state"] == "consultation_closed"


def test_only_the_system_or_bkpsdm_closes_a_round(consultation, admin):
    pid = policy(consultation.client, admin, state="in_consultation")["id"]
    with pytest.raises(Forbidden):
        close(consultation, date(2099, 1, 1), time(9, 0), principal=PUBLIC)
    assert consultation.client.get(f"/api/v1/policies/{pid}").get_json()["state"] == "in_consultation"


def test_the_worker_closes_a_round_on_its_own(consultation, admin):
    pid = policy(consultation.client, admin, state="in_consultation")["id"]
    with consultation.db.transaction() as session:  # a round whose closing date passed yesterday
        session.execute(update(Policy).where(Policy.id == pid).values(closes_on=date.today() - timedelta(days=2)))
    stop = threading.Event()
    thread = threading.Thread(target=worker.main, kwargs={"settings": consultation.settings, "stop": stop,
                                                          "config": Config(close_seconds=0.1),
                                                          "install_signals": False}, daemon=True)
    thread.start()
    try:
        wait_for(lambda: events(consultation, "consultation.policy.consultation_closed"), message="the closing")
        stop.wait(0.5)  # several more passes
    finally:
        stop.set()
        thread.join(timeout=30)
    assert len(events(consultation, "consultation.policy.consultation_closed")) == 1
    move(consultation.client, admin, pid, "in_revision")
