"""Consultation sessions of a policy: hearings, online rounds and workshops, with who took part and what came out."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import ConsultationSession
from services.consultation.domain.policy_lifecycle import allowed_targets
from services.consultation.domain.working_days import local_date
from services.consultation.events import emit, session_payload
from services.consultation.workflow import access
from services.consultation.workflow.policies import get_policy
from services.consultation.workflow.policy_input import NOT_HELD_YET
from shared.db import paginate
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def list_sessions(session: Session, principal: Principal, policy_id: str, args: dict) -> dict:
    """The sessions held on a policy the caller may see, oldest first."""
    get_policy(session, principal, policy_id)
    query = (select(ConsultationSession).where(ConsultationSession.policy_id == policy_id)
             .order_by(ConsultationSession.held_on, ConsultationSession.created_at))
    return paginate(session, query, args)


def record_session(session: Session, principal: Principal, now: datetime, policy_id: str,
                   data: dict) -> ConsultationSession:
    """Record a session that was held (BKPSDM, or the operator of the policy's department) and announce it."""
    policy = get_policy(session, principal, policy_id)
    access.require_session_recorder(principal, policy)
    if not allowed_targets(policy.state):
        raise Conflict(f"The policy is {policy.state}; no more sessions can be recorded on it.", allowed=[])
    if data["held_on"] > local_date(now):
        raise Invalid("held_on", NOT_HELD_YET)
    held = ConsultationSession(**data, policy_id=policy.id, policy_version=policy.version,
                               recorded_by=principal.subject, version=1, created_at=now)
    session.add(held)
    session.flush()
    emit(session, "consultation.session.held", held.id, session_payload(held), held.version)
    return held
