"""Policies and their life cycle: admins draft and move them; the public reads them once consulted on."""
from __future__ import annotations

from flask.views import MethodView

from services.consultation.api.schemas import (
    PolicyDetailSchema,
    PolicyPageSchema,
    PolicyQueryArgsSchema,
    PolicySchema,
    PolicyUpdateSchema,
    TransitionSchema,
)
from services.consultation.workflow import policies, policy_moves
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles

blp = ApiBlueprint("policies", __name__, url_prefix="/api/v1/policies", description="Policies and their life cycle")


@blp.route("")
class Policies(MethodView):
    @blp.arguments(PolicyQueryArgsSchema, location="query")
    @blp.response(200, PolicyPageSchema)
    def get(self, args):
        """List policies (the public sees those opened for consultation or later)"""
        with service_context().db.sessions() as session:
            return policies.list_policies(session, acting_principal(), args)

    @require_roles("admin")
    @blp.arguments(PolicySchema)
    @blp.response(201, PolicySchema)
    def post(self, data):
        """Draft a new policy (admin)"""
        with service_context().transaction() as session:
            return policies.create_policy(session, acting_principal(), utcnow(), data)


@blp.route("/<policy_id>")
class PolicyById(MethodView):
    @blp.response(200, PolicyDetailSchema)
    def get(self, policy_id):
        """One policy with its versions, history and the feedback that shaped it"""
        with service_context().db.sessions() as session:
            return policies.policy_detail(session, acting_principal(), policy_id)

    @require_roles("admin", "operator")
    @blp.arguments(PolicyUpdateSchema)
    @blp.response(200, PolicySchema)
    def patch(self, data, policy_id):
        """Edit the title and summary of a draft or a version under revision (admin, or the lead operator)"""
        with service_context().transaction() as session:
            return policies.edit_policy(session, acting_principal(), utcnow(), policy_id, data)


@blp.route("/<policy_id>/transitions")
class PolicyTransitions(MethodView):
    @require_roles("admin")
    @blp.arguments(TransitionSchema)
    @blp.response(200, PolicyDetailSchema)
    def post(self, data, policy_id):
        """Move a policy along its life cycle (admin); see docs/consultation.md for the moves and their effects"""
        with service_context().transaction() as session:
            return policy_moves.move_policy(session, acting_principal(), utcnow(), policy_id, data["target"],
                                            data.get("reason"), closes_on=data.get("closes_on"),
                                            confirm_unanswered=data["confirm_unanswered"],
                                            rounds=service_context().config.rounds)
