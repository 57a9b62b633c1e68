"""Projects consultation's policies, citizens' comments on them and feedback items into reporting's read models."""
from __future__ import annotations

from datetime import datetime

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.reporting.db.models import CommentFact, FeedbackFact, PolicyFact
from services.reporting.domain.periods import local_date, periods_containing
from services.reporting.projections.batch import Batch, LatestState, buffer_state
from services.reporting.projections.revisions import touch
from shared.envelope import Envelope


class PolicyPayload(Schema):
    class Meta:
        unknown = EXCLUDE

    policy_id = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    version = fields.Integer(required=True)
    state = fields.String(required=True)
    department_code = fields.String(allow_none=True, load_default=None)
    changed_at = fields.AwareDateTime(required=True)
    closes_on = fields.Date(allow_none=True, load_default=None)
    consultation_round = fields.Integer(allow_none=True, load_default=None)
    consulted_version = fields.Integer(allow_none=True, load_default=None)
    adopted_version = fields.Integer(allow_none=True, load_default=None)
    adopted_at = fields.AwareDateTime(allow_none=True, load_default=None)
    unanswered_at_adoption = fields.Integer(allow_none=True, load_default=None)
    changed_articles = fields.List(fields.Integer(), allow_none=True, load_default=None)


class CommentPayload(Schema):
    """The facts of a comment's answer; consultation sends neither its text nor its author, and we want neither."""

    class Meta:
        unknown = EXCLUDE

    comment_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    department_code = fields.String(allow_none=True, load_default=None)
    policy_version = fields.Integer(required=True)
    article_number = fields.Integer(allow_none=True, load_default=None)
    moderation = fields.String(required=True)
    submitted_at = fields.AwareDateTime(required=True)
    answer_outcome = fields.String(allow_none=True, load_default=None)
    answered_at = fields.AwareDateTime(allow_none=True, load_default=None)


class FeedbackPayload(Schema):
    """The facts of responsiveness; consultation sends no contact details and no text, and we want none."""

    class Meta:
        unknown = EXCLUDE

    feedback_id = fields.String(required=True)
    kind = fields.String(required=True)
    category = fields.String(required=True)
    unsur = fields.String(allow_none=True, load_default=None)
    policy_id = fields.String(allow_none=True, load_default=None)
    department_code = fields.String(allow_none=True, load_default=None)
    status = fields.String(required=True)
    submitted_at = fields.AwareDateTime(required=True)
    forwarded_at = fields.AwareDateTime(allow_none=True, load_default=None)
    responded_at = fields.AwareDateTime(allow_none=True, load_default=None)
    closed_at = fields.AwareDateTime(allow_none=True, load_default=None)
    forward_deadline_met = fields.Boolean(allow_none=True, load_default=None)
    follow_up_deadline_met = fields.Boolean(allow_none=True, load_default=None)
    overdue_stage = fields.String(allow_none=True, load_default=None)
    answer_outcome = fields.String(allow_none=True, load_default=None)
    hidden = fields.Boolean(load_default=False)


def _policy_touch(batch: Batch, before, after, time) -> None:
    touch(batch, {after["department_code"], before["department_code"] if before else None},
          periods_containing(local_date(after["changed_at"])), time)


def _feedback_touch(batch: Batch, before, after, time) -> None:
    touch(batch, {after["department_code"], before["department_code"] if before else None},
          periods_containing(local_date(after["submitted_at"])), time)


def _comment_touch(batch: Batch, before, after, time) -> None:
    touch(batch, {after["department_code"], before["department_code"] if before else None},
          periods_containing(local_date(after["submitted_at"])), time)


POLICIES = LatestState(PolicyFact.__table__, "policy_id", _policy_touch)
FEEDBACK = LatestState(FeedbackFact.__table__, "feedback_id", _feedback_touch)
COMMENTS = LatestState(CommentFact.__table__, "comment_id", _comment_touch)
POLICY_FIELDS = ("code", "title", "version", "state", "department_code", "changed_at", "closes_on",
                 "consultation_round", "consulted_version", "adopted_version", "adopted_at", "unanswered_at_adoption")


def apply_policy_state(session: Session, event: Envelope, data: dict) -> None:
    values = {name: data[name] for name in POLICY_FIELDS}
    changed = data["changed_articles"]
    values["articles_changed"] = len(set(changed)) if changed is not None else None
    buffer_state(session, POLICIES, data["policy_id"], values, event.sequence, event.time)


def apply_comment_state(session: Session, event: Envelope, data: dict) -> None:
    values = {name: value for name, value in data.items() if name != "comment_id"}
    buffer_state(session, COMMENTS, data["comment_id"], values, event.sequence, event.time)


def _hours(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else max(0.0, (end - start).total_seconds() / 3600)


def response_times(data: dict) -> dict:
    """Hours to the first action (forwarded, followed up or closed) and to the OPD's follow-up."""
    actions = [data[name] for name in ("forwarded_at", "responded_at", "closed_at") if data[name] is not None]
    return {"first_response_hours": _hours(data["submitted_at"], min(actions) if actions else None),
            "follow_up_hours": _hours(data["submitted_at"], data["responded_at"])}


def apply_feedback_state(session: Session, event: Envelope, data: dict) -> None:
    values = {name: value for name, value in data.items() if name != "feedback_id"}
    values["missed_deadline"] = (data["forward_deadline_met"] is False or data["follow_up_deadline_met"] is False
                                 or data["overdue_stage"] is not None)
    buffer_state(session, FEEDBACK, data["feedback_id"], {**values, **response_times(data)}, event.sequence,
                 event.time)
