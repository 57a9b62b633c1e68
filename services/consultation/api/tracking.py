"""The citizen's tracking page: follow a report by its tracking id, reply to the follow-up, give information.

Public and rate-limited. It shows the status, its history and the official words; the report's
text only when the citizen made it public and a moderator let it through; never the contact,
never a moderator's or the reporter's notes.
"""
from __future__ import annotations

from flask.views import MethodView

from services.consultation.api.feedback_schemas import (
    CitizenInformationSchema,
    CitizenReplySchema,
    TrackingSchema,
)
from services.consultation.domain.feedback import MAX_FORM_BYTES
from services.consultation.workflow.feedback import provide_information, reply_to_follow_up
from services.consultation.workflow.feedback_views import track_report
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.ratelimit import public_rate_limit
from shared.web.security import limit_body

blp = ApiBlueprint("tracking", __name__, url_prefix="/api/v1/feedback/track", description="Follow a report")

# A citizen's form, never an upload.
limit_body(blp, MAX_FORM_BYTES)


@blp.route("/<tracking_id>")
class Tracking(MethodView):
    @public_rate_limit
    @blp.response(200, TrackingSchema)
    def get(self, tracking_id):
        """Status, history and official answer of a report"""
        with service_context().db.sessions() as session:
            return track_report(session, tracking_id, service_context().config.categories)


@blp.route("/<tracking_id>/reply")
class TrackingReply(MethodView):
    @public_rate_limit
    @blp.arguments(CitizenReplySchema)
    @blp.response(200, TrackingSchema)
    def post(self, data, tracking_id):
        """Reply to the follow-up: satisfied closes the report; not satisfied reopens it (twice, then BKPSDM)"""
        ctx = service_context()
        with ctx.transaction() as session:
            return reply_to_follow_up(session, acting_principal(), utcnow(), tracking_id, data["satisfied"],
                                      data.get("note"), ctx.config.categories, ctx.config.deadlines)


@blp.route("/<tracking_id>/information")
class TrackingInformation(MethodView):
    @public_rate_limit
    @blp.arguments(CitizenInformationSchema)
    @blp.response(200, TrackingSchema)
    def post(self, data, tracking_id):
        """Give the information staff asked for; the report goes back to work with its deadline moved"""
        ctx = service_context()
        with ctx.transaction() as session:
            return provide_information(session, acting_principal(), utcnow(), tracking_id, data["information"],
                                       ctx.config.categories, ctx.config.deadlines)
