"""The citizen's use cases: send a report (no login, with up to 3 attachments), and, by tracking id, reply to
the follow-up (satisfied or not) or give the information staff asked for.

The JSON API and the public form both call these, so a report is checked, stored and
announced the same way whichever door it came through.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.consultation.domain.categories import Categories
from services.consultation.domain.deadlines import Deadlines
from services.consultation.domain.report_flow import Status
from services.consultation.workflow import feedback_steps as steps
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.attachments import Upload, attach, check_uploads
from services.consultation.workflow.departments import require_receiving_department
from services.consultation.workflow.feedback_views import find_by_tracking_id, receipt, tracking_view
from services.consultation.workflow.policies import published_policy
from services.consultation.workflow.report_input import read_report
from shared.errors import Conflict, Invalid
from shared.principal import Principal

REPLY_MAX = 2000


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
                    categories: Categories, uploads: list[Upload] = (),
                    store: AttachmentStore | None = None) -> dict:
    """Check and store a citizen's report as received; the receipt carries its tracking id."""
    data = read_report(raw, categories)
    _check_references(session, data)
    ready = check_uploads(list(uploads)) if uploads else []
    if ready and store is None:
        raise Invalid("attachments", "This door takes no attachments.")
    fb = steps.receive(session, principal, now, data, categories.unsur_for(data["category"]), deadlines)
    if ready:
        attach(session, fb, ready, store, now)
    return receipt(fb)


def _note(text: str | None, field: str, *, required: bool) -> str | None:
    text = (text or "").strip()
    if required and not text:
        raise Invalid(field, "Write it down.", indonesian="Isian ini wajib diisi.")
    if len(text) > REPLY_MAX:
        raise Invalid(field, f"At most {REPLY_MAX} characters.", indonesian=f"Paling banyak {REPLY_MAX} karakter.")
    return text or None


def reply_to_follow_up(session: Session, principal: Principal, now: datetime, tracking_id: str, satisfied: bool,
                       note: str | None, categories: Categories, deadlines: Deadlines | None = None) -> dict:
    """The citizen's word on the follow-up: satisfied closes the report; not satisfied reopens it to the
    same department with a new deadline (at most twice, then to BKPSDM)."""
    fb = find_by_tracking_id(session, tracking_id, for_update=True)
    if fb.status != Status.RESPONDED:
        raise Conflict("You can reply once the department has followed up, and before it is closed.",
                       indonesian="Tanggapan dapat dikirim setelah laporan ditindaklanjuti, dan sebelum laporan "
                                  "ditutup.")
    note = _note(note, "note", required=False)
    if satisfied:
        steps.accept(session, principal, now, fb, note)
    else:
        steps.reopen(session, principal, now, fb, note, deadlines or Deadlines(), by_citizen=True)
    session.flush()
    return tracking_view(session, fb, categories)


def provide_information(session: Session, principal: Principal, now: datetime, tracking_id: str, answer: str,
                        categories: Categories, deadlines: Deadlines) -> dict:
    """The information staff asked for: the report goes back to where it was, its deadline moved by the wait."""
    fb = find_by_tracking_id(session, tracking_id, for_update=True)
    if fb.status != Status.INFO_REQUESTED:
        raise Conflict("Nobody is waiting for information on this report.",
                       indonesian="Saat ini petugas tidak sedang menunggu informasi tambahan untuk laporan ini.")
    steps.provide_info(session, principal, now, fb, _note(answer, "information", required=True), deadlines)
    session.flush()
    return tracking_view(session, fb, categories)
