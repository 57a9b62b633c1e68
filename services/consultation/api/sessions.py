"""Consultation sessions of a policy: hearings, online rounds and workshops, with who took part and what came out."""
from __future__ import annotations

from flask.views import MethodView

from services.consultation.api.schemas import SessionPageSchema, SessionSchema
from services.consultation.workflow.sessions import list_sessions, record_session
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.pagination import PageArgsSchema

blp = ApiBlueprint("sessions", __name__, url_prefix="/api/v1/policies", description="Consultation sessions")


@blp.route("/<policy_id>/sessions")
class PolicySessions(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, SessionPageSchema)
    def get(self, args, policy_id):
        """The consultation sessions held on a policy"""
        with service_context().db.sessions() as session:
            return list_sessions(session, acting_principal(), policy_id, args)

    @require_roles("admin", "operator")
    @blp.arguments(SessionSchema)
    @blp.response(201, SessionSchema)
    def post(self, data, policy_id):
        """Record a consultation session that was held (admin, or the operator of the policy's department)"""
        with service_context().transaction() as session:
            return record_session(session, acting_principal(), utcnow(), policy_id, data)
