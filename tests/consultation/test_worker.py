"""The worker runs the deadline sweep on its own: an overdue report is announced without anyone asking."""
from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlalchemy import update

from services.consultation import worker
from services.consultation.config import Config
from services.consultation.db.models import Feedback
from tests.consultation.helpers import events, feedback_id, submit
from tests.support.workers import wait_for


def test_the_worker_flags_an_overdue_report_once(consultation):
    fid = feedback_id(consultation, submit(consultation.client)["tracking_id"])
    long_ago = date.today() - timedelta(days=30)
    with consultation.db.transaction() as session:  # a report that has waited a month
        session.execute(update(Feedback).where(Feedback.id == fid).values(forward_due=long_ago))

    stop = threading.Event()
    thread = threading.Thread(target=worker.main, kwargs={"settings": consultation.settings, "stop": stop,
                                                          "config": Config(sweep_seconds=0.1),
                                                          "install_signals": False}, daemon=True)
    thread.start()
    try:
        wait_for(lambda: any(e["type"] == "consultation.feedback.overdue" for e in events(consultation)),
                 message="the overdue event")
        stop.wait(0.5)  # several more sweeps
    finally:
        stop.set()
        thread.join(timeout=30)
    overdue = [e for e in events(consultation) if e["type"] == "consultation.feedback.overdue"]
    assert len(overdue) == 1 and overdue[0]["data"]["overdue_stage"] == "forward"
