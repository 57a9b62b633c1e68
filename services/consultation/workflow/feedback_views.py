"""Read-only views of reports, shared by the API and the pages: the staff inbox and detail, the citizen's
tracking view, and the public list.

What each caller may see is decided in access.py and domain/feedback.py: the contact for admins
only; the text for the staff who handle the report, and publicly only for a public report that a
moderator let through; never an internal note on a public page.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Department, Feedback, FeedbackAttachment, FeedbackHistory
from services.consultation.domain.areas import area_label
from services.consultation.domain.categories import Categories
from services.consultation.domain.feedback import (
    KIND_LABELS,
    PRIVACY_LABELS,
    Privacy,
    normalize_tracking_id,
    text_is_public,
)
from services.consultation.domain.report_flow import STATUS_LABELS, Status
from services.consultation.domain.working_days import LOCAL_TZ, local_date
from services.consultation.workflow import access
from services.consultation.workflow.overdue import (
    STAFF_CLOCKS,
    is_overdue,
    next_due,
    next_due_column,
    overdue_clause,
)
from shared.db import paginate
from shared.errors import Invalid, NotFound
from shared.principal import Principal

RECEIPT_MESSAGE = "Laporan Anda sudah masuk. Simpan nomor pelacakan ini untuk mengikuti tindak lanjutnya."
NOT_AN_ID = "Nomor pelacakan tidak dikenali. Bentuknya seperti TBT-2026-7K3M-9QXA."
NO_SUCH_REPORT = "Tidak ada laporan dengan nomor pelacakan ini. Periksa kembali nomor yang Anda terima."
PURGED_TEXT = "(Isi laporan sudah dihapus karena masa simpannya berakhir.)"
INTERNAL_ACTIONS = frozenset({"hidden", "published"})  # moderation is staff business
LIST_FILTERS = ("status", "kind", "category", "department_code", "policy_id", "privacy", "kecamatan")
RESPONSE_LABELS = {"opd": "Tindak lanjut OPD", "bkpsdm": "Tanggapan BKPSDM"}


def receipt(fb: Feedback) -> dict:
    """What a citizen keeps after sending a report."""
    return {"tracking_id": fb.tracking_id, "status": fb.status, "submitted_at": fb.submitted_at,
            "forward_due": fb.forward_due, "message": RECEIPT_MESSAGE, "privacy": fb.privacy,
            "privacy_label": PRIVACY_LABELS[Privacy(fb.privacy)], "emailed": bool(fb.contact_email)}


def _staff_text(fb: Feedback, principal: Principal) -> str | None:
    if fb.purged_at is not None:
        return PURGED_TEXT
    if fb.hidden and not access.sees_hidden_text(principal):
        return None
    return fb.text


def staff_view(fb: Feedback, principal: Principal, now: datetime, history=None, attachments=None) -> dict:
    view = {c.key: getattr(fb, c.key) for c in Feedback.__table__.columns}
    today = local_date(now)
    view.update(overdue=is_overdue(fb, today), next_due=next_due(fb), status_label=STATUS_LABELS[Status(fb.status)],
                area=area_label(fb.kecamatan, fb.kelurahan), privacy_label=PRIVACY_LABELS[Privacy(fb.privacy)],
                response_label=RESPONSE_LABELS.get(fb.responded_by or ""), text=_staff_text(fb, principal),
                steps=access.staff_steps(principal, fb), contact=None)
    if access.sees_contact(principal) and (fb.contact_phone or fb.contact_email):
        view["contact"] = {k: v for k, v in (("name", fb.contact_name), ("phone", fb.contact_phone),
                                              ("email", fb.contact_email)) if v}
    if history is not None:
        view["history"] = history
    if attachments is not None:
        view["attachments"] = attachments
    return view


def load_for_handling(session: Session, principal: Principal, feedback_id: str, *,
                      for_update: bool = False) -> Feedback:
    """The report, if this staff member may handle it; NotFound or Forbidden otherwise."""
    access.require_feedback_staff(principal)
    fb = session.get(Feedback, feedback_id, with_for_update=for_update)
    if fb is None:
        raise NotFound("Feedback not found.", indonesian="Laporan tidak ditemukan.")
    access.require_handler(principal, fb)
    return fb


def _tracking_search(text: str) -> ColumnElement[bool]:
    """A whole tracking id (typing slips forgiven), or a part of one (at least 4 characters)."""
    canonical = normalize_tracking_id(text)
    if canonical is not None:
        return Feedback.tracking_id == canonical
    part = "".join(ch for ch in text.upper() if ch.isalnum() or ch == "-")
    if len(part.replace("-", "")) < 4:
        raise Invalid("q", "Give a tracking id, or at least 4 of its characters.",
                      indonesian="Tulis nomor pelacakan, atau paling sedikit 4 karakternya.")
    return Feedback.tracking_id.contains(part, autoescape=True)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), LOCAL_TZ)


def inbox_query(principal: Principal, now: datetime, args: dict):
    """The reports this staff member may see, filtered as asked, newest first."""
    query = select(Feedback).where(access.handled_by(principal))
    for key in LIST_FILTERS:
        if args.get(key):
            query = query.where(getattr(Feedback, key) == args[key])
    today = local_date(now)
    if args.get("overdue") is not None:
        clause = overdue_clause(today)
        query = query.where(clause if args["overdue"] else ~clause)
    if args.get("due_today"):
        query = query.where(next_due_column() == today, Feedback.status.in_(STAFF_CLOCKS))
    if args.get("submitted_from"):
        query = query.where(Feedback.submitted_at >= _day_start(args["submitted_from"]))
    if args.get("submitted_to"):
        query = query.where(Feedback.submitted_at < _day_start(args["submitted_to"] + timedelta(days=1)))
    if args.get("open") is not None:
        is_open = Feedback.status != Status.CLOSED.value
        query = query.where(is_open if args["open"] else ~is_open)
    if args.get("q"):
        query = query.where(_tracking_search(args["q"]))
    return query.order_by(Feedback.submitted_at.desc(), Feedback.id)


def list_feedback(session: Session, principal: Principal, now: datetime, args: dict) -> dict:
    """A page of reports with filters; an operator sees only what was forwarded to their department."""
    access.require_feedback_staff(principal)
    page = paginate(session, inbox_query(principal, now, args), args)
    return {**page, "items": [staff_view(fb, principal, now) for fb in page["items"]]}


def inbox_counts(session: Session, principal: Principal, now: datetime) -> dict:
    """How many of this staff member's reports are open, overdue, and due today: the inbox's headline."""
    access.require_feedback_staff(principal)
    today = local_date(now)
    due_today = and_(next_due_column() == today, Feedback.status.in_(STAFF_CLOCKS))
    row = session.execute(select(
        func.count(), func.sum(case((Feedback.status != Status.CLOSED.value, 1), else_=0)),
        func.sum(case((overdue_clause(today), 1), else_=0)), func.sum(case((due_today, 1), else_=0)),
    ).where(access.handled_by(principal))).one()
    return {"total": row[0], "open": int(row[1] or 0), "overdue": int(row[2] or 0), "due_today": int(row[3] or 0)}


def history_of(session: Session, feedback_id: str) -> list[FeedbackHistory]:
    return list(session.execute(select(FeedbackHistory).where(FeedbackHistory.feedback_id == feedback_id)
                                .order_by(FeedbackHistory.feedback_version)).scalars())


def feedback_detail(session: Session, principal: Principal, now: datetime, feedback_id: str) -> dict:
    """One report with its full history and its attachments' records."""
    fb = load_for_handling(session, principal, feedback_id)
    attachments = session.execute(select(FeedbackAttachment).where(FeedbackAttachment.feedback_id == fb.id)
                                  .order_by(FeedbackAttachment.created_at, FeedbackAttachment.id)).scalars().all()
    view = staff_view(fb, principal, now, history_of(session, fb.id), list(attachments))
    view["department_name"] = _department_name(session, fb.department_code)
    return view


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


