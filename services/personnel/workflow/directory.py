"""The staff workspace's reads: the employees a staff member may open, and one employee's whole file.

An operator sees and edits only their own department's people; BKPSDM's admins see everyone.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import (
    Appointment,
    KnownPolicy,
    RankChange,
    SocializationAttendance,
    SocializationSession,
    StatusChange,
    TrainingProgramme,
    TrainingRecord,
)
from services.personnel.domain.competence import LeadershipWindow, jp_status
from services.personnel.domain.dates import local_date
from services.personnel.domain.ranks import parse_rank
from services.personnel.workflow import access
from services.personnel.workflow.competence import employee_competence
from services.personnel.workflow.employees import search_employees
from services.personnel.workflow.lookups import get_employee
from shared.errors import Forbidden
from shared.principal import Principal


def find_employees(session: Session, principal: Principal, filters: dict) -> dict:
    """A page of the employees this staff member may open: an operator's own department only."""
    access.ensure_writer(principal)
    if not principal.is_admin:
        filters = {**filters, "department_code": principal.department}
    return search_employees(session, principal, filters)


def employee_for_writer(session: Session, principal: Principal, employee_id: str):
    """An employee the caller may open and change: an admin any, an operator their own department's."""
    emp = get_employee(session, employee_id)
    if not access.sees_personal_data(principal, emp.department_code):
        raise Forbidden(f"Employee {employee_id} belongs to another department.",
                        indonesian="Pegawai ini milik perangkat daerah lain; Anda tidak dapat membukanya.")
    return emp


def employee_file(session: Session, principal: Principal, now: datetime, employee_id: str,
                  window: LeadershipWindow) -> dict:
    """Everything about one employee: positions with their SK, ranks, status changes, training with JP per
    year against the rule, leadership training due, and the socialization sessions attended."""
    emp = employee_for_writer(session, principal, employee_id)
    appointments = session.execute(select(Appointment).where(Appointment.employee_id == emp.id)
                                   .order_by(Appointment.tmt_jabatan.desc(), Appointment.created_at.desc())).scalars()
    ranks = session.execute(select(RankChange).where(RankChange.employee_id == emp.id)
                            .order_by(RankChange.created_at.desc())).scalars()
    statuses = session.execute(select(StatusChange).where(StatusChange.employee_id == emp.id)
                               .order_by(StatusChange.created_at.desc())).scalars()
    training = session.execute(
        select(TrainingRecord, TrainingProgramme).join(TrainingProgramme,
                                                       TrainingProgramme.id == TrainingRecord.programme_id)
        .where(TrainingRecord.employee_id == emp.id)
        .order_by(TrainingRecord.end_date.desc(), TrainingRecord.created_at.desc())).all()
    sessions = session.execute(
        select(SocializationSession, KnownPolicy)
        .join(SocializationAttendance, SocializationAttendance.session_id == SocializationSession.id)
        .join(KnownPolicy, KnownPolicy.id == SocializationSession.policy_id)
        .where(SocializationAttendance.employee_id == emp.id)
        .order_by(SocializationSession.held_on.desc())).all()
    return {"employee": emp, "rank_name": parse_rank(emp.rank).name if emp.rank else None,
            "appointments": list(appointments), "ranks": list(ranks), "statuses": list(statuses),
            "training": [{"record": r, "programme": p} for r, p in training],
            "jp_by_year": _jp_by_year(emp, training, local_date(now).year),
            "competence": employee_competence(session, principal, now, emp.id, None, window),
            "socialization": [{"session": s, "policy": p} for s, p in sessions]}


def _jp_by_year(emp, training, this_year: int) -> list[dict]:
    """JP of completed, unrevoked training per year, judged against the employee type's rule (newest first)."""
    totals: dict[int, int] = defaultdict(int)
    for record, _ in training:
        if record.status == "completed" and record.revoked_at is None:
            totals[record.end_date.year] += record.jp
    totals.setdefault(this_year, 0)
    return [{"year": year, **vars(jp_status(emp.employee_type, total))}
            for year, total in sorted(totals.items(), reverse=True)]
