"""The personnel web application (BKPSDM): departments, employees, training."""
from __future__ import annotations

from services.personnel.api import (
    appointments,
    attendance,
    competence,
    departments,
    employees,
    imports,
    socialization,
    training,
)
from services.personnel.config import Config, load_config
from services.personnel.db.models import plumbing
from shared.config import Settings
from shared.db import Database
from shared.startup import settings_for_start
from shared.web.app_factory import create_service_app

SERVICE = "personnel"


def create_app(settings: Settings | None = None, db: Database | None = None, config: Config | None = None):
    settings = settings or settings_for_start(SERVICE)
    config = config or load_config()
    return create_service_app(
        settings, config=config, title="ASN Personnel (BKPSDM)", db=db, tables=plumbing,
        description="Departments, civil servants, appointments, training records (JP) and policy socialization.",
        blueprints=[departments.blp, employees.blp, appointments.blp, training.blp, competence.blp,
                    imports.blp, socialization.blp, attendance.blp],
    )
