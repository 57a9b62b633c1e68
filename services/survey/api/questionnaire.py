"""The questionnaire of a campaign: the 9 standard unsur, the profile choices and its extra questions."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.survey.api.access import get_campaign
from services.survey.api.schemas import MAX_SUGGESTION, QuestionnaireSchema
from services.survey.domain.unsur import PROFILE_CHOICES, UNSUR
from shared.web.app_factory import service_context
from shared.web.ratelimit import public_rate_limit

blp = Blueprint("questionnaire", __name__, url_prefix="/api/v1/campaigns", description="SKM questionnaire")


def standard_questions() -> list[dict]:
    return [{"key": u.key, "name": u.name, "question": u.question,
             "answers": [{"score": score, "label": label} for score, label in enumerate(u.answers, start=1)]}
            for u in UNSUR]


@blp.route("/<campaign_id>/questionnaire")
class Questionnaire(MethodView):
    @public_rate_limit
    @blp.response(200, QuestionnaireSchema)
    def get(self, campaign_id):
        """The form to fill in (public): the 9 unsur with their standard wording, profile and extra questions"""
        with service_context().db.sessions() as session:
            campaign = get_campaign(session, campaign_id)
        return {"campaign_id": campaign.id, "service_unit": campaign.service_unit,
                "period_label": campaign.period_label, "status": campaign.status,
                "requires_token": campaign.requires_token, "unsur": standard_questions(),
                "profile": {dim: [{"code": code, "label": label} for code, label in choices.items()]
                            for dim, choices in PROFILE_CHOICES.items()},
                "extra_questions": campaign.extra_questions or [], "suggestion_max_length": MAX_SUGGESTION}
