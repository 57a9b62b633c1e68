"""The citizen's tracking page: follow a report by its tracking id, and reply to the department's follow-up.

Public and rate-limited. It shows the status, its history and the official words only:
never the contact, never the report's text, never a moderator's or the reporter's notes.
"""
from __future__ import annotations

from datetime import UTC, datetime

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from services.consultation.api.body_limit import MAX_BODY_BYTES, limit_body
from services.consultation.api.feedback_schemas import CitizenReplySchema, TrackingSchema
from services.consultation.db.models import Feedback, FeedbackHistory
from services.consultation.domain.categories import load_categories
from services.consultation.domain.feedback import (
    KIND_LABELS,
    STATUS_LABELS,
    FeedbackStatus,
    FeedbackTransitionError,
    normalize_tracking_id,
)
from services.consultation.workflow import feedback as steps
from shared.web.app_factory import service_context
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("tracking", __name__, url_prefix="/api/v1/feedback/track", description="Follow a report")

INTERNAL_ACTIONS = frozenset({"hidden"})  # moderation is staff business


def find_by_tracking_id(session, tracking_id: str, *, for_update: bool = False) -> Feedback:
    canonical = normalize_tracking_id(tracking_id)
    if canonical is None:
        abort(422, message="This is not a tracking id; it looks like TBT-2026-7K3M-9QXA.",
              errors={"tracking_id": ["Not a tracking id."]})
    query = select(Feedback).where(Feedback.tracking_id == canonical)
    fb = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if fb is None:
        abort(404, message="No report has this tracking id.")
    return fb


def tracking_view(session, fb: Feedback) -> dict:
    steps_ = session.execute(select(FeedbackHistory).where(FeedbackHistory.feedback_id == fb.id)
                             .order_by(FeedbackHistory.feedback_version)).scalars().all()
    labels = {c.key: c.label for c in load_categories()}
    return {
        "tracking_id": fb.tracking_id, "kind": fb.kind, "kind_label": KIND_LABELS[fb.kind],
        "category": fb.category, "category_label": labels.get(fb.category, fb.category),
        "status": fb.status, "status_label": STATUS_LABELS[fb.status], "submitted_at": fb.submitted_at,
        "history": [{"at": s.at, "action": s.action, "status": s.status, "status_label": STATUS_LABELS[s.status],
                     "note": s.public_note} for s in steps_ if s.action not in INTERNAL_ACTIONS],
        "response": ({"text": fb.response_text, "responded_at": fb.responded_at}
                     if fb.responded_at is not None else None),
        "answer": ({"outcome": fb.answer_outcome, "reason": fb.answer_reason,
                    "policy_version": fb.answered_in_version, "answered_at": fb.answered_at}
                   if fb.answer_outcome else None),
    }


@blp.route("/<tracking_id>")
class Tracking(MethodView):
    @public_rate_limit
    @blp.response(200, TrackingSchema)
    def get(self, tracking_id):
        """Status, history and official answer of a report"""
        with service_context().db.sessions() as session:
            return tracking_view(session, find_by_tracking_id(session, tracking_id))


@blp.route("/<tracking_id>/reply")
class TrackingReply(MethodView):
    @public_rate_limit
    @limit_body(MAX_BODY_BYTES)
    @blp.arguments(CitizenReplySchema)
    @blp.response(200, TrackingSchema)
    def post(self, data, tracking_id):
        """Reply to the department's follow-up: satisfied closes the report, otherwise staff look again"""
        with service_context().transaction() as session:
            fb = find_by_tracking_id(session, tracking_id, for_update=True)
            if fb.status != FeedbackStatus.RESPONDED:
                abort(409, message="You can reply once the department has followed up, and before it is closed.")
            try:
                steps.citizen_reply(session, fb, data["satisfied"], data.get("note"), datetime.now(UTC))
            except FeedbackTransitionError as exc:
                abort(409, message=str(exc))
            session.flush()
            return tracking_view(session, fb)
