"""The events consultation emits: their payload schemas (the contract in docs/asyncapi.yaml), `emit`, and the
payload builders, the one place that decides what leaves the service about each aggregate.

No event carries a complainant's contact, the feedback text, the tracking id, attachments, the
place or what the citizen replied: other city systems and reporting need the facts of
responsiveness (timestamps, kind, category, department, deadlines met, re-routings, reopenings,
pauses, satisfaction), not what the citizen wrote.
"""
from __future__ import annotations

from datetime import datetime

from marshmallow import Schema, fields, validate

from services.consultation.db.models import (
    ConsultationSession,
    Feedback,
    ImprovementAction,
    ImprovementPlan,
    Policy,
    PolicyComment,
    plumbing,
)
from services.consultation.domain import improvement as improvement_rules
from services.consultation.domain.deadlines import met
from services.consultation.domain.report_flow import Status
from services.consultation.domain.working_days import local_date
from shared.outbox import Emitter

SOURCE = "/asn/consultation"
FEEDBACK_VERBS = ("submitted", "forwarded", "rerouted", "info_requested", "info_provided", "responded", "reopened",
                  "closed", "overdue", "answered")
POLICY_SUFFIXES = ("drafted", "consultation_opened", "consultation_closed", "revision_started", "adopted",
                   "implementation_started", "evaluation_started", "revised", "retired")
COMMENT_VERBS = ("submitted", "published", "hidden", "answered")
IMPROVEMENT_SUFFIXES = ("plan_created", "action_added", "plan_adopted", "action_started", "action_done",
                        "action_dropped", "action_overdue")


class PolicyEvent(Schema):
    """consultation.policy.<drafted|consultation_opened|consultation_closed|revision_started|adopted|implementation_started|evaluation_started|revised|retired>

    The policy as of the move: its state, its current round of consultation and its latest adoption.
    """

    policy_id = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    version = fields.Integer(required=True)
    state = fields.String(required=True, metadata={"example": "adopted"})
    department_code = fields.String(allow_none=True)
    changed_at = fields.AwareDateTime(required=True)
    reason = fields.String(allow_none=True)
    # The text and the consultation (issue 16); absent from events recorded before them.
    opens_on = fields.Date(allow_none=True, metadata={"description": "first day of the current round (WIB)"})
    closes_on = fields.Date(allow_none=True, metadata={"description": "last day citizens may comment (WIB)"})
    consultation_round = fields.Integer(allow_none=True, metadata={"example": 1})
    consulted_version = fields.Integer(allow_none=True, metadata={"example": 1})
    adopted_version = fields.Integer(allow_none=True, metadata={"example": 2})
    article_count = fields.Integer(allow_none=True, metadata={"example": 5})
    comments_received = fields.Integer(allow_none=True, metadata={"example": 2})
    unanswered_comments = fields.Integer(allow_none=True, metadata={
        "example": 0, "description": "comments without an official answer at the time of the move "
                                     "(not counting hidden ones)"})
    # The latest adoption, on every event from then on (null until the policy is first adopted).
    adopted_at = fields.AwareDateTime(allow_none=True)
    unanswered_at_adoption = fields.Integer(allow_none=True, metadata={
        "example": 0, "description": "comments left without an answer when the policy was adopted"})
    changed_articles = fields.List(fields.Integer(), allow_none=True, metadata={
        "example": [3], "description": "the articles the adopted text changed from the first draft consulted on "
                                       "in its cycle (numbers in the adopted text; a removed one by its old number)"})


class CommentEvent(Schema):
    """consultation.comment.<submitted|published|hidden|answered>: a citizen's comment on a consulted text.

    No text, no name, no contact: only the facts of the answer.
    """

    comment_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    policy_version = fields.Integer(required=True, metadata={"example": 1})
    department_code = fields.String(allow_none=True, metadata={"description": "the policy's lead department"})
    article_number = fields.Integer(allow_none=True, metadata={"example": 3,
                                                               "description": "null: on the whole text"})
    moderation = fields.String(required=True, metadata={"example": "published"})
    submitted_at = fields.AwareDateTime(required=True)
    answer_outcome = fields.String(allow_none=True, metadata={"example": "accepted"})
    answered_in_version = fields.Integer(allow_none=True, metadata={"example": 2})
    answered_in_article = fields.Integer(allow_none=True, metadata={"example": 3})
    answered_at = fields.AwareDateTime(allow_none=True)


