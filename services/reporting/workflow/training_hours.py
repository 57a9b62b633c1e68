"""Training hours (JP) completed per department in a year: aggregates only, no personal data."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.reporting.db.models import TrainingFact
from services.reporting.domain.suppression import suppress_small_groups
from shared.principal import Principal

T = TrainingFact


def training_hours(session: Session, principal: Principal, now: datetime, year: int,
                   department_code: str | None = None, min_group: int = 5) -> dict:
    """JP, records and employees with completed training per department in `year`, and the year's total.

    The public sees no department's figures where fewer than `min_group` employees trained, and a
    total of the departments it does see (a city total could give a hidden one away by subtraction).
    """
    query = (select(T.department_code, func.sum(T.jp), func.count(), func.count(func.distinct(T.employee_id)))
             .where(T.year == year, T.status == "completed", T.revoked.is_(False))
             .group_by(T.department_code).order_by(T.department_code))
    if department_code:
        query = query.where(T.department_code == department_code)
    rows = [{"department_code": code, "jp_total": int(jp or 0), "records": n, "employees": people, "n": people}
            for code, jp, n, people in session.execute(query)]
    if not principal.is_staff:
        rows = suppress_small_groups(rows, min_group)  # the department's code stays; its figures go
    return {"year": year, "departments": rows, "jp_total": sum(r["jp_total"] or 0 for r in rows)}
