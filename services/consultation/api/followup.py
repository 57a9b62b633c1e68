"""The staff side of a report's follow-up: forward, re-route, ask the citizen, respond, reopen, close; the
official answer and moderation (hide, publish)."""
from __future__ import annotations

from flask.views import MethodView

from services.consultation.api.staff_schemas import (
    AnswerSchema,
    CloseSchema,
    FeedbackSchema,
    ForwardSchema,
    HideSchema,
    ReopenSchema,
    RequestInfoSchema,
    RerouteSchema,
    RespondSchema,
)
from services.consultation.workflow import followup
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles

blp = ApiBlueprint("followup", __name__, url_prefix="/api/v1/feedback", description="Follow-up of feedback (staff)")


def _run(use_case, *args, **kwargs):
    """One follow-up use case in one transaction, as the caller."""
    with service_context().transaction() as session:
        return use_case(session, acting_principal(), utcnow(), *args, **kwargs)


def _deadlines():
    return service_context().config.deadlines


@blp.route("/<feedback_id>/forward")
class Forward(MethodView):
    @require_roles("admin")
    @blp.arguments(ForwardSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Verify a report and forward it to the responsible department (admin, within 3 working days)"""
        return _run(followup.forward_feedback, feedback_id, data["department_code"], data.get("note"), _deadlines())


@blp.route("/<feedback_id>/reroute")
class Reroute(MethodView):
    @require_roles("admin")
    @blp.arguments(RerouteSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Move a report to another department, with a reason; its deadline starts again (admin)"""
        return _run(followup.reroute_feedback, feedback_id, data["department_code"], data["reason"], _deadlines())


@blp.route("/<feedback_id>/request-info")
class RequestInfo(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(RequestInfoSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Ask the citizen for more information; every clock pauses until they answer"""
        return _run(followup.request_information, feedback_id, data["question"], _deadlines())


@blp.route("/<feedback_id>/reopen")
class Reopen(MethodView):
    @require_roles("admin")
    @blp.arguments(ReopenSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Reopen a followed-up or closed report (admin); to BKPSDM itself once the reopenings are used up"""
        return _run(followup.reopen_feedback, feedback_id, data.get("reason"), _deadlines())


@blp.route("/<feedback_id>/publish")
class Publish(MethodView):
    @require_roles("admin")
    @blp.response(200, FeedbackSchema)
    def post(self, feedback_id):
        """Moderation: let a public report's text show on its tracking page and the public list (admin)"""
        return _run(followup.publish_feedback, feedback_id)


@blp.route("/<feedback_id>/respond")
class Respond(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(RespondSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """The department's follow-up, shown to the citizen (its operator, within 5 working days)"""
        return _run(followup.respond_to_feedback, feedback_id, data["response"], _deadlines())


@blp.route("/<feedback_id>/close")
class Close(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(CloseSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Close a report (closing one that was never forwarded needs a reason)"""
        return _run(followup.close_feedback, feedback_id, data.get("reason"))


@blp.route("/<feedback_id>/answer")
class Answer(MethodView):
    @require_roles("admin")
    @blp.arguments(AnswerSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Official answer on a policy: accepted into a version, rejected with a reason, or noted (admin)"""
        return _run(followup.answer_feedback, feedback_id, data["outcome"], data.get("reason"),
                    data.get("policy_version"))


@blp.route("/<feedback_id>/hide")
class Hide(MethodView):
    @require_roles("admin")
    @blp.arguments(HideSchema)
    @blp.response(200, FeedbackSchema)
    def post(self, data, feedback_id):
        """Hide abusive content with a reason; the record stays, its text never shows publicly (admin)"""
        return _run(followup.hide_feedback, feedback_id, data["reason"])
