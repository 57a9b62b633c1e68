"""Projects consultation's policies, citizens' comments on them and feedback items into reporting's read models."""
from __future__ import annotations

from datetime import datetime

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy import case
from sqlalchemy.orm import Session

from services.reporting.db.models import CommentFact, FeedbackFact, PolicyFact, PolicyVersionFact
from services.reporting.domain.periods import local_date, periods_containing
from services.reporting.domain.rules import ADOPTED_POLICY_STATES, ENDED_POLICY_STATES
from services.reporting.projections.batch import Batch, LatestState, buffer_state
from services.reporting.projections.revisions import touch
from shared.db import insert_for
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
    # Since issue 15; older events lack them, and mean none of it happened.
    reroute_count = fields.Integer(load_default=0)
    reopen_count = fields.Integer(load_default=0)
    citizen_satisfied = fields.Boolean(allow_none=True, load_default=None)
    responded_by = fields.String(allow_none=True, load_default=None)
    paused_hours = fields.Float(load_default=0.0)
    paused_working_days = fields.Integer(load_default=0)
    first_responded_at = fields.AwareDateTime(allow_none=True, load_default=None)
    paused_hours_at_forward = fields.Float(allow_none=True, load_default=None)
    paused_hours_at_first_response = fields.Float(allow_none=True, load_default=None)


# Read to work out the response times, not kept as they are.
TIMING_ONLY = ("feedback_id", "first_responded_at", "paused_hours_at_forward", "paused_hours_at_first_response")


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
    _keep_version_in_force(session, data)


def apply_comment_state(session: Session, event: Envelope, data: dict) -> None:
    values = {name: value for name, value in data.items() if name != "comment_id"}
    buffer_state(session, COMMENTS, data["comment_id"], values, event.sequence, event.time)



def _keep_version_in_force(session: Session, data: dict) -> None:
    """Widen the version's in-force interval by this event: its adoption starts it, a revision or retirement
    ends it. The earliest start and the latest end win, so order and repeats do not matter."""
    day = local_date(data["changed_at"])
    if data["state"] in ADOPTED_POLICY_STATES:
        values = {"in_force_from": day, "in_force_until": None}
    elif data["state"] in ENDED_POLICY_STATES:
        values = {"in_force_from": None, "in_force_until": day}
    else:
        return
    table = PolicyVersionFact.__table__
    stmt = insert_for(session)(table).values(policy_id=data["policy_id"], version=data["version"], **values)
    new, old = stmt.excluded, table.c
    session.execute(stmt.on_conflict_do_update(index_elements=["policy_id", "version"], set_={
        "in_force_from": case((old.in_force_from.is_(None), new.in_force_from),
                              (new.in_force_from < old.in_force_from, new.in_force_from), else_=old.in_force_from),
        "in_force_until": case((old.in_force_until.is_(None), new.in_force_until),
                               (new.in_force_until > old.in_force_until, new.in_force_until),
                               else_=old.in_force_until)}))


def _hours(start: datetime, end: datetime | None, paused: float | None = None) -> float | None:
    """Hours from start to end, less the hours the report waited for the citizen in between."""
    if end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 3600 - (paused or 0.0))


def response_times(data: dict) -> dict:
    """Hours to the first action (forwarded, followed up or closed) and to the first follow-up, each without the
    time spent waiting for the citizen before it (docs/complaints.md, 'Reporting')."""
    first_follow_up = data.get("first_responded_at") or data["responded_at"]
    actions = [(moment, name) for name, moment in (("forwarded_at", data["forwarded_at"]),
                                                   ("responded_at", first_follow_up),
                                                   ("closed_at", data["closed_at"])) if moment is not None]
    first = min(actions) if actions else None
    paused_before = {"forwarded_at": data.get("paused_hours_at_forward"),
                     "responded_at": data.get("paused_hours_at_first_response"),
                     "closed_at": data.get("paused_hours")}
    return {"first_response_hours": _hours(data["submitted_at"], first[0], paused_before[first[1]]) if first else None,
            "follow_up_hours": _hours(data["submitted_at"], first_follow_up,
                                      data.get("paused_hours_at_first_response"))}


def apply_feedback_state(session: Session, event: Envelope, data: dict) -> None:
    values = {name: value for name, value in data.items() if name not in TIMING_ONLY}
    values["missed_deadline"] = (data["forward_deadline_met"] is False or data["follow_up_deadline_met"] is False
                                 or data["overdue_stage"] is not None)
    buffer_state(session, FEEDBACK, data["feedback_id"], {**values, **response_times(data)}, event.sequence,
                 event.time)
