"""Projects consultation's policies and feedback items into reporting's read models."""
from __future__ import annotations

from datetime import datetime

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy import case
from sqlalchemy.orm import Session

from services.reporting.db.models import FeedbackFact, PolicyFact, PolicyVersionFact
from services.reporting.db.upsert import insert_for
from services.reporting.domain.periods import local_date, periods_containing
from services.reporting.domain.rules import ADOPTED_POLICY_STATES, ENDED_POLICY_STATES
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


POLICIES = LatestState(PolicyFact.__table__, "policy_id", _policy_touch)
FEEDBACK = LatestState(FeedbackFact.__table__, "feedback_id", _feedback_touch)


def apply_policy_state(session: Session, event: Envelope, data: dict) -> None:
    values = {name: data[name] for name in ("code", "title", "version", "state", "department_code",
                                            "changed_at")}
    buffer_state(session, POLICIES, data["policy_id"], values, event.sequence, event.time)
    _keep_version_in_force(session, data)


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
