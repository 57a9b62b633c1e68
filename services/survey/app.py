"""The survey web application."""
from __future__ import annotations

from services.survey.db.models import plumbing
from shared.config import Settings, load_settings
from shared.db import Database
from shared.web.app_factory import create_service_app

SERVICE = "survey"


def create_app(settings: Settings | None = None, db: Database | None = None):
    settings = settings or load_settings(SERVICE)
    return create_service_app(
        settings, title="ASN Public Satisfaction Survey (SKM)", db=db, tables=plumbing,
        description="(being built)", blueprints=[],
    )
