"""The staff workspace's list of policies: every policy with its stage, its round's days and the comments owed an answer."""
from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from services.consultation.db.models import Department, Policy, PolicyComment
from services.consultation.domain.comments import Moderation
from services.consultation.domain.departments import receives_work
from services.consultation.workflow import access
from shared.principal import Principal


def workspace_policies(session: Session, principal: Principal) -> list[dict]:
    """Every policy, drafts included, newest activity first; `mine` marks those this staff member works on."""
    access.require_staff_reader(principal)
    c = PolicyComment
    owed = (c.answer_outcome.is_(None)) & (c.moderation != Moderation.HIDDEN.value)
    counts = dict(session.execute(select(c.policy_id, func.count()).where(owed).group_by(c.policy_id)).all())
    pending = dict(session.execute(select(c.policy_id, func.sum(case((c.moderation == Moderation.PENDING.value, 1),
                                                                     else_=0))).group_by(c.policy_id)).all())
    rows = session.execute(select(Policy).order_by(Policy.updated_at.desc(), Policy.code)).scalars()
    return [{"policy": p, "unanswered": counts.get(p.id, 0), "pending": int(pending.get(p.id) or 0),
             "mine": access.may_work_on_policy(principal, p)} for p in rows]


def lead_departments(session: Session) -> list[Department]:
    """The departments that may lead a new policy (not dissolved), by name."""
    rows = session.execute(select(Department).order_by(Department.name)).scalars()
    return [d for d in rows if receives_work(d.status)]
