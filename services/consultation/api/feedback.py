"""Citizen feedback: the public form (no login, Idempotency-Key honoured) and the staff list and detail."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView

from services.consultation.api.feedback_schemas import FeedbackSubmitSchema, ReceiptSchema
from services.consultation.api.staff_schemas import (
    FeedbackDetailSchema,
    FeedbackPageSchema,
    FeedbackQueryArgsSchema,
)
from services.consultation.domain.feedback import MAX_FORM_BYTES
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.attachments import download_headers, open_attachment
from services.consultation.workflow.feedback import submit_feedback
from services.consultation.workflow.feedback_views import feedback_detail, list_feedback
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.idempotency import idempotent
from shared.web.ratelimit import public_rate_limit
from shared.web.security import limit_body

blp = ApiBlueprint("feedback", __name__, url_prefix="/api/v1/feedback", description="Citizen feedback and complaints")

# A citizen's form, never an upload.
limit_body(blp, MAX_FORM_BYTES)


@blp.route("")
class FeedbackCollection(MethodView):
    @public_rate_limit
    @blp.arguments(FeedbackSubmitSchema)
    @idempotent("feedback")
    @blp.response(201, ReceiptSchema)
    def post(self, data, session):
        """Submit feedback or a complaint, without login; keep the tracking id (supports Idempotency-Key)"""
        config = service_context().config
        return submit_feedback(session, acting_principal(), utcnow(), data, config.deadlines, config.categories)

    @require_roles("admin", "operator")
    @blp.arguments(FeedbackQueryArgsSchema, location="query")
    @blp.response(200, FeedbackPageSchema)
    def get(self, args):
        """List feedback with filters (an operator sees what was forwarded to their department)"""
        with service_context().db.sessions() as session:
            return list_feedback(session, acting_principal(), utcnow(), args)


@blp.route("/<feedback_id>")
class FeedbackById(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, FeedbackDetailSchema)
    def get(self, feedback_id):
        """One report with its full history (contact for admins only)"""
        with service_context().db.sessions() as session:
            return feedback_detail(session, acting_principal(), utcnow(), feedback_id)


@blp.route("/<feedback_id>/attachments/<attachment_id>")
class AttachmentById(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, content_type="application/octet-stream")
    def get(self, feedback_id, attachment_id):
        """One of a report's attachments (the staff who may handle the report)"""
        ctx = service_context()
        with ctx.db.sessions() as session:
            row, content = open_attachment(session, acting_principal(), feedback_id, attachment_id,
                                           AttachmentStore(ctx.config.attachments_dir))
        return Response(content, mimetype=row.content_type, headers=download_headers(row))
