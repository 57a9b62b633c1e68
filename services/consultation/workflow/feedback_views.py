"""Read-only views of reports, shared by the API and the pages: the staff list and detail, the citizen's tracking view.

What each caller may see is decided in access.py: the contact for admins only, a hidden
report's text for admins only, and on the tracking page never the contact, the text, or
internal notes.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, FeedbackHistory
from services.consultation.domain.categories import Categories
from services.consultation.domain.feedback import KIND_LABELS, STATUS_LABELS, normalize_tracking_id
from services.consultation.domain.working_days import local_date
from services.consultation.workflow import access
from services.consultation.workflow.overdue import is_overdue, overdue_clause
from shared.db import paginate
from shared.errors import Invalid, NotFound
from shared.principal import Principal

RECEIPT_MESSAGE = "Laporan Anda telah diterima. Simpan nomor pelacakan ini untuk mengikuti tindak lanjutnya."
NOT_AN_ID = "Nomor pelacakan tidak dikenali. Bentuknya seperti TBT-2026-7K3M-9QXA."
NO_SUCH_REPORT = "Tidak ada laporan dengan nomor pelacakan ini. Periksa kembali nomor yang Anda terima."
INTERNAL_ACTIONS = frozenset({"hidden"})  # moderation is staff business
LIST_FILTERS = ("status", "kind", "category", "department_code", "policy_id")


def receipt(fb: Feedback) -> dict:
    """What a citizen keeps after sending a report."""
    return {"tracking_id": fb.tracking_id, "status": fb.status, "submitted_at": fb.submitted_at,
            "forward_due": fb.forward_due, "message": RECEIPT_MESSAGE}


def staff_view(fb: Feedback, principal: Principal, now: datetime, history=None) -> dict:
    view = {c.key: getattr(fb, c.key) for c in Feedback.__table__.columns}
    view["overdue"] = is_overdue(fb, local_date(now))
    view["contact"] = None
    if access.sees_contact(principal) and (fb.contact_phone or fb.contact_email):
        view["contact"] = {k: v for k, v in (("name", fb.contact_name), ("phone", fb.contact_phone),
                                              ("email", fb.contact_email)) if v}
    if fb.hidden and not access.sees_hidden_text(principal):
        view["text"] = None
    if history is not None:
        view["history"] = history
    return view


def load_for_handling(session: Session, principal: Principal, feedback_id: str, *,
                      for_update: bool = False) -> Feedback:
    """The report, if this staff member may handle it; NotFound or Forbidden otherwise."""
    access.require_feedback_staff(principal)
    fb = session.get(Feedback, feedback_id, with_for_update=for_update)
    if fb is None:
        raise NotFound("Feedback not found.")
    access.require_handler(principal, fb)
    return fb


def list_feedback(session: Session, principal: Principal, now: datetime, args: dict) -> dict:
    """A page of reports with filters; an operator sees only what was forwarded to their department."""
    access.require_feedback_staff(principal)
    query = (select(Feedback).where(access.handled_by(principal))
             .order_by(Feedback.submitted_at.desc(), Feedback.id))
    for key in LIST_FILTERS:
        if key in args:
            query = query.where(getattr(Feedback, key) == args[key])
    if "overdue" in args:
        clause = overdue_clause(local_date(now))
        query = query.where(clause if args["overdue"] else ~clause)
    page = paginate(session, query, args)
    return {**page, "items": [staff_view(fb, principal, now) for fb in page["items"]]}


def feedback_detail(session: Session, principal: Principal, now: datetime, feedback_id: str) -> dict:
    """One report with its full history."""
    fb = load_for_handling(session, principal, feedback_id)
    history = session.execute(select(FeedbackHistory).where(FeedbackHistory.feedback_id == fb.id)
                              .order_by(FeedbackHistory.feedback_version)).scalars().all()
    return staff_view(fb, principal, now, history)


def find_by_tracking_id(session: Session, tracking_id: str, *, for_update: bool = False) -> Feedback:
    """The report a citizen names by what they typed (case, spaces and O/I/L slips forgiven)."""
    canonical = normalize_tracking_id(tracking_id)
    if canonical is None:
        raise Invalid("tracking_id", "Not a tracking id.", indonesian=NOT_AN_ID,
                      detail="This is not a tracking id; it looks like TBT-2026-7K3M-9QXA.")
    query = select(Feedback).where(Feedback.tracking_id == canonical)
    fb = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if fb is None:
        raise NotFound("No report has this tracking id.", indonesian=NO_SUCH_REPORT)
    return fb


def tracking_view(session: Session, fb: Feedback, categories: Categories) -> dict:
    """Status, public history and the official words: never the contact, the text or internal notes."""
    steps = session.execute(select(FeedbackHistory).where(FeedbackHistory.feedback_id == fb.id)
                            .order_by(FeedbackHistory.feedback_version)).scalars().all()
    return {
        "tracking_id": fb.tracking_id, "kind": fb.kind, "kind_label": KIND_LABELS[fb.kind],
        "category": fb.category, "category_label": categories.label(fb.category),
        "status": fb.status, "status_label": STATUS_LABELS[fb.status], "submitted_at": fb.submitted_at,
        "history": [{"at": s.at, "action": s.action, "status": s.status, "status_label": STATUS_LABELS[s.status],
                     "note": s.public_note} for s in steps if s.action not in INTERNAL_ACTIONS],
        "response": ({"text": fb.response_text, "responded_at": fb.responded_at}
                     if fb.responded_at is not None else None),
        "answer": ({"outcome": fb.answer_outcome, "reason": fb.answer_reason,
                    "policy_version": fb.answered_in_version, "answered_at": fb.answered_at}
                   if fb.answer_outcome else None),
    }


def track_report(session: Session, tracking_id: str, categories: Categories) -> dict:
    """What anyone holding a tracking id may read: the public tracking view."""
    return tracking_view(session, find_by_tracking_id(session, tracking_id), categories)


def receipt_for(session: Session, tracking_id: str) -> dict:
    """The receipt again, for the confirmation page after the form's redirect."""
    return receipt(find_by_tracking_id(session, tracking_id))
