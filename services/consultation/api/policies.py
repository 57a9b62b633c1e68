"""Policies and their life cycle: admins draft and move them; the public reads them once consulted on."""
from __future__ import annotations

from datetime import UTC, datetime

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import or_, select

from services.consultation.api.schemas import (
    PolicyDetailSchema,
    PolicyPageSchema,
    PolicyQueryArgsSchema,
    PolicySchema,
    PolicyUpdateSchema,
    TransitionSchema,
)
from services.consultation.db.models import Feedback, Policy, PolicyTransition, PolicyVersion
from services.consultation.domain.policy_lifecycle import PolicyState, PolicyTransitionError, allowed_targets
from services.consultation.workflow.policies import draft_policy, edit_draft, move_policy
from shared.web.app_factory import service_context
from shared.web.auth import current_principal, require_roles
from shared.web.pagination import paginate

blp = Blueprint("policies", __name__, url_prefix="/api/v1/policies", description="Policies and their life cycle")

# A policy becomes public when it first opens for consultation, and stays public while a
# later version is being drafted: the city has already discussed it in the open.
PUBLIC = or_(Policy.state != PolicyState.DRAFT.value, Policy.version > 1)


def get_policy(session, policy_id: str, *, for_update: bool = False) -> Policy:
    """The policy, or 404; the public never learns that a first draft exists."""
    query = select(Policy).where(Policy.id == policy_id)
    if current_principal() is None:
        query = query.where(PUBLIC)
    policy = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if policy is None:
        abort(404, message="Policy not found.")
    return policy


def policy_detail(session, policy: Policy) -> dict:
    history = session.execute(select(PolicyTransition).where(PolicyTransition.policy_id == policy.id)
                              .order_by(PolicyTransition.at, PolicyTransition.version)).scalars().all()
    versions = session.execute(select(PolicyVersion).where(PolicyVersion.policy_id == policy.id)
                               .order_by(PolicyVersion.version)).scalars().all()
    shaped_by = session.execute(select(Feedback).where(Feedback.policy_id == policy.id,
                                                       Feedback.answer_outcome == "accepted")
                                .order_by(Feedback.answered_at)).scalars().all()
    # Staff see who made each move; the public sees the moves and the reasons.
    shown = ("version", "from_state", "to_state", "reason", "at") + (("actor",) if current_principal() else ())
    return {**{c.key: getattr(policy, c.key) for c in Policy.__table__.columns},
            "allowed_targets": [s.value for s in allowed_targets(policy.state)], "versions": versions,
            "history": [{key: getattr(step, key) for key in shown} for step in history], "shaped_by": shaped_by}


@blp.route("")
class Policies(MethodView):
    @blp.arguments(PolicyQueryArgsSchema, location="query")
    @blp.response(200, PolicyPageSchema)
    def get(self, args):
        """List policies (the public sees those opened for consultation or later)"""
        query = select(Policy).order_by(Policy.code)
        if current_principal() is None:
            query = query.where(PUBLIC)
        for key in ("state", "department_code"):
            if key in args:
                query = query.where(getattr(Policy, key) == args[key])
        with service_context().db.sessions() as session:
            return paginate(session, query, args)

    @require_roles("admin")
    @blp.arguments(PolicySchema)
    @blp.response(201, PolicySchema)
    def post(self, data):
        """Draft a new policy (admin)"""
        with service_context().transaction() as session:
            if session.execute(select(Policy.id).where(Policy.code == data["code"])).first():
                abort(409, message=f"Policy code {data['code']!r} already exists.")
            return draft_policy(session, data, current_principal().subject, datetime.now(UTC))


@blp.route("/<policy_id>")
class PolicyById(MethodView):
    @blp.response(200, PolicyDetailSchema)
    def get(self, policy_id):
        """One policy with its versions, history and the feedback that shaped it"""
        with service_context().db.sessions() as session:
            return policy_detail(session, get_policy(session, policy_id))

    @require_roles("admin")
    @blp.arguments(PolicyUpdateSchema)
    @blp.response(200, PolicySchema)
    def patch(self, data, policy_id):
        """Edit the text of a draft (admin)"""
        with service_context().transaction() as session:
            policy = get_policy(session, policy_id, for_update=True)
            if policy.state != PolicyState.DRAFT:
                abort(409, message=f"Only a draft can be edited; this version is {policy.state}. Revise it instead.")
            return edit_draft(session, policy, data, datetime.now(UTC))


@blp.route("/<policy_id>/transitions")
class PolicyTransitions(MethodView):
    @require_roles("admin")
    @blp.arguments(TransitionSchema)
    @blp.response(200, PolicyDetailSchema)
    def post(self, data, policy_id):
        """Move a policy along its life cycle; target "revised" starts the next version in draft (admin)"""
        with service_context().transaction() as session:
            policy = get_policy(session, policy_id, for_update=True)
            try:
                move_policy(session, policy, data["target"], current_principal().subject, data.get("reason"),
                            datetime.now(UTC))
            except PolicyTransitionError as exc:
                abort(409, message=str(exc), errors={"target": [str(exc)]})
            session.flush()
            return policy_detail(session, policy)
