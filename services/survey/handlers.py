"""The events survey consumes: type → handler, in one visible registry.

Survey keeps its own copy of personnel's departments, so that a campaign's department is
checked without asking personnel (docs/domain.md, 'Departments (OPD)').
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.survey.workflow.departments import record_department
from shared.consumer import Subscription
from shared.db import utcnow
from shared.envelope import Envelope
from shared.principal import SYSTEM


class DepartmentPayload(Schema):
    """The fields of personnel.department.* that survey keeps (a tolerant reader: others are ignored)."""

    class Meta:
        unknown = EXCLUDE

    code = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(load_default=None, allow_none=True)
    status = fields.String(required=True)


def department_changed(session: Session, event: Envelope, data: dict) -> None:
    """Any version of a department: the envelope's sequence is the department's version."""
    record_department(session, SYSTEM, utcnow(), data, event.sequence)


SUBSCRIPTIONS: dict[str, Subscription] = {
    f"personnel.department.{verb}": Subscription(DepartmentPayload(), department_changed)
    for verb in ("created", "updated", "dissolved")
}
