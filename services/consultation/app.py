"""The consultation web application."""
from __future__ import annotations

from services.consultation.db.models import plumbing
from shared.config import Settings, load_settings
from shared.db import Database
from shared.web.app_factory import create_service_app

SERVICE = "consultation"


def create_app(settings: Settings | None = None, db: Database | None = None):
    settings = settings or load_settings(SERVICE)
    return create_service_app(
        settings, title="ASN Policy Consultation", db=db, tables=plumbing,
        description="(being built)", blueprints=[],
    )
