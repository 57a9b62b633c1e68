"""The follow-up of a citizen's report, step by step (SP4N-LAPOR!): each step is a history row, one event and
perhaps an e-mail to the citizen, all in the caller's transaction.

Which status a step leads to is decided by domain/report_flow.py alone; this module writes what
each step changes (deadlines, counters, the pause). Who may take a step is decided by the use
cases around it (workflow/feedback.py, followup.py, deadline_sweep.py) through access.py.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, FeedbackHistory
from services.consultation.domain.deadlines import Deadlines
from services.consultation.domain.feedback import (
    AnswerError,
    AnswerOutcome,
    Privacy,
    check_answer,
    keeps_contact,
    new_tracking_id,
)
from services.consultation.domain.report_flow import (
    EVENT,
    FlowError,
    Status,
    Step,
    Where,
    allowed_steps,
    target,
)
from services.consultation.domain.working_days import local_date
from services.consultation.events import emit, feedback_payload
from services.consultation.workflow.notifications import queue_mail
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def _record(session: Session, fb: Feedback, action: str, principal: Principal, now: datetime, *,
            event: str | None, public_note: str | None = None, internal_note: str | None = None) -> Feedback:
    fb.version += 1
    session.add(FeedbackHistory(feedback_id=fb.id, feedback_version=fb.version, action=action, status=fb.status,
                                actor=principal.subject, actor_name=principal.display_name,
                                actor_role=principal.role, public_note=public_note, internal_note=internal_note,
                                at=now))
    if event:
        emit(session, f"consultation.feedback.{event}", fb.id, feedback_payload(fb, now), fb.version)
        queue_mail(session, fb, event, now, public_note)
    return fb


def _take(fb: Feedback, step: Step, reason: str | None = None, where: Where = Where()) -> str:
    """The status after `step`, or Conflict naming the steps this report may take now."""
    try:
        return target(step, fb.status, where, reason).value
    except FlowError as exc:
        if "needs a reason" in str(exc):
            raise Invalid("reason", str(exc), indonesian="Tuliskan alasannya.") from None
        raise Conflict(str(exc), allowed=allowed_steps(fb.status),
                       indonesian="Laporan ini tidak dapat diproses seperti itu pada tahap ini.") from None


def _unused_tracking_id(session: Session, now: datetime) -> str:
    while True:  # 40 random bits: a clash is rare, and the unique index still guards the race
        candidate = new_tracking_id(local_date(now).year)
        if session.execute(select(Feedback.id).where(Feedback.tracking_id == candidate)).first() is None:
            return candidate


def _hours(since: datetime, until: datetime) -> float:
    return max(0.0, (until - since).total_seconds() / 3600)


def receive(session: Session, principal: Principal, now: datetime, data: dict, unsur: str | None,
            deadlines: Deadlines) -> Feedback:
    """Store a checked report as received, with its forwarding deadline; an anonymous one keeps no contact."""
    privacy = data.get("privacy") or Privacy.CONFIDENTIAL.value
    contact = (data.get("contact") or {}) if keeps_contact(privacy) else {}
    fb = Feedback(
        tracking_id=_unused_tracking_id(session, now), kind=data["kind"], category=data["category"],
        unsur=unsur, policy_id=data.get("policy_id"), department_code=data.get("department_code"),
        text=data["text"], contact_name=contact.get("name"), contact_phone=contact.get("phone"),
        contact_email=contact.get("email"), status=Status.RECEIVED.value, submitted_at=now,
        forward_due=deadlines.forward_due(now), hidden=False, version=0, privacy=privacy,
        kecamatan=data.get("kecamatan"), kelurahan=data.get("kelurahan"), reroute_count=0, reopen_count=0,
        paused_hours=0.0, paused_working_days=0,
    )
    session.add(fb)
    session.flush()
    return _record(session, fb, "submitted", principal, now, event="submitted")


def _assign(fb: Feedback, department_code: str, now: datetime, deadlines: Deadlines) -> None:
    """The department's clock starts (again) now."""
    fb.department_code, fb.assigned_at = department_code, now
    fb.follow_up_due, fb.follow_up_overdue_at = deadlines.follow_up_due(now), None
    fb.responded_at = fb.auto_close_due = None


