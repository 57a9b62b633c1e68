"""SKM campaigns: create and change a draft, open it, close it; and the campaigns staff and the public read."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign
from services.survey.domain.lifecycle import CLOSED, DRAFT, OPEN, allowed_next, is_editable, next_status
from services.survey.domain.periods import survey_period
from services.survey.events import emit_results, emit_status
from services.survey.workflow.access import (
    campaign_to_manage,
    find_campaign,
    require_writer,
    visible_clause,
)
from services.survey.workflow.departments import require_department
from services.survey.workflow.tally import new_tally_row
from shared.db import paginate
from shared.errors import Conflict, Invalid
from shared.principal import Principal

PERIOD_FIELDS = ("period_type", "period_year", "period_index")
UNIT_AND_PERIOD = ("department_code", "service_unit", *PERIOD_FIELDS)


def _set_period(campaign: Campaign) -> None:
    try:
        period = survey_period(campaign.period_type, campaign.period_year, campaign.period_index)
    except ValueError as exc:
        raise Invalid("period_index", str(exc)) from None
    campaign.period_label, campaign.period_start, campaign.period_end = period.label, period.start, period.end


def _check_unique(session: Session, campaign: Campaign) -> None:
    """One campaign per service unit and period (the unique index still guards a race)."""
    same = select(Campaign.id).where(*(getattr(Campaign, key) == getattr(campaign, key) for key in UNIT_AND_PERIOD),
                                     Campaign.id != campaign.id)
    if session.execute(same).first() is not None:
        raise Conflict(f"{campaign.service_unit} already has a campaign for {campaign.period_label}.",
                       indonesian=f"{campaign.service_unit} sudah memiliki survei untuk {campaign.period_label}.")


def create_campaign(session: Session, principal: Principal, now: datetime, data: dict) -> Campaign:
    """A new draft campaign of a known, active department."""
    require_writer(principal, data["department_code"])
    require_department(session, data["department_code"])
    campaign = Campaign(**data, status=DRAFT, version=1, tokens_issued=0, created_at=now)
    _set_period(campaign)
    _check_unique(session, campaign)
    session.add(campaign)
    session.flush()
    session.add(new_tally_row(campaign.id))
    return campaign


def update_campaign(session: Session, principal: Principal, now: datetime, campaign_id: str,
                    changes: dict) -> Campaign:
    """Change a draft; once open, only the population served (N) may change."""
    campaign = campaign_to_manage(session, principal, campaign_id)
    fixed = sorted(set(changes) - {"population"})
    if fixed and not is_editable(campaign.status):
        raise Conflict(f"A {campaign.status} campaign can change only its population, not {', '.join(fixed)}.",
                       allowed=["population"])
    for key, value in changes.items():
        setattr(campaign, key, value)
    if set(PERIOD_FIELDS) & set(changes):
        _set_period(campaign)
    if set(UNIT_AND_PERIOD) & set(changes):
        _check_unique(session, campaign)
    if campaign.status == DRAFT:
        campaign.version += 1  # a draft is never published, so no event
    elif "population" in changes:  # the required sample moved, so the published verdict did too
        emit_results(session, campaign)
    return campaign


def _move(session: Session, principal: Principal, now: datetime, campaign_id: str, wanted: str) -> Campaign:
    campaign = campaign_to_manage(session, principal, campaign_id)
    try:
        campaign.status = next_status(campaign.status, wanted)
    except ValueError as exc:
        raise Conflict(f"{exc}.", allowed=allowed_next(campaign.status)) from None
    if wanted == OPEN:
        campaign.opened_at = now
    else:
        campaign.closed_at = now
    emit_status(session, campaign, "survey.campaign.opened" if wanted == OPEN else "survey.campaign.closed")
    return campaign


def open_campaign(session: Session, principal: Principal, now: datetime, campaign_id: str) -> Campaign:
    """Open a draft for responses."""
    return _move(session, principal, now, campaign_id, OPEN)


def close_campaign(session: Session, principal: Principal, now: datetime, campaign_id: str) -> Campaign:
    """Close an open campaign: no more responses, and its results become public."""
    return _move(session, principal, now, campaign_id, CLOSED)


def get_campaign(session: Session, principal: Principal, campaign_id: str) -> Campaign:
    return find_campaign(session, principal, campaign_id)


def campaign_for_writer(session: Session, principal: Principal, campaign_id: str) -> Campaign:
    """A campaign as its writers see it (the staff QR page), or Forbidden for anyone else."""
    campaign = find_campaign(session, principal, campaign_id)
    require_writer(principal, campaign.department_code)
    return campaign


def list_campaigns(session: Session, principal: Principal, filters: dict) -> dict:
    """A page of the campaigns the principal may see, newest period first."""
    query = select(Campaign).order_by(Campaign.period_start.desc(), Campaign.service_unit, Campaign.id)
    if (visible := visible_clause(principal)) is not None:
        query = query.where(visible)
    for key in ("department_code", "status"):
        if key in filters:
            query = query.where(getattr(Campaign, key) == filters[key])
    if "year" in filters:
        query = query.where(Campaign.period_year == filters["year"])
    return paginate(session, query, filters)


def open_campaigns(session: Session) -> list[Campaign]:
    """Every campaign a citizen may answer now, by service unit."""
    return list(session.execute(select(Campaign).where(Campaign.status == OPEN)
                                .order_by(Campaign.service_unit, Campaign.period_start)).scalars())
