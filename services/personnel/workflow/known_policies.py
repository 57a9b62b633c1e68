"""Personnel's local copy of consultation's policies, kept from consultation.policy.* events.

With it, a socialization session can refer to a real policy even while consultation is down.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import KnownPolicy
from services.personnel.workflow import access
from shared.consumer import check_sequence
from shared.db import paginate
from shared.principal import Principal


def keep_policy_state(session: Session, policy: dict, sequence: int) -> bool:
    """Keep the policy's latest state; an older or repeated event (lower sequence) changes nothing."""
    known = session.get(KnownPolicy, policy["policy_id"])
    if known is not None and known.sequence >= sequence:
        return False
    check_sequence(known.sequence if known else None, sequence, f"policy {policy['policy_id']}")
    if known is None:
        known = KnownPolicy(id=policy["policy_id"])
        session.add(known)
    known.code, known.title, known.state = policy["code"], policy["title"][:300], policy["state"]
    known.policy_version, known.sequence = policy["version"], sequence
    return True


def list_known_policies(session: Session, principal: Principal, page: dict) -> dict:
    """A page of the policies personnel knows from consultation's events."""
    access.ensure_staff(principal)
    return paginate(session, select(KnownPolicy).order_by(KnownPolicy.code, KnownPolicy.id), page)
