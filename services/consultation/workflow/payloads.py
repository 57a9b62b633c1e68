"""Event payloads built from rows: the one place that decides what leaves the service about each aggregate.

Feedback events carry the facts reporting needs to measure responsiveness (timestamps,
kind, category, department, deadlines met) and never the text or the contact.
"""
from __future__ import annotations

from datetime import datetime

from services.consultation.db.models import ConsultationSession, Feedback, Policy
from services.consultation.domain.deadlines import met


def policy_payload(policy: Policy, changed_at: datetime, reason: str | None, *, version: int | None = None,
                   state: str | None = None) -> dict:
    """The policy as of a transition; `version`/`state` name the old version when it is being revised."""
    return {
        "policy_id": policy.id, "code": policy.code, "title": policy.title,
        "version": version if version is not None else policy.version,
        "state": state or policy.state, "department_code": policy.department_code,
        "changed_at": changed_at, "reason": reason,
    }


def session_payload(held: ConsultationSession) -> dict:
    return {
        "session_id": held.id, "policy_id": held.policy_id, "held_on": held.held_on, "format": held.format,
        "stakeholder_groups": list(held.stakeholder_groups), "participants": held.participants,
        "policy_version": held.policy_version,
    }


def feedback_payload(fb: Feedback, now: datetime) -> dict:
    # Closing a report straight from "received" (spam, duplicate) also ends the forwarding clock.
    forward_done = fb.forwarded_at or fb.closed_at
    return {
        "feedback_id": fb.id, "tracking_id": fb.tracking_id, "kind": fb.kind, "category": fb.category,
        "unsur": fb.unsur, "policy_id": fb.policy_id, "department_code": fb.department_code,
        "status": fb.status, "submitted_at": fb.submitted_at, "forwarded_at": fb.forwarded_at,
        "responded_at": fb.responded_at, "closed_at": fb.closed_at, "forward_due": fb.forward_due,
        "follow_up_due": fb.follow_up_due,
        "forward_deadline_met": met(fb.forward_due, forward_done, now),
        "follow_up_deadline_met": (met(fb.follow_up_due, fb.responded_at, now)
                                   if fb.follow_up_due is not None else None),
        "overdue_stage": fb.overdue_stage, "answer_outcome": fb.answer_outcome,
        "answered_in_version": fb.answered_in_version, "hidden": fb.hidden,
        "auto_close_due": fb.auto_close_due, "closed_by": fb.closed_by,
    }