class SessionHeldEvent(Schema):
    """consultation.session.held"""

    session_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    held_on = fields.Date(required=True)
    format = fields.String(required=True)
    stakeholder_groups = fields.List(fields.String(), required=True)
    participants = fields.Integer(required=True)
    policy_version = fields.Integer(allow_none=True)
    place = fields.String(allow_none=True, metadata={"example": "Aula BKPSDM Kota Tebing Tinggi"})


class FeedbackEvent(Schema):
    """consultation.feedback.<submitted|forwarded|rerouted|info_requested|info_provided|responded|reopened|closed|
    overdue|answered>: the item's current state (its statuses and steps: docs/complaints.md)."""

    feedback_id = fields.String(required=True)
    # No tracking id: it is the citizen's only credential for following and answering the report,
    # so it never leaves consultation (docs/events.md, "Personal data on the bus").
    kind = fields.String(required=True)
    category = fields.String(required=True)
    unsur = fields.String(allow_none=True)
    policy_id = fields.String(allow_none=True)
    department_code = fields.String(allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf([s.value for s in Status]),
                           metadata={"example": "forwarded"})
    submitted_at = fields.AwareDateTime(required=True)
    forwarded_at = fields.AwareDateTime(allow_none=True)
    responded_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    forward_due = fields.Date(required=True)
    follow_up_due = fields.Date(allow_none=True)
    forward_deadline_met = fields.Boolean(allow_none=True)
    follow_up_deadline_met = fields.Boolean(allow_none=True)
    overdue_stage = fields.String(allow_none=True)
    answer_outcome = fields.String(allow_none=True)
    answered_in_version = fields.Integer(allow_none=True)
    hidden = fields.Boolean(required=True)
    auto_close_due = fields.Date(allow_none=True)
    closed_by = fields.String(allow_none=True)  # staff, citizen or system (auto-closed)
    # Added with issue 15 (additive: older events lack them, and readers default them).
    assigned_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "when the current department got it (forwarding, re-routing or reopening)"})
    reroute_count = fields.Integer(metadata={"description": "times BKPSDM moved it to another department"})
    reopen_count = fields.Integer(metadata={"description": "times it was reopened after a follow-up"})
    first_responded_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "the first follow-up; `responded_at` is the follow-up of the current round"})
    responded_by = fields.String(allow_none=True, validate=validate.OneOf(["opd", "bkpsdm"]),
                                 metadata={"example": "opd"})
    citizen_satisfied = fields.Boolean(allow_none=True, metadata={
        "description": "the citizen's latest word on the follow-up; null: they said nothing"})
    info_requested_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "set while waiting for the citizen's information (every clock paused)"})
    paused_hours = fields.Float(metadata={"description": "hours spent waiting for the citizen (ended pauses)"})
    paused_working_days = fields.Integer(metadata={"description": "working days the deadlines moved for pauses"})
    paused_hours_at_forward = fields.Float(allow_none=True, metadata={
        "description": "of paused_hours, those before the first forwarding"})
    paused_hours_at_first_response = fields.Float(allow_none=True, metadata={
        "description": "of paused_hours, those before the first follow-up"})


