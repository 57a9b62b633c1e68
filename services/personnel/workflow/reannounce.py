"""Announce every employee again (`personnel.employee.updated`), with the leadership facts of the window in force.

    python -m services.personnel.workflow.reannounce

Run it once after upgrading to the release whose employee events carry the leadership facts, and
after changing LEADERSHIP_TRAINING_WINDOW_MONTHS: reporting then judges every official with the
deadline personnel applies, instead of its fallback for older events.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.workflow.leadership import announce_new_facts


def reannounce_all(session: Session, window: LeadershipWindow) -> int:
    """A new version of every employee, announced with its full state; returns how many."""
    return announce_new_facts(session, session.execute(select(Employee.id)).scalars().all(), window)


def main() -> None:
    from services.personnel.config import load_config
    from shared.config import load_settings
    from shared.db import Database

    settings, config = load_settings("personnel"), load_config()
    db = Database(settings.database_url)
    with db.transaction(correlation_id="reannounce") as session:
        announced = reannounce_all(session, config.leadership)
    print(f"announced={announced} window_months={config.leadership.months}")


if __name__ == "__main__":
    main()
