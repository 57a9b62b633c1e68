"""Attendance at socialization sessions: recorded per employee, each announced to reporting."""
from __future__ import annotations

from flask.views import MethodView

from services.personnel.api.schemas.socialization import (
    AttendanceResultSchema,
    AttendanceSchema,
    AttendeePageSchema,
)
from services.personnel.workflow.attendance import attendees, record_attendance, record_attendance_by_nip
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.idempotency import idempotent
from shared.web.pagination import PageArgsSchema

blp = ApiBlueprint("attendance", __name__, url_prefix="/api/v1/socialization-sessions",
                description="Attendance at socialization sessions")


@blp.route("/<session_id>/attendance")
class Attendance(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, AttendeePageSchema)
    def get(self, args, session_id):
        """Who attended the session"""
        with service_context().db.sessions() as session:
            return attendees(session, acting_principal(), session_id, args)

    @require_roles("admin", "operator")
    @blp.arguments(AttendanceSchema)
    @idempotent("attendance")
    @blp.response(201, AttendanceResultSchema)
    def post(self, data, session_id, session):
        """Record that these employees attended, by id or NIP (an operator: only their own department's staff);
        those recorded before are skipped and listed"""
        if "nips" in data:
            return record_attendance_by_nip(session, acting_principal(), utcnow(), session_id, data["nips"])
        return record_attendance(session, acting_principal(), utcnow(), session_id, data["employee_ids"])
