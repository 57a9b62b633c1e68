"""The questionnaire of a campaign, as the API and the public page show it: 9 unsur, profile, extra questions."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.survey.domain.unsur import MAX_SUGGESTION, PROFILE_CHOICES, UNSUR
from services.survey.workflow.access import find_campaign
from shared.principal import Principal


def standard_questions() -> list[dict]:
    """The 9 unsur with their standard wording and the label of each score."""
    return [{"key": u.key, "name": u.name, "question": u.question,
             "answers": [{"score": score, "label": label} for score, label in enumerate(u.answers, start=1)]}
            for u in UNSUR]


def questionnaire(session: Session, principal: Principal, campaign_id: str) -> dict:
    campaign = find_campaign(session, principal, campaign_id)
    return {"campaign_id": campaign.id, "service_unit": campaign.service_unit,
            "period_label": campaign.period_label, "status": campaign.status,
            "requires_token": campaign.requires_token, "unsur": standard_questions(),
            "profile": {dim: [{"code": code, "label": label} for code, label in choices.items()]
                        for dim, choices in PROFILE_CHOICES.items()},
            "extra_questions": campaign.extra_questions or [], "suggestion_max_length": MAX_SUGGESTION}
