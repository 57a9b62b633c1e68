"""Policy socialization: the policies personnel knows, and sessions (workshop or seminar) for an adopted one."""
from __future__ import annotations

from flask.views import MethodView

from services.personnel.api.schemas.socialization import (
    KnownPolicyPageSchema,
    SessionQueryArgsSchema,
    SocializationSessionPageSchema,
    SocializationSessionSchema,
)
from services.personnel.workflow.known_policies import list_known_policies
from services.personnel.workflow.socialization import list_sessions, plan_session, socialization_session
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.pagination import PageArgsSchema

blp = ApiBlueprint("socialization", __name__, url_prefix="/api/v1", description="Policy socialization")


@blp.route("/known-policies")
class KnownPolicies(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, KnownPolicyPageSchema)
    def get(self, args):
        """The policies personnel knows from consultation's events"""
        with service_context().db.sessions() as session:
            return list_known_policies(session, acting_principal(), args)


@blp.route("/socialization-sessions")
class Sessions(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(SessionQueryArgsSchema, location="query")
    @blp.response(200, SocializationSessionPageSchema)
    def get(self, args):
        """List socialization sessions, by policy or department"""
        with service_context().db.sessions() as session:
            return list_sessions(session, acting_principal(), args)

    @require_roles("admin", "operator")
    @blp.arguments(SocializationSessionSchema)
    @blp.response(201, SocializationSessionSchema)
    def post(self, data):
        """Plan or record a socialization session for an adopted policy (an operator: for their department)"""
        with service_context().transaction() as session:
            return plan_session(session, acting_principal(), utcnow(), data)


@blp.route("/socialization-sessions/<session_id>")
class SessionById(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.response(200, SocializationSessionSchema)
    def get(self, session_id):
        """One socialization session, with the number of attendees"""
        with service_context().db.sessions() as session:
            return socialization_session(session, acting_principal(), session_id)
