"""The competence view per employee and per department: JP against the yearly rule, leadership training due."""
from __future__ import annotations

from flask.views import MethodView

from services.personnel.api.schemas.competence import (
    CompetenceQueryArgsSchema,
    CompetenceSchema,
    DepartmentCompetenceSchema,
)
from services.personnel.workflow.competence import department_competence, employee_competence
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles

blp = ApiBlueprint("competence", __name__, url_prefix="/api/v1", description="Competence development (JP)")


@blp.route("/employees/<employee_id>/competence")
class EmployeeCompetence(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(CompetenceQueryArgsSchema, location="query")
    @blp.response(200, CompetenceSchema)
    def get(self, args, employee_id):
        """An employee's JP for the year and the leadership training their position needs"""
        ctx = service_context()
        with ctx.db.sessions() as session:
            return employee_competence(session, acting_principal(), utcnow(), employee_id, args.get("year"),
                                       ctx.config.leadership)


@blp.route("/departments/<code>/competence")
class DepartmentCompetence(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(CompetenceQueryArgsSchema, location="query")
    @blp.response(200, DepartmentCompetenceSchema)
    def get(self, args, code):
        """Every active employee of a department: JP for the year and leadership training, with totals"""
        ctx = service_context()
        with ctx.db.sessions() as session:
            return department_competence(session, acting_principal(), utcnow(), code, args.get("year"),
                                         ctx.config.leadership)
