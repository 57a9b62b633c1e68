"""Policies and their life cycle: BKPSDM drafts and moves them; the public reads them once consulted on.

Each move records who/when/why, bumps the event sequence and emits, in one transaction.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, Policy, PolicyTransition, PolicyVersion
from services.consultation.domain.policy_lifecycle import (
    EVENT_SUFFIX,
    PolicyState,
    PolicyTransitionError,
    allowed_targets,
    check_transition,
    revise,
)
from services.consultation.events import emit, policy_payload
from services.consultation.workflow import access
from services.consultation.workflow.departments import require_receiving_department
from shared.db import paginate
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal

# A policy becomes public when it first opens for consultation, and stays public while a
# later version is being drafted: the city has already discussed it in the open.
PUBLISHED: ColumnElement[bool] = or_(Policy.state != PolicyState.DRAFT.value, Policy.version > 1)


# -- reading ---------------------------------------------------------------------------------

def get_policy(session: Session, principal: Principal, policy_id: str, *, for_update: bool = False) -> Policy:
    """The policy, or NotFound; the public never learns that a first draft exists."""
    query = select(Policy).where(Policy.id == policy_id)
    if not access.sees_drafts(principal):
        query = query.where(PUBLISHED)
    policy = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if policy is None:
        raise NotFound("Policy not found.", indonesian="Kebijakan ini tidak ditemukan.")
    return policy


def published_policy(session: Session, policy_id: str) -> Policy | None:
    """A policy the public may see (and give feedback on), or None."""
    return session.execute(select(Policy).where(Policy.id == policy_id, PUBLISHED)).scalar_one_or_none()


def list_policies(session: Session, principal: Principal, args: dict) -> dict:
    """A page of policies; the public sees those opened for consultation or later."""
    query = select(Policy).order_by(Policy.code)
    if not access.sees_drafts(principal):
        query = query.where(PUBLISHED)
    for key in ("state", "department_code"):
        if key in args:
            query = query.where(getattr(Policy, key) == args[key])
    return paginate(session, query, args)


def policies_in_consultation(session: Session) -> list[Policy]:
    """The policies citizens are asked about now, most recently opened first."""
    return list(session.execute(select(Policy).where(Policy.state == PolicyState.IN_CONSULTATION.value)
                                .order_by(Policy.updated_at.desc(), Policy.code)).scalars())


def policy_detail(session: Session, principal: Principal, policy_id: str) -> dict:
    """One policy with its versions, history and the feedback accepted into it."""
    return _detail(session, principal, get_policy(session, principal, policy_id))


def _detail(session: Session, principal: Principal, policy: Policy) -> dict:
    history = session.execute(select(PolicyTransition).where(PolicyTransition.policy_id == policy.id)
                              .order_by(PolicyTransition.at, PolicyTransition.version)).scalars().all()
    versions = session.execute(select(PolicyVersion).where(PolicyVersion.policy_id == policy.id)
                               .order_by(PolicyVersion.version)).scalars().all()
    shaped_by = session.execute(select(Feedback).where(Feedback.policy_id == policy.id,
                                                       Feedback.answer_outcome == "accepted")
                                .order_by(Feedback.answered_at)).scalars().all()
    shown = ("version", "from_state", "to_state", "reason", "at")
    if access.sees_actors(principal):
        shown += ("actor", "actor_name")
    return {**{c.key: getattr(policy, c.key) for c in Policy.__table__.columns},
            "allowed_targets": [s.value for s in allowed_targets(policy.state)], "versions": versions,
            "history": [{key: getattr(step, key) for key in shown} for step in history], "shaped_by": shaped_by}


# -- changing --------------------------------------------------------------------------------

def _record(session: Session, principal: Principal, now: datetime, policy: Policy, from_state: str | None,
            to_state: PolicyState, reason: str | None, version: int) -> None:
    session.add(PolicyTransition(policy_id=policy.id, version=version, from_state=from_state,
                                 to_state=to_state.value, actor=principal.subject,
                                 actor_name=principal.display_name, reason=reason, at=now))
    policy.sequence += 1
    policy.updated_at = now
    emit(session, f"consultation.policy.{EVENT_SUFFIX[to_state]}", policy.id,
         policy_payload(policy, now, reason, version=version, state=to_state.value), policy.sequence)


def create_policy(session: Session, principal: Principal, now: datetime, data: dict) -> Policy:
    """Draft a new policy at version 1 (BKPSDM)."""
    access.require_admin(principal, "draft policies")
    if session.execute(select(Policy.id).where(Policy.code == data["code"])).first():
        raise Conflict(f"Policy code {data['code']!r} already exists.")
    if data.get("department_code"):
        require_receiving_department(session, data["department_code"])
    policy = Policy(**data, version=1, state=PolicyState.DRAFT.value, sequence=0, created_at=now, updated_at=now)
    session.add(policy)
    session.flush()
    session.add(PolicyVersion(policy_id=policy.id, version=1, title=policy.title, summary=policy.summary,
                              created_at=now))
    _record(session, principal, now, policy, None, PolicyState.DRAFT, None, version=1)
    return policy


def edit_policy(session: Session, principal: Principal, now: datetime, policy_id: str, changes: dict) -> Policy:
    """Change the text of a draft; the version's record follows (BKPSDM)."""
    access.require_admin(principal, "edit policies")
    policy = get_policy(session, principal, policy_id, for_update=True)
    if policy.state != PolicyState.DRAFT:
        raise Conflict(f"Only a draft can be edited; this version is {policy.state}. Revise it instead.",
                       allowed=[s.value for s in allowed_targets(policy.state)])
    if changes.get("department_code"):
        require_receiving_department(session, changes["department_code"])
    for key, value in changes.items():
        setattr(policy, key, value)
    policy.updated_at = now
    current = session.get(PolicyVersion, (policy.id, policy.version))
    current.title, current.summary = policy.title, policy.summary
    return policy


def move_policy(session: Session, principal: Principal, now: datetime, policy_id: str, target: str,
                reason: str | None) -> dict:
    """Move a policy one step along its life cycle (BKPSDM); Conflict names the allowed moves.

    Revising closes this version as "revised" and opens version + 1 in draft with the same
    text, so two events go out: .revised for the old version, .drafted for the new one.
    """
    access.require_admin(principal, "move policies through their life cycle")
    if target not in {s.value for s in PolicyState}:
        raise Invalid("target", f"Must be one of: {', '.join(s.value for s in PolicyState)}.")
    policy = get_policy(session, principal, policy_id, for_update=True)
    source = policy.state
    try:
        if target == PolicyState.REVISED:
            successor = revise(source, policy.version)
            _record(session, principal, now, policy, source, PolicyState.REVISED, reason, version=policy.version)
            policy.version, policy.state = successor.version, successor.state.value
            session.add(PolicyVersion(policy_id=policy.id, version=policy.version, title=policy.title,
                                      summary=policy.summary, created_at=now))
            _record(session, principal, now, policy, None, successor.state, reason, version=policy.version)
        else:
            state = check_transition(source, target)
            policy.state = state.value
            _record(session, principal, now, policy, source, state, reason, version=policy.version)
    except PolicyTransitionError as exc:
        raise Conflict(str(exc), allowed=[s.value for s in allowed_targets(source)]) from None
    session.flush()
    return _detail(session, principal, policy)