def forward(session: Session, principal: Principal, now: datetime, fb: Feedback, department_code: str,
            note: str | None, deadlines: Deadlines) -> Feedback:
    """Verified and disposed to the responsible OPD, whose follow-up clock starts now."""
    fb.status = _take(fb, Step.FORWARD)
    fb.forwarded_at, fb.paused_hours_at_forward = now, fb.paused_hours
    _assign(fb, department_code, now, deadlines)
    return _record(session, fb, "forwarded", principal, now, event=EVENT[Step.FORWARD], public_note=note)


def reroute(session: Session, principal: Principal, now: datetime, fb: Feedback, department_code: str,
            reason: str, deadlines: Deadlines) -> Feedback:
    """Moved to another department, which gets a full follow-up deadline from now; the reason is public."""
    if fb.status == Status.FORWARDED and department_code == fb.department_code:
        raise Invalid("department_code", "The report is already with this department.",
                      indonesian="Laporan sudah berada di perangkat daerah ini; pilih perangkat daerah lain.")
    fb.status = _take(fb, Step.REROUTE, reason)
    fb.reroute_count += 1
    _assign(fb, department_code, now, deadlines)
    return _record(session, fb, "rerouted", principal, now, event=EVENT[Step.REROUTE], public_note=reason)


def request_info(session: Session, principal: Principal, now: datetime, fb: Feedback, question: str,
                 deadlines: Deadlines) -> Feedback:
    """Ask the citizen for more information: every clock stops until they answer (or the wait runs out)."""
    paused_from = fb.status
    fb.status = _take(fb, Step.REQUEST_INFO, question)
    fb.paused_from, fb.info_requested_at, fb.info_due = paused_from, now, deadlines.info_due(now)
    return _record(session, fb, "info_requested", principal, now, event=EVENT[Step.REQUEST_INFO],
                   public_note=question)


def _end_pause(fb: Feedback, now: datetime) -> None:
    """Add the pause that ends now (if the report was paused) to its paused time."""
    if fb.info_requested_at is not None:
        fb.paused_hours = (fb.paused_hours or 0.0) + _hours(fb.info_requested_at, now)
    fb.info_requested_at = fb.paused_from = fb.info_due = None


def provide_info(session: Session, principal: Principal, now: datetime, fb: Feedback, answer: str,
                 deadlines: Deadlines) -> Feedback:
    """The citizen's answer: the report goes back where it was, its deadline moved by the days it waited."""
    asked_at = fb.info_requested_at
    fb.status = _take(fb, Step.PROVIDE_INFO, where=Where(paused_from=fb.paused_from))
    waited = deadlines.paused_days(asked_at, now)
    if fb.status == Status.RECEIVED:
        fb.forward_due = deadlines.resume(fb.forward_due, asked_at, now)
    else:
        fb.follow_up_due = deadlines.resume(fb.follow_up_due, asked_at, now)
    fb.paused_working_days = (fb.paused_working_days or 0) + waited
    _end_pause(fb, now)
    fb.citizen_replied_at = now
    return _record(session, fb, "info_provided", principal, now, event=EVENT[Step.PROVIDE_INFO],
                   internal_note=answer)


def respond(session: Session, principal: Principal, now: datetime, fb: Feedback, response: str,
            deadlines: Deadlines) -> Feedback:
    """The follow-up, shown to the citizen as the OPD's, or as BKPSDM's when BKPSDM wrote it."""
    fb.status = _take(fb, Step.RESPOND)
    fb.responded_at, fb.response_text = now, response
    fb.responded_by = "bkpsdm" if principal.is_admin else "opd"
    if fb.first_responded_at is None:
        fb.first_responded_at, fb.paused_hours_at_first_response = now, fb.paused_hours
    fb.auto_close_due = deadlines.auto_close_due(now)
    fb.citizen_satisfied = None  # a new follow-up: the citizen has not judged this one yet
    return _record(session, fb, "responded", principal, now, event=EVENT[Step.RESPOND], public_note=response)


def accept(session: Session, principal: Principal, now: datetime, fb: Feedback, note: str | None) -> Feedback:
    """The citizen is satisfied: the report is done. Their words stay internal, like the report's text."""
    fb.status = _take(fb, Step.ACCEPT)
    fb.closed_at, fb.closed_by, fb.close_reason = now, "citizen", None
    fb.citizen_satisfied, fb.citizen_replied_at = True, now
    return _record(session, fb, "citizen_confirmed", principal, now, event=EVENT[Step.ACCEPT], internal_note=note)


