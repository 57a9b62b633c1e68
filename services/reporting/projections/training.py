"""Projects personnel.training.* events into the training read model."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.reporting.db.models import TrainingFact
from shared.envelope import Envelope


class TrainingRecordPayload(Schema):
    """Reporting's tolerant reading of personnel's training events: only the fields it uses."""

    class Meta:
        unknown = EXCLUDE

    record_id = fields.String(required=True)
    employee_id = fields.String(required=True)
    department_code = fields.String(required=True)
    employee_type = fields.String(required=True)
    programme_code = fields.String(required=True)
    kind = fields.String(required=True)
    leadership_level = fields.String(allow_none=True, load_default=None)
    jp = fields.Integer(required=True)
    status = fields.String(required=True)
    end_date = fields.Date(required=True)
    year = fields.Integer(required=True)
    revoked = fields.Boolean(required=True)


def apply_training_state(session: Session, event: Envelope, data: dict) -> bool:
    """Store the record's state unless a newer one (higher sequence) is already here; True if applied."""
    fact = session.get(TrainingFact, data["record_id"])
    if fact is not None and fact.sequence >= event.sequence:
        return False  # a late or repeated older event: the newer state stands
    if fact is None:
        fact = TrainingFact(record_id=data["record_id"])
        session.add(fact)
    for key in ("employee_id", "department_code", "employee_type", "programme_code", "kind",
                "leadership_level", "jp", "status", "end_date", "year", "revoked"):
        setattr(fact, key, data[key])
    fact.sequence = event.sequence
    return True
