"""The citizen's use cases: send a report (no login), and reply to the department's follow-up by tracking id.

The JSON API and the public form both call these, so a report is checked, stored and
announced the same way whichever door it came through.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.consultation.domain.categories import Categories
from services.consultation.domain.deadlines import Deadlines
from services.consultation.domain.feedback import FeedbackStatus
from services.consultation.workflow import feedback_steps as steps
from services.consultation.workflow.departments import require_receiving_department
from services.consultation.workflow.feedback_views import find_by_tracking_id, receipt, tracking_view
from services.consultation.workflow.policies import published_policy
from services.consultation.workflow.report_input import read_report
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def _check_references(session: Session, data: dict) -> None:
    """The policy and the department a report names must exist (and the policy be public)."""
    errors: dict[str, list[str]] = {}
    if data.get("policy_id") and published_policy(session, data["policy_id"]) is None:
        errors["policy_id"] = ["No published policy has this id."]
    if data.get("department_code"):
        try:
            require_receiving_department(session, data["department_code"])
        except Invalid as exc:
            errors.update(exc.errors)
    if errors:
        raise Invalid(errors=errors, indonesian="Kebijakan atau perangkat daerah yang dipilih tidak dikenal.")


def submit_feedback(session: Session, principal: Principal, now: datetime, raw: dict, deadlines: Deadlines,
                    categories: Categories) -> dict:
    """Check and store a citizen's report as received; the receipt carries its tracking id."""
    data = read_report(raw, categories)
    _check_references(session, data)
    fb = steps.receive(session, principal, now, data, categories.unsur_for(data["category"]), deadlines)
    return receipt(fb)


def reply_to_follow_up(session: Session, principal: Principal, now: datetime, tracking_id: str, satisfied: bool,
                       note: str | None, categories: Categories) -> dict:
    """The reporter's answer to the follow-up: satisfied closes the report, otherwise staff look again."""
    fb = find_by_tracking_id(session, tracking_id, for_update=True)
    if fb.status != FeedbackStatus.RESPONDED:
        raise Conflict("You can reply once the department has followed up, and before it is closed.",
                       indonesian="Tanggapan dapat dikirim setelah OPD menindaklanjuti laporan, "
                                              "dan sebelum laporan ditutup.")
    steps.citizen_reply(session, principal, now, fb, satisfied, note)
    session.flush()
    return tracking_view(session, fb, categories)
