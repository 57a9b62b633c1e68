"""An employee's leadership-training facts (domain/competence.py) from their records, and announcing them.

Every personnel.employee.* event carries these facts, so a change that moves them (a new
position, a leadership training recorded, changed or revoked) is announced as the employee's
new version.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee, TrainingProgramme, TrainingRecord
from services.personnel.domain.competence import LeadershipFacts, LeadershipWindow, leadership_facts
from services.personnel.events import emit, emit_many, employee_payload
from services.personnel.workflow.imports.chunks import in_chunks


def completions(session: Session, employee_ids: Iterable[str]) -> dict[str, list[tuple[str, object]]]:
    """(level, end date) of each employee's completed, unrevoked leadership training."""
    found: dict[str, list] = defaultdict(list)
    for chunk in in_chunks(list(employee_ids)):
        rows = session.execute(
            select(TrainingRecord.employee_id, TrainingProgramme.leadership_level, TrainingRecord.end_date)
            .join(TrainingProgramme, TrainingProgramme.id == TrainingRecord.programme_id)
            .where(TrainingRecord.employee_id.in_(chunk), TrainingProgramme.leadership_level.is_not(None),
                   TrainingRecord.status == "completed", TrainingRecord.revoked_at.is_(None)))
        for employee_id, level, end in rows:
            found[employee_id].append((level, end))
    return found


def facts_of(session: Session, emp, window: LeadershipWindow) -> LeadershipFacts:
    return leadership_facts(emp.position_type, emp.tmt_jabatan, completions(session, [emp.id])[emp.id], window)


def announce(session: Session, event_type: str, emp: Employee, window: LeadershipWindow) -> None:
    """Emit `event_type` with the employee's full state at its current version."""
    session.flush()
    emit(session, event_type, emp.id, employee_payload(emp, facts_of(session, emp, window)), emp.version)


def announce_new_facts(session: Session, employee_ids: Iterable[str], window: LeadershipWindow) -> int:
    """A new version of each employee (personnel.employee.updated) after their leadership training changed."""
    ids = sorted(set(employee_ids))
    if not ids:
        return 0
    session.flush()
    for chunk in in_chunks(ids):
        session.execute(update(Employee).where(Employee.id.in_(chunk)).values(version=Employee.version + 1)
                        .execution_options(synchronize_session=False))
    done = completions(session, ids)
    events = []
    for chunk in in_chunks(ids):
        for emp in session.execute(select(Employee).where(Employee.id.in_(chunk))
                                   .execution_options(populate_existing=True)).scalars():
            facts = leadership_facts(emp.position_type, emp.tmt_jabatan, done[emp.id], window)
            events.append(("personnel.employee.updated", emp.id, employee_payload(emp, facts), emp.version))
    emit_many(session, events)
    return len(events)
