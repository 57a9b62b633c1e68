"""The events consultation consumes: type → handler, in one visible registry.

Personnel's department events keep consultation's own copy of the departments, so that a
department code is checked without a call to another service.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.consultation.workflow.departments import record_department
from shared.consumer import Subscription
from shared.envelope import Envelope
from shared.principal import SYSTEM


class DepartmentPayload(Schema):
    """What consultation reads of personnel.department.* (a tolerant reader: other fields are ignored)."""

    class Meta:
        unknown = EXCLUDE

    code = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True)
    status = fields.String(required=True)


def department_changed(session: Session, event: Envelope, data: dict) -> None:
    """DepartmentCreated / Updated / Dissolved: the envelope's sequence is the department's version."""
    record_department(session, SYSTEM, event.time, data, event.sequence)


SUBSCRIPTIONS: dict[str, Subscription] = {
    f"personnel.department.{verb}": Subscription(DepartmentPayload(), department_changed)
    for verb in ("created", "updated", "dissolved")
}
