"""Projects consultation's improvement plans (consultation.improvement.*) into one row per action.

Each event carries the whole plan with every action, so each action's row takes the plan's
sequence: a late or repeated event changes nothing. An event touches the reports of the
recommendation's scope and of the owning department for the periods of the day it happened.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.reporting.db.models import ImprovementActionFact
from services.reporting.domain.periods import local_date, periods_containing
from services.reporting.projections.batch import Batch, LatestState, buffer_state
from services.reporting.projections.revisions import touch
from shared.envelope import Envelope


class ActionPayload(Schema):
    class Meta:
        unknown = EXCLUDE

    action_id = fields.String(required=True)
    number = fields.Integer(required=True)
    origin = fields.String(required=True)
    source_scope = fields.String(allow_none=True, load_default=None)
    rule = fields.String(allow_none=True, load_default=None)
    figure = fields.String(allow_none=True, load_default=None)
    subject = fields.String(allow_none=True, load_default=None)
    value = fields.Float(allow_none=True, load_default=None)
    threshold = fields.Float(allow_none=True, load_default=None)
    recommendation_text = fields.String(allow_none=True, load_default=None)
    description = fields.String(required=True)
    owner_department = fields.String(required=True)
    deadline = fields.Date(required=True)
    changes_text = fields.Boolean(load_default=False)
    state = fields.String(required=True)
    done_at = fields.AwareDateTime(allow_none=True, load_default=None)
    done_on_time = fields.Boolean(allow_none=True, load_default=None)
    overdue_at = fields.AwareDateTime(allow_none=True, load_default=None)
    dropped_at = fields.AwareDateTime(allow_none=True, load_default=None)


class ImprovementPayload(Schema):
    """What reporting reads of consultation.improvement.* (a tolerant reader)."""

    class Meta:
        unknown = EXCLUDE

    plan_id = fields.String(required=True)
    policy_id = fields.String(required=True)
    policy_code = fields.String(required=True)
    policy_title = fields.String(required=True)
    period = fields.String(required=True)
    state = fields.String(required=True)
    changed_at = fields.AwareDateTime(required=True)
    actions = fields.List(fields.Nested(ActionPayload), required=True)


def _touch(batch: Batch, before, after, time) -> None:
    touch(batch, {after["source_scope"], after["owner_department"]}, periods_containing(local_date(time)), time)


ACTIONS = LatestState(ImprovementActionFact.__table__, "action_id", _touch)


def apply_improvement_state(session: Session, event: Envelope, data: dict) -> None:
    plan = {"plan_id": data["plan_id"], "policy_id": data["policy_id"], "policy_code": data["policy_code"],
            "policy_title": data["policy_title"], "period": data["period"], "plan_state": data["state"]}
    for action in data["actions"]:
        values = {**plan, **{key: value for key, value in action.items() if key != "action_id"}}
        buffer_state(session, ACTIONS, action["action_id"], values, event.sequence, event.time)
