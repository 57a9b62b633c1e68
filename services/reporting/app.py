"""The reporting web application: evaluation reports built from everyone's events."""
from __future__ import annotations

from services.reporting.api import reports, training_hours
from services.reporting.config import Config, load_config
from services.reporting.db.models import plumbing
from services.reporting.pages import dashboard as report_pages
from shared.config import Settings
from shared.db import Database
from shared.startup import settings_for_start
from shared.web.app_factory import create_service_app
from shared.web.pages import look_blueprint

SERVICE = "reporting"


def create_app(settings: Settings | None = None, db: Database | None = None, config: Config | None = None):
    settings = settings or settings_for_start(SERVICE)
    config = config or load_config()
    return create_service_app(
        settings, config=config, title="ASN Evaluation Reporting", db=db, tables=plumbing,
        description="Evaluation reports per department and city-wide that update whenever feedback, "
                    "training records or survey responses change.",
        blueprints=[reports.blp, training_hours.blp, report_pages.blp, look_blueprint()],
    )
