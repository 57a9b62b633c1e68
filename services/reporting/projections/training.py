"""Projects personnel.training.* events into the training read model and the JP and leadership tallies.

Each event carries the record's full state. The tallies (JP per employee, year and quarter;
leadership trainings per employee and level) move by the difference between the record's old
and new contribution, so an event costs the same however long the history is. The writing
happens per batch (projections.batch).
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.reporting.db.models import EmployeeJp, LeadershipCredit, TrainingFact
from services.reporting.domain.periods import periods_from
from services.reporting.projections.batch import Batch, LatestState, buffer_state
from services.reporting.projections.revisions import touch
from shared.envelope import Envelope

FIELDS = ("employee_id", "department_code", "employee_type", "programme_code", "kind", "leadership_level",
          "jp", "status", "end_date", "year", "revoked")


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


def _contribution(state) -> tuple | None:
    """What a record adds to the tallies: only completed, unrevoked training counts."""
    if state is None or state["status"] != "completed" or state["revoked"]:
        return None
    quarter = (state["end_date"].month - 1) // 3 + 1
    return state["employee_id"], state["year"], quarter, state["jp"], state["leadership_level"]


def _touch(batch: Batch, before, after, time) -> None:
    periods = periods_from(after["end_date"]) + (periods_from(before["end_date"]) if before else [])
    touch(batch, {after["department_code"], before["department_code"] if before else None}, periods, time)


def _move_tallies(batch: Batch, first, final) -> None:
    """Take the record's old contribution out of the tallies and put its new one in."""
    for sign, part in ((-1, _contribution(first)), (1, _contribution(final))):
        if part is None:
            continue
        employee_id, year, quarter, jp, level = part
        batch.add_to_tally(EmployeeJp.__table__, (employee_id, year), f"q{quarter}", sign * jp)
        if level:
            batch.add_to_tally(LeadershipCredit.__table__, (employee_id, level), "records", sign)


TRAINING = LatestState(TrainingFact.__table__, "record_id", _touch, _move_tallies)


def apply_training_state(session: Session, event: Envelope, data: dict) -> None:
    """The record's state, applied at commit unless a newer one (higher sequence) is already stored."""
    buffer_state(session, TRAINING, data["record_id"], {name: data[name] for name in FIELDS}, event.sequence,
                 event.time)
