"""The staff side of a report's follow-up: forward, re-route, ask the citizen, respond, reopen, close;
the official answer and moderation.

Each use case locks the report, checks that this staff member may take the step (access.py),
takes it (feedback_steps.py) and returns the staff view of the report.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Policy
from services.consultation.domain.deadlines import Deadlines
from services.consultation.domain.report_flow import Step
from services.consultation.workflow import access
from services.consultation.workflow import feedback_steps as steps
from services.consultation.workflow.departments import require_receiving_department
from services.consultation.workflow.feedback_views import load_for_handling, staff_view
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def _load(session: Session, principal: Principal, feedback_id: str, step: Step):
    fb = load_for_handling(session, principal, feedback_id, for_update=True)
    access.require_step(principal, fb, step)
    return fb


def forward_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str,
                     department_code: str, note: str | None, deadlines: Deadlines) -> dict:
    """Verify a report and forward it to the responsible department (BKPSDM, within 3 working days)."""
    access.require_admin(principal, "forward reports")
    fb = _load(session, principal, feedback_id, Step.FORWARD)
    require_receiving_department(session, department_code)
    steps.forward(session, principal, now, fb, department_code, note, deadlines)
    return staff_view(fb, principal, now)


def reroute_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str,
                     department_code: str, reason: str, deadlines: Deadlines) -> dict:
    """Move a report to another department, with a reason; that department's deadline starts again (BKPSDM)."""
    access.require_admin(principal, "re-route reports")
    fb = _load(session, principal, feedback_id, Step.REROUTE)
    require_receiving_department(session, department_code)
    steps.reroute(session, principal, now, fb, department_code, reason, deadlines)
    return staff_view(fb, principal, now)


def request_information(session: Session, principal: Principal, now: datetime, feedback_id: str, question: str,
                        deadlines: Deadlines) -> dict:
    """Ask the citizen for more information (shown on the tracking page and mailed); the clock pauses."""
    fb = _load(session, principal, feedback_id, Step.REQUEST_INFO)
    steps.request_info(session, principal, now, fb, question, deadlines)
    return staff_view(fb, principal, now)


def respond_to_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str, response: str,
                        deadlines: Deadlines) -> dict:
    """The follow-up, shown to the citizen: the assigned department's, or BKPSDM's (labelled so)."""
    fb = _load(session, principal, feedback_id, Step.RESPOND)
    steps.respond(session, principal, now, fb, response, deadlines)
    return staff_view(fb, principal, now)


def reopen_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str, reason: str | None,
                    deadlines: Deadlines) -> dict:
    """Reopen a report that was followed up or closed; the reason is shown to the citizen (BKPSDM)."""
    access.require_admin(principal, "reopen reports")
    fb = _load(session, principal, feedback_id, Step.REOPEN)
    steps.reopen(session, principal, now, fb, reason, deadlines, by_citizen=False)
    return staff_view(fb, principal, now)


def close_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str,
                   reason: str | None) -> dict:
    """Close a report; closing one that was not followed up needs a reason, shown publicly."""
    fb = _load(session, principal, feedback_id, Step.CLOSE)
    steps.close(session, principal, now, fb, reason)
    return staff_view(fb, principal, now)


def answer_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str, outcome: str,
                    reason: str | None, policy_version: int | None) -> dict:
    """The official answer on a policy: accepted into a version, rejected with a reason, or noted (BKPSDM)."""
    access.require_admin(principal, "answer feedback officially")
    fb = load_for_handling(session, principal, feedback_id, for_update=True)
    if fb.policy_id is None:
        raise Conflict("Only feedback about a policy gets an official answer.")
    latest = session.execute(select(Policy.version).where(Policy.id == fb.policy_id)).scalar_one()
    if policy_version is not None and policy_version > latest:
        raise Invalid("policy_version", f"At most {latest}.",
                      detail=f"The policy has no version {policy_version} yet (latest: {latest}).")
    steps.answer(session, principal, now, fb, outcome, reason, policy_version)
    return staff_view(fb, principal, now)


def hide_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str, reason: str) -> dict:
    """Hide abusive content with a reason; the record stays, its text never shows publicly (BKPSDM)."""
    access.require_admin(principal, "hide feedback")
    fb = load_for_handling(session, principal, feedback_id, for_update=True)
    steps.hide(session, principal, now, fb, reason)
    return staff_view(fb, principal, now)


def publish_feedback(session: Session, principal: Principal, now: datetime, feedback_id: str) -> dict:
    """Let a public report's text show on its tracking page and in the public list (BKPSDM's moderation)."""
    access.require_admin(principal, "publish reports")
    fb = load_for_handling(session, principal, feedback_id, for_update=True)
    steps.publish(session, principal, now, fb)
    return staff_view(fb, principal, now)