class ImprovementActionSchema(Schema):
    """One action of an improvement plan, as of the event. No evidence note and no reason for dropping: those
    stay with the staff in consultation."""

    action_id = fields.String(required=True)
    number = fields.Integer(required=True, metadata={"example": 1})
    origin = fields.String(required=True, validate=validate.OneOf(improvement_rules.ORIGINS),
                           metadata={"example": "recommendation"})
    source_scope = fields.String(allow_none=True, metadata={
        "example": "DISDIK", "description": "the report the recommendation came from: a department code or CITY"})
    rule = fields.String(allow_none=True, metadata={"example": "pns_training"})
    figure = fields.String(allow_none=True, metadata={"example": "competence.jp.pns.share_at_minimum"})
    subject = fields.String(allow_none=True, metadata={"description": "what a per-policy rule is about (its code)"})
    value = fields.Float(allow_none=True, metadata={"example": 0.4, "description": "the figure when chosen"})
    threshold = fields.Float(allow_none=True, metadata={"example": 0.8})
    recommendation_text = fields.String(allow_none=True)
    reason = fields.String(allow_none=True, metadata={"description": "why an action was added by hand"})
    description = fields.String(required=True)
    owner_department = fields.String(required=True, metadata={"example": "DISDIK"})
    deadline = fields.Date(required=True, metadata={"description": "the last day (WIB)"})
    policy_article = fields.Integer(allow_none=True)
    policy_version = fields.Integer(allow_none=True)
    changes_text = fields.Boolean(required=True)
    state = fields.String(required=True, validate=validate.OneOf([s.value for s in improvement_rules.ActionState]),
                          metadata={"example": "in_progress"})
    created_at = fields.AwareDateTime(required=True)
    started_at = fields.AwareDateTime(allow_none=True)
    done_at = fields.AwareDateTime(allow_none=True)
    dropped_at = fields.AwareDateTime(allow_none=True)
    done_on_time = fields.Boolean(allow_none=True, metadata={"description": "null until done"})
    overdue_at = fields.AwareDateTime(allow_none=True, metadata={"description": "when the worker flagged it"})
    has_evidence_file = fields.Boolean(required=True)


class ImprovementEvent(Schema):
    """consultation.improvement.<plan_created|action_added|plan_adopted|action_started|action_done|action_dropped|
    action_overdue>: the improvement plan with all its actions, as of the event."""

    plan_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    policy_code = fields.String(required=True)
    policy_title = fields.String(required=True)
    policy_department_code = fields.String(allow_none=True)
    period = fields.String(required=True, metadata={"example": "2026", "description": "the evaluation period"})
    state = fields.String(required=True, validate=validate.OneOf([s.value for s in improvement_rules.PlanState]))
    created_at = fields.AwareDateTime(required=True)
    adopted_at = fields.AwareDateTime(allow_none=True)
    changed_at = fields.AwareDateTime(required=True)
    action_id = fields.String(allow_none=True, metadata={"description": "the action the event is about, if one"})
    actions = fields.List(fields.Nested(ImprovementActionSchema), required=True, metadata={"example": [{
        "action_id": "5b0e2c8a-3f1d-4c56-9a57-8f2f0b1d9e41", "number": 1, "origin": "recommendation",
        "source_scope": "DISDIK", "rule": "pns_training", "figure": "competence.jp.pns.share_at_minimum",
        "value": 0.4, "threshold": 0.8,
        "recommendation_text": "Rencanakan pelatihan: baru 40,0 % PNS mencapai 20 JP, di bawah target 80,0 %.",
        "description": "Pelatihan pelayanan prima 20 JP bagi seluruh guru PNS",
        "owner_department": "DISDIK", "deadline": "2027-03-01",
        "changes_text": False, "state": "done", "created_at": "2026-12-01T02:15:00Z",
        "started_at": "2026-12-02T02:15:00Z", "done_at": "2027-02-20T02:15:00Z",
        "done_on_time": True, "has_evidence_file": False}]})


EMITS: dict[str, type[Schema]] = {
    **{f"consultation.policy.{suffix}": PolicyEvent for suffix in POLICY_SUFFIXES},
    "consultation.session.held": SessionHeldEvent,
    **{f"consultation.comment.{verb}": CommentEvent for verb in COMMENT_VERBS},
    **{f"consultation.feedback.{verb}": FeedbackEvent
       for verb in FEEDBACK_VERBS},
    **{f"consultation.improvement.{suffix}": ImprovementEvent for suffix in IMPROVEMENT_SUFFIXES},
}


# emit(session, type, subject, data, sequence): record an event inside the caller's transaction.
emit = Emitter(SOURCE, plumbing["outbox"], EMITS)


