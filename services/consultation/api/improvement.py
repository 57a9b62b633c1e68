"""Improvement plans (rencana tindak lanjut): BKPSDM builds and adopts them; the owning departments carry out
their actions (staff only)."""
from __future__ import annotations

from flask.views import MethodView

from services.consultation.api.improvement_schemas import (
    ActionMoveSchema,
    ActionQueryArgsSchema,
    ActionSchema,
    ActionViewSchema,
    NewActionSchema,
    PlanAdoptionSchema,
    PlanDetailSchema,
    PlanQueryArgsSchema,
    PlanSummarySchema,
)
from services.consultation.workflow import improvement
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles

blp = ApiBlueprint("improvement", __name__, url_prefix="/api/v1", description="Improvement plans and their actions")


@blp.route("/improvement-plans")
class Plans(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(PlanQueryArgsSchema, location="query")
    @blp.response(200, PlanSummarySchema(many=True))
    def get(self, args):
        """List the improvement plans, newest period first, with their actions counted by state"""
        with service_context().db.sessions() as session:
            return improvement.list_plans(session, acting_principal(), args)


@blp.route("/improvement-plans/<plan_id>")
class PlanById(MethodView):
    @require_roles("admin", "operator")
    @blp.response(200, PlanDetailSchema)
    def get(self, plan_id):
        """One plan with its policy and its actions (and the moves the caller may take on each)"""
        with service_context().db.sessions() as session:
            return improvement.plan_detail(session, acting_principal(), utcnow(), plan_id)


@blp.route("/improvement-plans/<plan_id>/adoption")
class Adoption(MethodView):
    @require_roles("admin")
    @blp.arguments(PlanAdoptionSchema)
    @blp.response(200, PlanDetailSchema)
    def post(self, data, plan_id):
        """Adopt the plan (admin); a plan that changes the policy's text moves the policy to revised"""
        now = utcnow()
        with service_context().transaction() as session:
            principal = acting_principal()
            plan = improvement.adopt_plan(session, principal, now, plan_id, data["reason"],
                                          service_context().config.rounds)
            return improvement.plan_view(session, principal, plan, now)


@blp.route("/improvement-actions")
class Actions(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ActionQueryArgsSchema, location="query")
    @blp.response(200, ActionViewSchema(many=True))
    def get(self, args):
        """The actions a department owns (an operator: their own department's), open ones first"""
        with service_context().db.sessions() as session:
            return improvement.department_actions(session, acting_principal(), utcnow(), args.get("department"))

    @require_roles("admin")
    @blp.arguments(NewActionSchema)
    @blp.response(201, ActionSchema)
    def post(self, data):
        """Add an action to the policy's plan for the period, from a recommendation or by hand (admin)"""
        with service_context().transaction() as session:
            return improvement.add_action(session, acting_principal(), utcnow(), data)


@blp.route("/improvement-actions/<action_id>/moves")
class ActionMoves(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ActionMoveSchema)
    @blp.response(200, ActionSchema)
    def post(self, data, action_id):
        """Start, finish (with a note as evidence) or drop (with a reason) an action: BKPSDM or its department"""
        with service_context().transaction() as session:
            return improvement.move_action(session, acting_principal(), utcnow(), action_id, data["target"],
                                           note=data["note"], reason=data["reason"])
