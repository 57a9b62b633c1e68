"""Training completions that other city systems send to the exchange `asn.inbound`.

A training provider's learning platform, say, publishes a CloudEvents envelope of type
`inbound.training.completed`. It is validated as strictly as HTTP input (unknown fields are
refused), recorded as a training record (which emits personnel.training.recorded and so flows
into the reports), deduplicated on (source, id) by the shared inbox, and anything invalid goes
to `personnel.inbound.dlq` with the reason.
"""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from services.personnel.api.schemas.common import CODE
from services.personnel.api.training import create_record
from services.personnel.db.models import Employee, plumbing
from services.personnel.domain.competence import MAX_JP_PER_RECORD
from services.personnel.domain.nip import NipError, normalize_nip
from shared.consumer import EventConsumer, RejectMessage, Subscription
from shared.topology import inbound_exchange, service_queue

TRAINING_COMPLETED = "inbound.training.completed"


class TrainingCompletedSchema(Schema):
    """inbound.training.completed: one employee completed one programme."""

    class Meta:
        unknown = RAISE

    nip = fields.String(required=True, validate=validate.Length(min=18, max=21))
    programme_code = fields.String(required=True, validate=CODE)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    jp = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD), load_default=None)
    certificate_number = fields.String(validate=validate.Length(max=100), load_default=None)
    provider = fields.String(validate=validate.Length(max=200), load_default=None)

    @validates_schema
    def _dates(self, data, **_):
        if data["end_date"] < data["start_date"]:
            raise ValidationError("The end date is before the start date.", "end_date")


def record_completion(session, event, data: dict) -> None:
    try:
        nip = normalize_nip(data["nip"])
    except NipError as exc:
        raise RejectMessage(f"nip: {exc}") from None
    employee_id = session.execute(select(Employee.id).where(Employee.nip == nip)).scalar_one_or_none()
    if employee_id is None:
        raise RejectMessage("nip: no employee has this NIP")
    record = {"employee_id": employee_id, "programme_code": data["programme_code"], "status": "completed",
              "start_date": data["start_date"], "end_date": data["end_date"], "jp": data["jp"],
              "certificate_number": data["certificate_number"]}
    try:
        create_record(session, record, source="inbound")
    except HTTPException as exc:  # the same rules as the HTTP API, with the same messages
        details = getattr(exc, "data", {}) or {}
        raise RejectMessage(f"{details.get('message') or exc.description} {details.get('errors') or ''}".strip()) \
            from None


SUBSCRIPTIONS = {TRAINING_COMPLETED: Subscription(TrainingCompletedSchema(), record_completion)}


def inbound_consumer(settings, db) -> EventConsumer:
    queue = service_queue(settings, [TRAINING_COMPLETED], exchange=inbound_exchange(settings),
                          name=f"{settings.queue_namespace}personnel.inbound")
    return EventConsumer(settings, db, plumbing["inbox"], SUBSCRIPTIONS, queue=queue)


def inbound_loop(settings, db):
    return inbound_consumer(settings, db).run