def policy_payload(policy: Policy, changed_at: datetime, reason: str | None, *, version: int | None = None,
                   state: str | None = None, text: dict | None = None) -> dict:
    """The policy as of a transition; `version`/`state` name the old version when it is being revised.

    `text` holds the figures of the text and its comments that the workflow counted at the move
    (article_count, comments_received, unanswered_comments).
    """
    return {
        "policy_id": policy.id, "code": policy.code, "title": policy.title,
        "version": version if version is not None else policy.version,
        "state": state or policy.state, "department_code": policy.department_code,
        "changed_at": changed_at, "reason": reason,
        "opens_on": policy.opens_on, "closes_on": policy.closes_on,
        "consultation_round": policy.consultation_round, "consulted_version": policy.consulted_version,
        "adopted_version": policy.adopted_version, "adopted_at": policy.adopted_at,
        "unanswered_at_adoption": policy.adoption_unanswered,
        "changed_articles": list(policy.adoption_changed) if policy.adoption_changed is not None else None,
        **{key: None for key in ("article_count", "comments_received", "unanswered_comments")},
        **(text or {}),
    }


def comment_payload(comment: PolicyComment, department_code: str | None) -> dict:
    return {
        "comment_id": comment.id, "policy_id": comment.policy_id, "policy_version": comment.policy_version,
        "department_code": department_code, "article_number": comment.article_number,
        "moderation": comment.moderation, "submitted_at": comment.submitted_at,
        "answer_outcome": comment.answer_outcome, "answered_in_version": comment.answered_in_version,
        "answered_in_article": comment.answered_in_article, "answered_at": comment.answered_at,
    }


def session_payload(held: ConsultationSession) -> dict:
    return {
        "session_id": held.id, "policy_id": held.policy_id, "held_on": held.held_on, "format": held.format,
        "stakeholder_groups": list(held.stakeholder_groups), "participants": held.participants,
        "policy_version": held.policy_version, "place": held.place,
    }


def feedback_payload(fb: Feedback, now: datetime) -> dict:
    # Closing a report straight from "received" (spam, duplicate) also ends the forwarding clock.
    forward_done = fb.forwarded_at or fb.closed_at
    return {
        "feedback_id": fb.id, "kind": fb.kind, "category": fb.category,
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
        "assigned_at": fb.assigned_at, "reroute_count": fb.reroute_count, "reopen_count": fb.reopen_count,
        "first_responded_at": fb.first_responded_at, "responded_by": fb.responded_by,
        "citizen_satisfied": fb.citizen_satisfied, "info_requested_at": fb.info_requested_at,
        "paused_hours": round(fb.paused_hours or 0.0, 3), "paused_working_days": fb.paused_working_days or 0,
        "paused_hours_at_forward": fb.paused_hours_at_forward,
        "paused_hours_at_first_response": fb.paused_hours_at_first_response,
    }


def improvement_action_payload(action: ImprovementAction) -> dict:
    done_on = local_date(action.done_at) if action.done_at else None
    return {
        "action_id": action.id, "number": action.number, "origin": action.origin,
        "source_scope": action.source_scope, "rule": action.rule, "figure": action.figure,
        "subject": action.subject, "value": action.value, "threshold": action.threshold,
        "recommendation_text": action.recommendation_text, "reason": action.reason,
        "description": action.description, "owner_department": action.owner_department,
        "deadline": action.deadline, "policy_article": action.policy_article,
        "policy_version": action.policy_version,
        "changes_text": improvement_rules.changes_text(action.policy_article, action.policy_version),
        "state": action.state, "created_at": action.created_at, "started_at": action.started_at,
        "done_at": action.done_at, "dropped_at": action.dropped_at,
        "done_on_time": improvement_rules.done_on_time(action.state, action.deadline, done_on),
        "overdue_at": action.overdue_at, "has_evidence_file": action.attachment_id is not None,
    }


def improvement_payload(plan: ImprovementPlan, policy: Policy, actions: list[ImprovementAction],
                        changed_at: datetime, action_id: str | None) -> dict:
    """The plan with every action, as of `changed_at`; `action_id` names the action the event is about."""
    return {
        "plan_id": plan.id, "policy_id": policy.id, "policy_code": policy.code, "policy_title": policy.title,
        "policy_department_code": policy.department_code, "period": plan.period, "state": plan.state,
        "created_at": plan.created_at, "adopted_at": plan.adopted_at, "changed_at": changed_at,
        "action_id": action_id, "actions": [improvement_action_payload(a) for a in actions],
    }
