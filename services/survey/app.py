"""The survey web application: SKM campaigns, the questionnaire, anonymous responses and the IKM."""
from __future__ import annotations

from services.survey import throttle
from services.survey.api import campaigns, questionnaire, responses, results, tokens
from services.survey.config import Config, load_config
from services.survey.db.models import plumbing
from services.survey.pages import public as public_pages
from services.survey.pages import results as results_pages
from services.survey.pages import tokens as printing_pages
from services.survey.pages import workspace as workspace_pages
from shared.config import Settings
from shared.db import Database
from shared.startup import settings_for_start
from shared.web.app_factory import create_service_app
from shared.web.pages import look_blueprint

SERVICE = "survey"


def create_app(settings: Settings | None = None, db: Database | None = None, config: Config | None = None):
    settings = settings or settings_for_start(SERVICE)
    config = config or load_config()
    app = create_service_app(
        settings, config=config, title="ASN Public Satisfaction Survey (SKM)", db=db, tables=plumbing,
        description="Public-satisfaction survey campaigns (PermenPANRB 14/2017): the questionnaire of 9 unsur, "
                    "anonymous responses, one-time invitation tokens and the exact IKM.",
        # The workspace's blueprints come before the public one: /survei/kelola/... is never a campaign id.
        blueprints=[campaigns.blp, questionnaire.blp, responses.blp, tokens.blp, results.blp,
                    workspace_pages.blp, results_pages.blp, printing_pages.blp, public_pages.blp,
                    look_blueprint()],
    )
    throttle.install(app)
    return app
