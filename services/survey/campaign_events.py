"""The events about a campaign, each with the campaign's next version as its sequence.

Campaign events and results snapshots share the campaign as subject, so one counter orders them all:
a consumer that keeps the highest sequence per campaign never applies an older snapshot over a newer one.
"""
from __future__ import annotations

from services.survey.db.models import Campaign, CampaignTally
from services.survey.events import emit
from services.survey.results import snapshot


def campaign_payload(campaign: Campaign) -> dict:
    return {"campaign_id": campaign.id, "department_code": campaign.department_code,
            "service_unit": campaign.service_unit, "period_label": campaign.period_label,
            "period_start": campaign.period_start, "period_end": campaign.period_end,
            "population": campaign.population, "status": campaign.status,
            "requires_token": campaign.requires_token}


def emit_for_campaign(session, campaign: Campaign, event_type: str, data: dict) -> None:
    campaign.version += 1
    emit(session, event_type, campaign.id, data, campaign.version)


def emit_status(session, campaign: Campaign, event_type: str) -> None:
    """survey.campaign.opened/closed, then the snapshot, whose status changed with it."""
    emit_for_campaign(session, campaign, event_type, campaign_payload(campaign))
    emit_results(session, campaign)


def emit_results(session, campaign: Campaign) -> None:
    emit_for_campaign(session, campaign, "survey.results.updated",
                      snapshot(campaign, session.get(CampaignTally, campaign.id)))