def reopen(session: Session, principal: Principal, now: datetime, fb: Feedback, reason: str | None,
           deadlines: Deadlines, *, by_citizen: bool) -> Feedback:
    """Back to work: to the same department with a new deadline, or to BKPSDM once the reopenings are used up.

    A citizen's reason ("not satisfied because...") stays internal; a staff member's is shown.
    """
    where = Where(forwarded=fb.forwarded_at is not None, reopen_count=fb.reopen_count)
    fb.status = _take(fb, Step.REOPEN, reason, where)
    fb.reopen_count += 1
    fb.closed_at = fb.closed_by = fb.close_reason = None
    if by_citizen:
        fb.citizen_satisfied, fb.citizen_replied_at = False, now
    if fb.status == Status.RECEIVED:
        fb.forward_due, fb.forward_overdue_at = deadlines.forward_due(now), None
        fb.responded_at = fb.auto_close_due = None
    else:
        _assign(fb, fb.department_code, now, deadlines)
    action = "citizen_not_satisfied" if by_citizen else "reopened"
    if fb.status == Status.ESCALATED:
        action = "escalated"
    return _record(session, fb, action, principal, now, event=EVENT[Step.REOPEN],
                   public_note=None if by_citizen else reason, internal_note=reason if by_citizen else None)


def close(session: Session, principal: Principal, now: datetime, fb: Feedback, reason: str | None) -> Feedback:
    """Closed by staff, or by the system when the citizen stayed silent (after a follow-up or a question)."""
    step = Step.AUTO_CLOSE if principal.role == "system" else Step.CLOSE
    fb.status = _take(fb, step, reason)
    _end_pause(fb, now)
    fb.closed_at, fb.close_reason = now, reason
    fb.closed_by = "system" if principal.role == "system" else "staff"
    return _record(session, fb, "closed", principal, now, event=EVENT[step], public_note=reason)


def answer(session: Session, principal: Principal, now: datetime, fb: Feedback, outcome: str,
           reason: str | None, version: int | None) -> Feedback:
    """The official answer on a policy: accepted into a version, rejected with a reason, or noted."""
    try:
        fb.answer_outcome = check_answer(outcome, version, reason).value
    except AnswerError as exc:
        raise Invalid("policy_version" if outcome == AnswerOutcome.ACCEPTED else "reason", str(exc)) from None
    fb.answer_reason = reason
    fb.answered_in_version = version if outcome == AnswerOutcome.ACCEPTED else None
    fb.answered_at = now
    return _record(session, fb, "answered", principal, now, event="answered")


def hide(session: Session, principal: Principal, now: datetime, fb: Feedback, reason: str) -> Feedback:
    """Moderation: the record stays and keeps counting, its text never shows publicly again."""
    fb.hidden, fb.hide_reason, fb.hidden_at = True, reason, now
    return _record(session, fb, "hidden", principal, now, event=None, internal_note=reason)


def publish(session: Session, principal: Principal, now: datetime, fb: Feedback) -> Feedback:
    """Moderation: a public report's text may now show on its tracking page and in the public list."""
    if fb.privacy != Privacy.PUBLIC:
        raise Conflict("Only a report its sender made public can be published.", allowed=[],
                       indonesian="Pelapor tidak memilih laporan ini untuk ditampilkan kepada umum.")
    fb.published_at = now
    return _record(session, fb, "published", principal, now, event=None)


def mark_overdue(session: Session, principal: Principal, now: datetime, fb: Feedback, stage: str) -> Feedback:
    """Flag a missed deadline once per stage ("forward" or "follow_up") and announce it."""
    if stage == "forward":
        fb.forward_overdue_at = now
    else:
        fb.follow_up_overdue_at = now
    fb.overdue_stage = stage
    return _record(session, fb, f"overdue_{stage}", principal, now, event="overdue")


def purge(session: Session, principal: Principal, now: datetime, fb: Feedback) -> Feedback:
    """Retention: erase what the citizen gave (text, contact, their replies); the record of handling stays."""
    fb.text, fb.contact_name, fb.contact_phone, fb.contact_email = "", None, None, None
    fb.purged_at = now
    for step in session.execute(select(FeedbackHistory).where(FeedbackHistory.feedback_id == fb.id,
                                                              FeedbackHistory.actor_role == "public")).scalars():
        step.internal_note = None
    return _record(session, fb, "purged", principal, now, event=None)
