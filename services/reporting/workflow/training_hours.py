"""Training hours (JP) completed per department in a year: aggregates only, no personal data."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.reporting.db.models import TrainingFact
from shared.principal import Principal

T = TrainingFact


def training_hours(session: Session, principal: Principal, now: datetime, year: int,
                   department_code: str | None = None) -> dict:
    """JP, records and employees with completed training per department in `year`, and the year's total."""
    query = (select(T.department_code, func.sum(T.jp), func.count(), func.count(func.distinct(T.employee_id)))
             .where(T.year == year, T.status == "completed", T.revoked.is_(False))
             .group_by(T.department_code).order_by(T.department_code))
    if department_code:
        query = query.where(T.department_code == department_code)
    rows = [{"department_code": code, "jp_total": int(jp or 0), "records": n, "employees": people}
            for code, jp, n, people in session.execute(query)]
    return {"year": year, "departments": rows, "jp_total": sum(r["jp_total"] for r in rows)}
