"""Citizens' comments on a policy: sent without login, read in public once moderated; moderated and answered by staff."""
from __future__ import annotations

from flask.views import MethodView

from services.consultation.api.comment_schemas import (
    CommentAnswerSchema,
    CommentReceiptSchema,
    ModerationSchema,
    PublicCommentSchema,
    StaffCommentArgsSchema,
    StaffCommentPageSchema,
    StaffCommentSchema,
)
from services.consultation.domain.comments import MAX_FORM_BYTES
from services.consultation.workflow import comment_views, comments
from services.consultation.workflow.comment_input import CommentInputSchema
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.idempotency import idempotent
from shared.web.ratelimit import public_rate_limit
from shared.web.security import limit_body

blp = ApiBlueprint("comments", __name__, url_prefix="/api/v1", description="Comments on a policy")
limit_body(blp, MAX_FORM_BYTES)


@blp.route("/policies/<policy_id>/comments")
class PolicyComments(MethodView):
    @public_rate_limit
    @blp.arguments(CommentInputSchema)
    @idempotent("comments")
    @blp.response(201, CommentReceiptSchema)
    def post(self, data, policy_id, session):
        """Comment on the text in consultation, or one article of it, without login (supports Idempotency-Key)"""
        return comments.submit_comment(session, acting_principal(), utcnow(), policy_id, data)

    @blp.response(200, PublicCommentSchema(many=True))
    def get(self, policy_id):
        """The comments shown in public (moderated), with their official answers, oldest first"""
        with service_context().db.sessions() as session:
            grouped = comment_views.public_comments(session, acting_principal(), policy_id)
        return sorted((c for group in grouped.values() for c in group), key=lambda c: c["submitted_at"])


@blp.route("/policies/<policy_id>/comments/staff")
class StaffComments(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(StaffCommentArgsSchema, location="query")
    @blp.response(200, StaffCommentPageSchema)
    def get(self, args, policy_id):
        """Every comment on a policy, with filters (admin, or the lead department's operator)"""
        with service_context().db.sessions() as session:
            return comment_views.staff_comments(session, acting_principal(), policy_id, args)


def _staff_step(use_case, *args):
    principal = acting_principal()
    with service_context().transaction() as session:
        comment = use_case(session, principal, utcnow(), *args)
        return comment_views.staff_view(comment, principal)


@blp.route("/comments/<comment_id>/moderation")
class Moderation(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ModerationSchema)
    @blp.response(200, StaffCommentSchema)
    def post(self, data, comment_id):
        """Show a comment in public, or hide it with a reason"""
        return _staff_step(comments.moderate_comment, comment_id, data["moderation"], data.get("reason"))


@blp.route("/comments/<comment_id>/answer")
class Answer(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(CommentAnswerSchema)
    @blp.response(200, StaffCommentSchema)
    def post(self, data, comment_id):
        """The official answer: accepted into a version and article, rejected with a reason, or noted"""
        return _staff_step(comments.answer_comment, comment_id, data["outcome"], data.get("reason"),
                           data.get("version"), data.get("article_number"))
