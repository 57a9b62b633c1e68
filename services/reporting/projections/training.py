"""Projects personnel.training.* events into the training read model and the JP and leadership tallies.

Each event carries the record's full state. The tallies (JP per employee, year and quarter;
leadership trainings per employee and level) move by the difference between the record's old
and new contribution, so an event costs the same however long the history is.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from sqlalchemy.orm import Session

from services.reporting.db.models import EmployeeJp, LeadershipCredit, TrainingFact
from services.reporting.db.upsert import insert_for
from services.reporting.domain.periods import periods_from
from services.reporting.projections.revisions import touch
from services.reporting.projections.state import current_state, is_stale, store_state
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


def _add_jp(session: Session, employee_id: str, year: int, quarter: int, delta: int) -> None:
    if delta == 0:
        return
    table = EmployeeJp.__table__
    column = f"q{quarter}"
    quarters = {f"q{q}": delta if q == quarter else 0 for q in range(1, 5)}
    stmt = insert_for(session)(table).values(employee_id=employee_id, year=year, **quarters)
    session.execute(stmt.on_conflict_do_update(index_elements=[table.c.employee_id, table.c.year],
                                               set_={column: table.c[column] + delta}))


def _add_leadership(session: Session, employee_id: str, level: str | None, delta: int) -> None:
    if not level:
        return
    table = LeadershipCredit.__table__
    stmt = insert_for(session)(table).values(employee_id=employee_id, level=level, records=delta)
    session.execute(stmt.on_conflict_do_update(index_elements=[table.c.employee_id, table.c.level],
                                               set_={"records": table.c.records + delta}))


def _move_contribution(session: Session, old: tuple | None, new: tuple | None) -> None:
    if old is not None and new is not None and old[:3] == new[:3]:
        _add_jp(session, *new[:3], new[3] - old[3])
    else:
        if old is not None:
            _add_jp(session, *old[:3], -old[3])
        if new is not None:
            _add_jp(session, *new[:3], new[3])
    if old is not None and new is not None and (old[0], old[4]) == (new[0], new[4]):
        return
    if old is not None:
        _add_leadership(session, old[0], old[4], -1)
    if new is not None:
        _add_leadership(session, new[0], new[4], +1)


def apply_training_state(session: Session, event: Envelope, data: dict) -> bool:
    """Store the record's state unless a newer one (higher sequence) is already here; True if applied."""
    table = TrainingFact.__table__
    key = {"record_id": data["record_id"]}
    old = current_state(session, table, key)
    if is_stale(old, event.sequence):
        return False  # a late or repeated older event: the newer state stands
    new = {name: data[name] for name in FIELDS}
    store_state(session, table, old, key, {**new, "sequence": event.sequence})
    old_state = old._mapping if old is not None else None
    _move_contribution(session, _contribution(old_state), _contribution(new))
    periods = periods_from(data["end_date"]) + (periods_from(old.end_date) if old is not None else [])
    touch(session, {data["department_code"], old.department_code if old is not None else None}, periods,
          event.time)
    return True
