"""Survey's copy of personnel's departments: kept from personnel's events, and checked for every campaign.

Departments are personnel's; survey never asks personnel over the network. Events may arrive late
or twice, so an event whose sequence (the department's version) is not newer than the stored one
changes nothing.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.survey.db.models import Department
from services.survey.domain.departments import DISSOLVED, is_newer, takes_campaigns
from services.survey.workflow.access import require_system
from shared.consumer import check_sequence
from shared.errors import Invalid
from shared.principal import Principal


def record_department(session: Session, principal: Principal, now: datetime, department: dict,
                      sequence: int) -> bool:
    """Store this version of a department unless a newer one is stored; True when it was applied."""
    require_system(principal)
    row = session.get(Department, department["code"], with_for_update=True)
    check_sequence(row.sequence if row else None, sequence, f"department {department['code']}")
    if not is_newer(row.sequence if row else None, sequence):
        return False
    if row is None:
        row = Department(code=department["code"])
        session.add(row)
    row.name, row.type, row.status, row.sequence = (department["name"], department.get("type"),
                                                    department["status"], sequence)
    return True


def require_department(session: Session, code: str, field: str = "department_code") -> Department:
    """The department a campaign is for: it must be known from personnel and not dissolved (else Invalid)."""
    row = session.get(Department, code)
    if takes_campaigns(row.status if row else None):
        return row
    if row is not None and row.status == DISSOLVED:
        raise Invalid(field, f"Department {code!r} is dissolved; choose its successor.",
                      indonesian=f"Perangkat daerah {code} sudah dibubarkan; pilih penggantinya.")
    raise Invalid(field, f"There is no department {code!r} (departments are registered in personnel).",
                  indonesian=f"Perangkat daerah {code} tidak dikenal.")


def departments_for_campaigns(session: Session, principal: Principal) -> list[Department]:
    """The departments a staff member may make campaigns for: every active one for admins, else their own."""
    rows = session.execute(select(Department).order_by(Department.name)).scalars()
    return [d for d in rows if takes_campaigns(d.status) and (principal.is_admin or d.code == principal.department)]
