"""The questionnaire of a campaign: the 9 standard unsur, the profile choices and its extra questions."""
from __future__ import annotations

from flask.views import MethodView

from services.survey.api.schemas import QuestionnaireSchema
from services.survey.workflow.questionnaire import questionnaire
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("questionnaire", __name__, url_prefix="/api/v1/campaigns", description="SKM questionnaire")


@blp.route("/<campaign_id>/questionnaire")
class Questionnaire(MethodView):
    @public_rate_limit
    @blp.response(200, QuestionnaireSchema)
    def get(self, campaign_id):
        """The form to fill in (public): the 9 unsur with their standard wording, profile and extra questions"""
        with service_context().db.sessions() as session:
            return questionnaire(session, acting_principal(), campaign_id)
