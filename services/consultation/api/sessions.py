"""Consultation sessions of a policy: hearings, online rounds and workshops, with who took part and what came out."""
from __future__ import annotations

from datetime import UTC, datetime

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from services.consultation.api.policies import get_policy
from services.consultation.api.schemas import SessionPageSchema, SessionSchema
from services.consultation.db.models import ConsultationSession
from services.consultation.domain.policy_lifecycle import allowed_targets
from services.consultation.events import emit
from services.consultation.workflow.payloads import session_payload
from shared.web.app_factory import service_context
from shared.web.auth import require_roles, require_write
from shared.web.pagination import PageArgsSchema, paginate

blp = Blueprint("sessions", __name__, url_prefix="/api/v1/policies", description="Consultation sessions")


@blp.route("/<policy_id>/sessions")
class PolicySessions(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, SessionPageSchema)
    def get(self, args, policy_id):
        """The consultation sessions held on a policy"""
        with service_context().db.sessions() as session:
            get_policy(session, policy_id)
            query = (select(ConsultationSession).where(ConsultationSession.policy_id == policy_id)
                     .order_by(ConsultationSession.held_on, ConsultationSession.created_at))
            return paginate(session, query, args)

    @require_roles("admin", "operator")
    @blp.arguments(SessionSchema)
    @blp.response(201, SessionSchema)
    def post(self, data, policy_id):
        """Record a consultation session that was held (admin, or the operator of the policy's department)"""
        with service_context().transaction() as session:
            policy = get_policy(session, policy_id)
            principal = require_write(policy.department_code)
            if not allowed_targets(policy.state):
                abort(409, message=f"The policy is {policy.state}; no more sessions can be recorded on it.")
            held = ConsultationSession(**data, policy_id=policy.id, policy_version=policy.version,
                                       recorded_by=principal.subject, version=1, created_at=datetime.now(UTC))
            session.add(held)
            session.flush()
            emit(session, "consultation.session.held", held.id, session_payload(held), held.version)
            return held
