"""Citizen feedback: the public form (no login) and the staff list and detail."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, json
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.consultation.api import idempotency
from services.consultation.api.body_limit import MAX_BODY_BYTES, limit_body
from services.consultation.api.feedback_schemas import FeedbackSubmitSchema, ReceiptSchema
from services.consultation.api.policies import PUBLIC
from services.consultation.api.staff_schemas import (
    FeedbackDetailSchema,
    FeedbackPageSchema,
    FeedbackQueryArgsSchema,
)
from services.consultation.db.models import Feedback, FeedbackHistory, Policy
from services.consultation.domain.working_days import local_date
from services.consultation.workflow import feedback as steps
from services.consultation.workflow.overdue import is_overdue, overdue_clause
from shared.web.app_factory import service_context
from shared.web.auth import Principal, current_principal, require_roles
from shared.web.pagination import paginate
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("feedback", __name__, url_prefix="/api/v1/feedback", description="Citizen feedback and complaints")

RECEIPT_MESSAGE = "Laporan Anda telah diterima. Simpan nomor pelacakan ini untuk mengikuti tindak lanjutnya."


def can_handle(principal: Principal, fb: Feedback) -> bool:
    """Admins handle any report; an operator only one forwarded to their own department."""
    return principal.is_admin or (principal.role == "operator" and fb.forwarded_at is not None
                                  and fb.department_code == principal.department)


def load_feedback(session, feedback_id: str, *, for_update: bool = False) -> Feedback:
    """The report, or 404; 403 for an operator of another department."""
    fb = session.get(Feedback, feedback_id, with_for_update=for_update)
    if fb is None:
        abort(404, message="Feedback not found.")
    if not can_handle(current_principal(), fb):
        abort(403, message="This report has not been forwarded to your department.")
    return fb


def staff_view(fb: Feedback, principal: Principal, history=None) -> dict:
    view = {c.key: getattr(fb, c.key) for c in Feedback.__table__.columns}
    view["overdue"] = is_overdue(fb, local_date(datetime.now(UTC)))
    view["contact"] = None
    if principal.is_admin and (fb.contact_phone or fb.contact_email):
        view["contact"] = {k: v for k, v in (("name", fb.contact_name), ("phone", fb.contact_phone),
                                              ("email", fb.contact_email)) if v}
    if fb.hidden and not principal.is_admin:
        view["text"] = None
    if history is not None:
        view["history"] = history
    return view


def _check_policy(session, policy_id: str | None) -> None:
    if policy_id and session.execute(select(Policy.id).where(Policy.id == policy_id, PUBLIC)).first() is None:
        abort(422, message="Unknown policy.", errors={"policy_id": ["No published policy has this id."]})


def receive_feedback(session, data: dict) -> Feedback:
    """Store a citizen's report (loaded with FeedbackSubmitSchema); the API and the public form both call this."""
    _check_policy(session, data.get("policy_id"))
    return steps.submit(session, data, datetime.now(UTC))


@blp.route("")
class FeedbackCollection(MethodView):
    @public_rate_limit
    @limit_body(MAX_BODY_BYTES)
    @blp.arguments(FeedbackSubmitSchema)
    @blp.response(201, ReceiptSchema)
    def post(self, data):
        """Submit feedback or a complaint, without login; keep the tracking id (supports Idempotency-Key)"""
        key = idempotency.requested_key("feedback")
        print_ = idempotency.fingerprint(data)
        db = service_context().db
        try:
            with db.transaction() as session:
                if key and (stored := idempotency.replay(session, key, print_)):
                    return stored
                fb = receive_feedback(session, data)
                body = ReceiptSchema().dump({"tracking_id": fb.tracking_id, "status": fb.status,
                                             "submitted_at": fb.submitted_at, "forward_due": fb.forward_due,
                                             "message": RECEIPT_MESSAGE})
                if key:
                    idempotency.remember(session, key, print_, 201, body)
        except IntegrityError:
            if not key:
                raise
            with db.sessions() as session:  # a concurrent retry with the same key won the race
                stored = idempotency.replay(session, key, print_)
            if stored is None:
                raise
            return stored
        return Response(json.dumps(body), status=201, mimetype="application/json")

    @require_roles("admin", "operator")
    @blp.arguments(FeedbackQueryArgsSchema, location="query")
    @blp.response(200, FeedbackPageSchema)
    def get(self, args):
        """List feedback with filters (an operator sees what was forwarded to their department)"""
        principal = current_principal()
        query = select(Feedback).order_by(Feedback.submitted_at.desc(), Feedback.id)
        if principal.role == "operator":
            query = query.where(Feedback.department_code == principal.department, Feedback.forwarded_at.is_not(None))
        for key in ("status", "kind", "category", "department_code", "policy_id"):
            if key in args:
                query = query.where(getattr(Feedback, key) == args[key])
        if "overdue" in args:
            clause = overdue_clause(local_date(datetime.now(UTC)))
            query = query.where(clause if args["overdue"] else ~clause)
        with service_context().db.sessions() as session:
            page = paginate(session, query, args)
        return {**page, "items": [staff_view(fb, principal) for fb in page["items"]]}


@blp.route("/<feedback_id>")
class FeedbackById(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, FeedbackDetailSchema)
    def get(self, feedback_id):
        """One report with its full history (contact for admins only)"""
        with service_context().db.sessions() as session:
            fb = load_feedback(session, feedback_id)
            history = session.execute(select(FeedbackHistory).where(FeedbackHistory.feedback_id == fb.id)
                                      .order_by(FeedbackHistory.feedback_version)).scalars().all()
            return staff_view(fb, current_principal(), history)
