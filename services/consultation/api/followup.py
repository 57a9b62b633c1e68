"""The staff side of a report's follow-up: forward, respond, close, answer officially, hide."""
from __future__ import annotations

from datetime import UTC, datetime

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from services.consultation.api.feedback import load_feedback, staff_view
from services.consultation.api.staff_schemas import (
    AnswerSchema,
    CloseSchema,
    FeedbackSchema,
    ForwardSchema,
    HideSchema,
    RespondSchema,
)
from services.consultation.db.models import Policy
from services.consultation.domain.feedback import AnswerError, FeedbackTransitionError
from services.consultation.workflow import feedback as steps
from shared.web.app_factory import service_context
from shared.web.auth import current_principal, require_roles

blp = Blueprint("followup", __name__, url_prefix="/api/v1/feedback", description="Follow-up of feedback (staff)")


def _apply(feedback_id: str, step, *args):
    """Run one workflow step on a locked report; a forbidden move is a 409."""
    principal = current_principal()
    actor = steps.Actor(principal.subject, principal.role)
    with service_context().transaction() as session:
        fb = load_feedback(session, feedback_id, for_update=True)
        try:
            step(session, fb, *args, actor, datetime.now(UTC))
        except FeedbackTransitionError as exc:
            abort(409, message=str(exc))
        return staff_view(fb, principal)


@blp.route("/<feedback_id>/forward")
class Forward(MethodView):
    @require_roles("admin")
    @blp.arguments(ForwardSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Verify a report and forward it to the responsible department (admin, within 3 working days)"""
        return _apply(feedback_id, steps.forward, data["department_code"], data.get("note"))


@blp.route("/<feedback_id>/respond")
class Respond(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(RespondSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """The department's follow-up, shown to the citizen (its operator, within 5 working days)"""
        return _apply(feedback_id, steps.respond, data["response"])


@blp.route("/<feedback_id>/close")
class Close(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(CloseSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Close a report (closing one that was never forwarded needs a reason)"""
        return _apply(feedback_id, steps.close, data.get("reason"))


@blp.route("/<feedback_id>/answer")
class Answer(MethodView):
    @require_roles("admin")
    @blp.arguments(AnswerSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Official answer on a policy: accepted into a version, rejected with a reason, or noted (admin)"""
        principal = current_principal()
        with service_context().transaction() as session:
            fb = load_feedback(session, feedback_id, for_update=True)
            if fb.policy_id is None:
                abort(409, message="Only feedback about a policy gets an official answer.")
            latest = session.execute(select(Policy.version).where(Policy.id == fb.policy_id)).scalar_one()
            version = data.get("policy_version")
            if version is not None and version > latest:
                abort(422, message=f"The policy has no version {version} yet (latest: {latest}).",
                      errors={"policy_version": [f"At most {latest}."]})
            try:
                steps.answer(session, fb, data["outcome"], data.get("reason"), version,
                             steps.Actor(principal.subject, principal.role), datetime.now(UTC))
            except AnswerError as exc:
                field = "policy_version" if data["outcome"] == "accepted" else "reason"
                abort(422, message=str(exc), errors={field: [str(exc)]})
            return staff_view(fb, principal)


@blp.route("/<feedback_id>/hide")
class Hide(MethodView):
    @require_roles("admin")
    @blp.arguments(HideSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Hide abusive content with a reason; the record stays, its text never shows publicly (admin)"""
        return _apply(feedback_id, steps.hide, data["reason"])
