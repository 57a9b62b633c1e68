"""The citizen's tracking page: follow a report by its tracking id, and reply to the department's follow-up.

Public and rate-limited. It shows the status, its history and the official words only:
never the contact, never the report's text, never a moderator's or the reporter's notes.
"""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.consultation.api.feedback_schemas import CitizenReplySchema, TrackingSchema
from services.consultation.domain.feedback import MAX_FORM_BYTES
from services.consultation.workflow.feedback import reply_to_follow_up
from services.consultation.workflow.feedback_views import track_report
from shared.db import utcnow
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.ratelimit import public_rate_limit
from shared.web.security import limit_body

blp = Blueprint("tracking", __name__, url_prefix="/api/v1/feedback/track", description="Follow a report")

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
        """Reply to the department's follow-up: satisfied closes the report, otherwise staff look again"""
        ctx = service_context()
        with ctx.transaction() as session:
            return reply_to_follow_up(session, acting_principal(), utcnow(), tracking_id, data["satisfied"],
                                      data.get("note"), ctx.config.categories)
