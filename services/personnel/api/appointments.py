"""Appointments: putting an employee in a position, keeping every earlier one as history."""
from __future__ import annotations

from flask.views import MethodView

from services.personnel.api.schemas.people import AppointmentPageSchema, AppointmentSchema
from services.personnel.workflow.appointments import appoint, appointments
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.idempotency import idempotent
from shared.web.pagination import PageArgsSchema

blp = ApiBlueprint("appointments", __name__, url_prefix="/api/v1/employees",
                description="Appointments to positions, with their history")


@blp.route("/<employee_id>/appointments")
class Appointments(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, AppointmentPageSchema)
    def get(self, args, employee_id):
        """The employee's positions, the current one first"""
        with service_context().db.sessions() as session:
            return appointments(session, acting_principal(), employee_id, args)

    @require_roles("admin", "operator")
    @blp.arguments(AppointmentSchema)
    @idempotent("appointments")
    @blp.response(201, AppointmentSchema)
    def post(self, data, employee_id, session):
        """Appoint the employee to a position (this becomes the current one)"""
        return appoint(session, acting_principal(), utcnow(), employee_id, data,
                       window=service_context().config.leadership)
