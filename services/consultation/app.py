"""The consultation web application: policies and their life cycle, consultation sessions, citizen feedback."""
from __future__ import annotations

from services.consultation.api import (
    areas,
    comments,
    feedback,
    followup,
    improvement,
    policies,
    policy_text,
    sessions,
    tracking,
)
from services.consultation.config import Config, load_config
from services.consultation.db.models import plumbing
from services.consultation.pages import improvement as improvement_pages
from services.consultation.pages import inbox as staff_pages
from services.consultation.pages import meetings as meeting_pages
from services.consultation.pages import outcome as outcome_pages
from services.consultation.pages import policies as policy_pages
from services.consultation.pages import report as report_pages
from services.consultation.pages import staff_comments as comment_pages
from services.consultation.pages import tracking as tracking_pages
from services.consultation.pages import workspace as workspace_pages
from shared.config import Settings
from shared.db import Database
from shared.startup import settings_for_start
from shared.web.app_factory import create_service_app
from shared.web.pages import look_blueprint

SERVICE = "consultation"


def create_app(settings: Settings | None = None, db: Database | None = None, config: Config | None = None):
    settings = settings or settings_for_start(SERVICE)
    config = config or load_config()
    return create_service_app(
        settings, config=config, title="ASN Policy Consultation", db=db, tables=plumbing,
        description="Policies through their life cycle, public consultation sessions, and citizen feedback and "
                    "complaints (SP4N-LAPOR!) with working-day deadlines and a public tracking id.",
        blueprints=[policies.blp, sessions.blp, feedback.blp, tracking.blp, followup.blp, areas.blp,
                    report_pages.blp, tracking_pages.blp, policy_pages.blp, staff_pages.blp, look_blueprint(),
                    policy_text.blp, comments.blp, outcome_pages.blp, workspace_pages.blp, comment_pages.blp,
                    meeting_pages.blp, improvement.blp, improvement_pages.blp],
    )
