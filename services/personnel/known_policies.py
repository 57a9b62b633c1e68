"""Personnel's local copy of consultation's policies, kept from consultation.policy.* events.

With it, a socialization session can refer to a real policy even while consultation is down.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.personnel.db.models import KnownPolicy
from shared.envelope import Envelope

# The catalogue's consultation.policy.<suffix> types; personnel's own copy (services share no code).
POLICY_SUFFIXES = ("drafted", "consultation_opened", "adopted", "implementation_started",
                   "evaluation_started", "revised", "retired")
POLICY_EVENT_TYPES = tuple(f"consultation.policy.{suffix}" for suffix in POLICY_SUFFIXES)


class PolicyPayload(Schema):
    """Personnel's tolerant reading of consultation's policy events: only the fields it keeps."""

    class Meta:
        unknown = EXCLUDE

    policy_id = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    version = fields.Integer(required=True)
    state = fields.String(required=True)


def apply_policy_state(session: Session, event: Envelope, data: dict) -> bool:
    """Keep the policy's latest state; an older or repeated event (lower sequence) changes nothing."""
    policy = session.get(KnownPolicy, data["policy_id"])
    if policy is not None and policy.sequence >= event.sequence:
        return False
    if policy is None:
        policy = KnownPolicy(id=data["policy_id"])
        session.add(policy)
    policy.code, policy.title, policy.state = data["code"], data["title"][:300], data["state"]
    policy.policy_version, policy.sequence = data["version"], event.sequence
    return True
