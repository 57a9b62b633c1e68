"""Who may do what in consultation: the one place every use case asks.

- BKPSDM admins handle every report and every policy. They alone see a complainant's
  contact and the text of a report hidden by moderation.
- A department's operator handles a report only once BKPSDM has forwarded it to their
  department (naming a department in the form is not a disposition), and records
  consultation sessions only on policies their department leads.
- Each step of a report's follow-up has its taker (`may_take`): BKPSDM verifies, forwards,
  re-routes, reopens and closes unanswered reports; the assigned department's operator asks the
  citizen for information, responds, and closes once it has responded. BKPSDM may also respond,
  and its response is labelled as BKPSDM's. An escalated report is BKPSDM's alone.
- A report's attachments are served to the staff who may handle it, and to no one else.
- Any staff member sees draft policies and who moved a policy; the public sees neither.
- The system (the worker) flags missed deadlines, closes silent reports, and alone keeps the
  copy of personnel's departments.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, true

from services.consultation.db.models import Feedback, Policy
from services.consultation.domain.report_flow import Status, Step, allowed_steps
from shared.errors import Forbidden
from shared.principal import Principal

HANDLERS = ("admin", "operator")
NOT_YOURS = "Laporan ini belum diteruskan ke perangkat daerah Anda."


def require_admin(principal: Principal, doing: str) -> None:
    if not principal.is_admin:
        raise Forbidden(f"Only BKPSDM admins may {doing}.", indonesian="Hanya admin BKPSDM yang berwenang.")


def require_system(principal: Principal, doing: str) -> None:
    if principal.role != "system":
        raise Forbidden(f"Only the system may {doing}.")


def may_handle(principal: Principal, fb: Feedback) -> bool:
    """Admins handle any report; an operator only one forwarded to their own department."""
    return principal.is_admin or (principal.role == "operator" and fb.forwarded_at is not None
                                  and fb.department_code == principal.department)


def require_handler(principal: Principal, fb: Feedback) -> None:
    if not may_handle(principal, fb):
        raise Forbidden("This report has not been forwarded to your department.", indonesian=NOT_YOURS)


def require_feedback_staff(principal: Principal) -> None:
    """Lists and details of reports are for admins and operators (viewers read reports in reporting)."""
    if principal.role not in HANDLERS:
        raise Forbidden("Only admins and operators read citizens' reports.",
                        indonesian="Hanya admin BKPSDM dan operator OPD yang dapat membaca laporan warga.")


def handled_by(principal: Principal) -> ColumnElement[bool]:
    """SQL: the reports this principal may see in a list."""
    if principal.is_admin:
        return true()
    if principal.role == "operator":
        return and_(Feedback.department_code == principal.department, Feedback.forwarded_at.is_not(None))
    return false()


# Steps an assigned department's operator may take, by status; every other step is BKPSDM's.
OPERATOR_STEPS = {
    Status.FORWARDED: frozenset({Step.REQUEST_INFO, Step.RESPOND}),
    Status.RESPONDED: frozenset({Step.CLOSE}),
}
NOT_STAFF_STEPS = frozenset({Step.PROVIDE_INFO, Step.ACCEPT, Step.AUTO_CLOSE})  # the citizen's, the system's


def may_take(principal: Principal, fb: Feedback, step: str) -> bool:
    """Whether this staff member may take `step` on the report now (its status allows it, and it is theirs)."""
    if step not in allowed_steps(fb.status) or step in NOT_STAFF_STEPS:
        return False
    if principal.is_admin:
        return True
    return may_handle(principal, fb) and step in OPERATOR_STEPS.get(Status(fb.status), frozenset())


def require_step(principal: Principal, fb: Feedback, step: str) -> None:
    """Forbidden unless `may_take`; a step the status does not allow is left to the flow's Conflict."""
    require_handler(principal, fb)
    if step in allowed_steps(fb.status) and not may_take(principal, fb, step):
        raise Forbidden(f"Only BKPSDM may {step.replace('_', ' ')} this report now.",
                        indonesian="Langkah ini hanya dapat diambil oleh BKPSDM.")


def staff_steps(principal: Principal, fb: Feedback) -> list[str]:
    """The steps to offer this staff member on the report's page, in the flow's order."""
    return [step for step in allowed_steps(fb.status) if may_take(principal, fb, step)]


def sees_contact(principal: Principal) -> bool:
    return principal.is_admin


def sees_hidden_text(principal: Principal) -> bool:
    return principal.is_admin


def sees_drafts(principal: Principal) -> bool:
    """A first draft is staff business until consultation opens."""
    return principal.is_staff


def sees_actors(principal: Principal) -> bool:
    """Staff see who moved a policy; the public sees what moved and why."""
    return principal.is_staff


def require_session_recorder(principal: Principal, policy: Policy) -> None:
    """Admins, or the operator of the department that leads the policy."""
    if principal.role not in HANDLERS or not principal.can_write(policy.department_code):
        raise Forbidden(f"You may not record sessions on a policy led by {policy.department_code!r}.",
                        indonesian="Anda hanya dapat mencatat sesi konsultasi kebijakan perangkat daerah Anda.")


# -- the policy workspace (issue 16) ------------------------------------------------------------

def may_work_on_policy(principal: Principal, policy: Policy) -> bool:
    """BKPSDM, or the operator of the department that leads the policy: edit its text, answer its comments."""
    return principal.role in HANDLERS and principal.can_write(policy.department_code)


def require_policy_worker(principal: Principal, policy: Policy, doing: str) -> None:
    if not may_work_on_policy(principal, policy):
        raise Forbidden(f"Only BKPSDM or the lead department's operator may {doing}.",
                        indonesian="Hanya BKPSDM atau operator perangkat daerah pengampu kebijakan ini yang "
                                   "berwenang.")


def require_round_closer(principal: Principal) -> None:
    """The worker closes a round at its closing date; BKPSDM may close it earlier."""
    if principal.role != "system" and not principal.is_admin:
        raise Forbidden("Only BKPSDM admins or the system may close a consultation.",
                        indonesian="Hanya admin BKPSDM yang berwenang.")


def require_staff_reader(principal: Principal) -> None:
    """The staff workspace of policies is for admins and operators."""
    if principal.role not in HANDLERS:
        raise Forbidden("Only admins and operators use the policy workspace.",
                        indonesian="Ruang kerja kebijakan hanya untuk admin BKPSDM dan operator OPD.")


def sees_commenter_contact(principal: Principal) -> bool:
    """As for reports: a commenter's contact is for BKPSDM only."""
    return principal.is_admin


# -- improvement plans (issue 21) ---------------------------------------------------------------

def may_update_action(principal: Principal, owner_department: str) -> bool:
    """BKPSDM, or the operator of the department that owns the action."""
    return principal.is_admin or (principal.role == "operator" and principal.department == owner_department)


def require_action_owner(principal: Principal, owner_department: str) -> None:
    if not may_update_action(principal, owner_department):
        raise Forbidden(f"Only BKPSDM or {owner_department}'s operator may update this action.",
                        indonesian="Hanya BKPSDM atau operator perangkat daerah pemilik tindak lanjut ini yang "
                                   "berwenang.")
