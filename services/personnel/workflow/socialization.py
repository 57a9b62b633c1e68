"""Policy socialization sessions (workshop or seminar) for an adopted policy: plan or record one, list them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from services.personnel.db.models import KnownPolicy, SocializationAttendance, SocializationSession
from services.personnel.domain.socialization import SOCIALIZABLE_STATES, can_socialize
from services.personnel.workflow import access
from services.personnel.workflow.lookups import active_department, get_socialization_session
from shared.db import paginate
from shared.errors import Invalid
from shared.principal import Principal


def session_view(session: Session, row: SocializationSession) -> dict:
    """A session as the API and pages show it, with its number of attendees."""
    attendees = session.execute(select(func.count()).select_from(SocializationAttendance)
                                .where(SocializationAttendance.session_id == row.id)).scalar_one()
    return {"id": row.id, "policy_id": row.policy_id, "format": row.format, "title": row.title,
            "held_on": row.held_on, "department_codes": row.department_codes.split(","), "attendees": attendees}


def _socializable_policy(session: Session, policy_id: str) -> KnownPolicy:
    policy = session.get(KnownPolicy, policy_id)
    if policy is None:
        raise Invalid("policy_id", "No known policy has this id.",
                      detail="Personnel has not heard of this policy from consultation (yet).")
    if not can_socialize(policy.state):
        message = (f"Policy {policy.code} is {policy.state!r}; only a policy that is "
                   f"{', '.join(sorted(SOCIALIZABLE_STATES))} can be socialized.")
        raise Invalid("policy_id", message, detail=message)
    return policy


def plan_session(session: Session, principal: Principal, now: datetime, data: dict) -> dict:
    """Plan or record a session for departments the caller may write for (an operator: their own)."""
    codes = list(dict.fromkeys(data["department_codes"]))
    for code in codes:
        access.ensure_writes(principal, code)
    _socializable_policy(session, data["policy_id"])
    for code in codes:
        active_department(session, code, field="department_codes")
    row = SocializationSession(policy_id=data["policy_id"], format=data["format"], title=data["title"],
                               held_on=data["held_on"], department_codes=",".join(codes), created_at=now)
    session.add(row)
    session.flush()
    return session_view(session, row)


def socialization_session(session: Session, principal: Principal, session_id: str) -> dict:
    access.ensure_staff(principal)
    return session_view(session, get_socialization_session(session, session_id))


def list_sessions(session: Session, principal: Principal, filters: dict) -> dict:
    """A page of sessions, newest first, by policy or by a department they were for."""
    access.ensure_staff(principal)
    query = select(SocializationSession).order_by(SocializationSession.held_on.desc(), SocializationSession.id)
    if filters.get("policy_id"):
        query = query.where(SocializationSession.policy_id == filters["policy_id"])
    if filters.get("department_code"):
        codes = literal(",") + SocializationSession.department_codes + literal(",")
        query = query.where(codes.contains(f",{filters['department_code']},", autoescape=True))
    page = paginate(session, query, filters)
    page["items"] = [session_view(session, row) for row in page["items"]]
    return page