def _department_name(session: Session, code: str | None) -> str | None:
    if not code:
        return None
    department = session.get(Department, code)
    return department.name if department else code


def public_text(fb: Feedback) -> str | None:
    """The report's text where the public may read it, else None."""
    if fb.purged_at is not None:
        return None
    return fb.text if text_is_public(fb.privacy, fb.published_at is not None, fb.hidden) else None


def tracking_view(session: Session, fb: Feedback, categories: Categories) -> dict:
    """Status, public history and the official words; the text only if public and moderated; never the
    contact or internal notes."""
    steps = history_of(session, fb.id)
    question = next((s.public_note for s in reversed(steps) if s.action == "info_requested"), None)
    status = Status(fb.status)
    return {
        "tracking_id": fb.tracking_id, "kind": fb.kind, "kind_label": KIND_LABELS[fb.kind],
        "category": fb.category, "category_label": categories.label(fb.category),
        "status": fb.status, "status_label": STATUS_LABELS[status], "submitted_at": fb.submitted_at,
        "privacy": fb.privacy, "privacy_label": PRIVACY_LABELS[Privacy(fb.privacy)],
        "area": area_label(fb.kecamatan, fb.kelurahan), "text": public_text(fb),
        "department_name": _department_name(session, fb.department_code) if fb.forwarded_at else None,
        "history": [{"at": s.at, "action": s.action, "status": s.status,
                     "status_label": STATUS_LABELS[Status(s.status)], "note": s.public_note}
                    for s in steps if s.action not in INTERNAL_ACTIONS],
        "response": ({"text": fb.response_text, "responded_at": fb.responded_at, "by": fb.responded_by,
                      "label": RESPONSE_LABELS.get(fb.responded_by or "opd")}
                     if fb.responded_at is not None else None),
        "question": ({"text": question, "asked_at": fb.info_requested_at, "due": fb.info_due}
                     if status is Status.INFO_REQUESTED else None),
        "may_reply": status is Status.RESPONDED,
        "may_provide_info": status is Status.INFO_REQUESTED,
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


PUBLIC_LIST = and_(Feedback.privacy == Privacy.PUBLIC.value, Feedback.published_at.is_not(None),
                   Feedback.hidden.is_(False), Feedback.purged_at.is_(None))


def public_reports(session: Session, categories: Categories, args: dict) -> dict:
    """The public list: reports their senders made public and a moderator let through, newest first."""
    query = select(Feedback).where(PUBLIC_LIST).order_by(Feedback.published_at.desc(), Feedback.id)
    if args.get("kecamatan"):
        query = query.where(Feedback.kecamatan == args["kecamatan"])
    page = paginate(session, query, args)
    items = [{"kind_label": KIND_LABELS[fb.kind], "category_label": categories.label(fb.category),
              "area": area_label(fb.kecamatan, fb.kelurahan), "submitted_at": fb.submitted_at,
              "status_label": STATUS_LABELS[Status(fb.status)], "text": public_text(fb),
              "response": fb.response_text if fb.responded_at else None,
              "response_label": RESPONSE_LABELS.get(fb.responded_by or "opd")}
             for fb in page["items"]]
    return {**page, "items": items}
