"""Policy life-cycle steps: each one records who/when/why, bumps the event sequence and emits in one transaction."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.consultation.db.models import Policy, PolicyTransition, PolicyVersion
from services.consultation.domain.policy_lifecycle import EVENT_SUFFIX, PolicyState, check_transition, revise
from services.consultation.events import emit
from services.consultation.workflow.payloads import policy_payload


def _record(session: Session, policy: Policy, from_state: str | None, to_state: PolicyState, actor: str,
            reason: str | None, now: datetime, version: int) -> None:
    session.add(PolicyTransition(policy_id=policy.id, version=version, from_state=from_state,
                                 to_state=to_state.value, actor=actor, reason=reason, at=now))
    policy.sequence += 1
    policy.updated_at = now
    emit(session, f"consultation.policy.{EVENT_SUFFIX[to_state]}", policy.id,
         policy_payload(policy, now, reason, version=version, state=to_state.value), policy.sequence)


def draft_policy(session: Session, data: dict, actor: str, now: datetime) -> Policy:
    """A new policy at version 1, in draft."""
    policy = Policy(**data, version=1, state=PolicyState.DRAFT.value, sequence=0, created_at=now, updated_at=now)
    session.add(policy)
    session.flush()
    session.add(PolicyVersion(policy_id=policy.id, version=1, title=policy.title, summary=policy.summary,
                              created_at=now))
    _record(session, policy, None, PolicyState.DRAFT, actor, None, now, version=1)
    return policy


def move_policy(session: Session, policy: Policy, target: str, actor: str, reason: str | None,
                now: datetime) -> Policy:
    """Apply one allowed transition; PolicyTransitionError if the life cycle forbids it.

    Revising closes this version as "revised" and opens version + 1 in draft with the same
    text, so two events go out: .revised for the old version, .drafted for the new one.
    """
    source = policy.state
    if target == PolicyState.REVISED:
        successor = revise(source, policy.version)
        _record(session, policy, source, PolicyState.REVISED, actor, reason, now, version=policy.version)
        policy.version, policy.state = successor.version, successor.state.value
        session.add(PolicyVersion(policy_id=policy.id, version=policy.version, title=policy.title,
                                  summary=policy.summary, created_at=now))
        _record(session, policy, None, successor.state, actor, reason, now, version=policy.version)
        return policy
    state = check_transition(source, target)
    policy.state = state.value
    _record(session, policy, source, state, actor, reason, now, version=policy.version)
    return policy


def edit_draft(session: Session, policy: Policy, changes: dict, now: datetime) -> Policy:
    """Change the text of a draft; the version's record follows. Callers check that it is a draft."""
    for key, value in changes.items():
        setattr(policy, key, value)
    policy.updated_at = now
    current = session.get(PolicyVersion, (policy.id, policy.version))
    current.title, current.summary = policy.title, policy.summary
    return policy
