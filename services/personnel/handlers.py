"""The messages personnel consumes: type → handler, in two visible registries.

- SUBSCRIPTIONS: events of the other services on `asn.events` (consultation's policies);
- inbound_subscriptions(config): what other city systems send to `asn.inbound`. A training provider's
  learning platform, say, publishes `inbound.training.completed`; it is validated as strictly
  as HTTP input (unknown fields are refused), recorded by the same use case as the API's, and
  whatever that use case refuses goes to `personnel.inbound.dlq` with its reason.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy.orm import Session

from services.personnel.config import Config
from services.personnel.domain.competence import MAX_JP_PER_RECORD
from services.personnel.workflow.known_policies import keep_policy_state
from services.personnel.workflow.training import record_completion
from shared.consumer import Subscription
from shared.db import utcnow
from shared.envelope import Envelope
from shared.principal import Principal

# The catalogue's consultation.policy.<suffix> types; personnel's own copy (services share no code).
POLICY_SUFFIXES = ("drafted", "consultation_opened", "consultation_closed", "revision_started", "adopted",
                   "implementation_started", "evaluation_started", "revised", "retired")
POLICY_EVENT_TYPES = tuple(f"consultation.policy.{suffix}" for suffix in POLICY_SUFFIXES)
TRAINING_COMPLETED = "inbound.training.completed"


class PolicyPayload(Schema):
    """Personnel's tolerant reading of consultation's policy events: only the fields it keeps."""

    class Meta:
        unknown = EXCLUDE

    policy_id = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    version = fields.Integer(required=True)
    state = fields.String(required=True)


def policy_changed(session: Session, event: Envelope, data: dict) -> bool:
    return keep_policy_state(session, data, event.sequence)


class TrainingCompletedSchema(Schema):
    """inbound.training.completed: one employee completed one programme."""

    class Meta:
        unknown = RAISE

    nip = fields.String(required=True)  # the use case applies the NIP rules, with their messages
    programme_code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    jp = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD), load_default=None)
    certificate_number = fields.String(validate=validate.Length(max=100), load_default=None)
    provider = fields.String(validate=validate.Length(max=200), load_default=None)

    @validates_schema
    def _dates(self, data, **_):
        if data["end_date"] < data["start_date"]:
            raise ValidationError("The end date is before the start date.", "end_date")


def training_completed(config: Config):
    def handle(session: Session, event: Envelope, data: dict, sender: Principal) -> None:
        # The sender is the registered partner the broker vouched for (shared.consumer.registered_partners);
        # it may record training only in its registered departments. A refusal is dead-lettered with its reason.
        record_completion(session, sender, utcnow(), data, window=config.leadership)

    return handle


SUBSCRIPTIONS: dict[str, Subscription] = {
    **{event_type: Subscription(PolicyPayload(), policy_changed) for event_type in POLICY_EVENT_TYPES},
}
INBOUND_TYPES = (TRAINING_COMPLETED,)


def inbound_subscriptions(config: Config) -> dict[str, Subscription]:
    """The inbound registry; a recorded training announces the employee's leadership facts, with the
    configured window (LEADERSHIP_TRAINING_WINDOW_MONTHS)."""
    return {TRAINING_COMPLETED: Subscription(TrainingCompletedSchema(), training_completed(config), with_sender=True)}
