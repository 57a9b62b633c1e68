"""The staff workspace: a department's campaigns with their progress, and one campaign's full results.

Open campaigns' figures are provisional ("sementara"): staff see them as they accrue, the public
never does (workflow/publication.py). Profile groups under 5 respondents stay hidden for staff too:
a profile of a handful of people can point at one of them.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign, CampaignTally, Department, Response
from services.survey.domain.disclosure import public_counts
from services.survey.domain.ikm import compute_result
from services.survey.domain.lifecycle import DRAFT, OPEN
from services.survey.workflow.access import (
    find_campaign,
    require_staff_reader,
    workspace_clause,
)
from services.survey.workflow.refusals import refusals_of
from services.survey.workflow.responses import export_responses
from services.survey.workflow.results import campaign_results, results_table
from services.survey.workflow.tally import read_tally, sample_verdict
from services.survey.workflow.tokens import token_batches
from shared.db import paginate
from shared.principal import Principal

TREND_PERIODS = 8
SUGGESTIONS_PER_PAGE = 20


def _figures(campaign: Campaign, tally: CampaignTally) -> dict:
    result = compute_result(read_tally(tally))
    required, sufficient = sample_verdict(campaign, result.respondents)
    return {"respondents": result.respondents, "required_sample": required, "sample_sufficient": sufficient,
            "converted": result.converted, "converted_display": result.converted_display,
            "mutu": result.mutu, "kinerja": result.kinerja, "provisional": campaign.status == OPEN}


def department_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Department.code, Department.name)).all())


def workspace_campaigns(session: Session, principal: Principal, filters: dict) -> dict:
    """A page of the principal's campaigns (their department's; every one for admins and viewers), newest first,
    each with its respondents against the required sample, its (provisional) IKM and its refused responses."""
    query = select(Campaign).order_by(Campaign.period_start.desc(), Campaign.service_unit, Campaign.id)
    if (own := workspace_clause(principal)) is not None:
        query = query.where(own)
    for key in ("status", "period_year", "department_code"):
        if filters.get(key):
            query = query.where(getattr(Campaign, key) == filters[key])
    found = paginate(session, query, filters)
    ids = [c.id for c in found["items"]]
    tallies = {t.campaign_id: t for t in session.execute(
        select(CampaignTally).where(CampaignTally.campaign_id.in_(ids))).scalars()} if ids else {}
    names = department_names(session)
    found["items"] = [{"campaign": c, "department_name": names.get(c.department_code, c.department_code),
                       **_figures(c, tallies[c.id]), "refused": refusals_of(tallies[c.id])["total"]}
                      for c in found["items"]]
    return found


def unit_trend(session: Session, campaign: Campaign) -> list[dict]:
    """The converted IKM of this service unit's campaigns up to this one, oldest first (open ones provisional)."""
    rows = session.execute(
        select(Campaign, CampaignTally).join(CampaignTally, CampaignTally.campaign_id == Campaign.id)
        .where(Campaign.department_code == campaign.department_code, Campaign.service_unit == campaign.service_unit,
               Campaign.status != DRAFT, Campaign.period_start <= campaign.period_start)
        .order_by(Campaign.period_start.desc()).limit(TREND_PERIODS)).all()
    return [{"campaign_id": c.id, "period_label": c.period_label, **_figures(c, t)} for c, t in reversed(rows)]


def suggestions(session: Session, campaign_id: str, page: int) -> dict:
    """One page of the campaign's suggestions, newest first, with the day each came (never the time)."""
    where = (Response.campaign_id == campaign_id, Response.suggestion.is_not(None))
    total = session.execute(select(func.count()).select_from(Response).where(*where)).scalar_one()
    pages = max(1, -(-total // SUGGESTIONS_PER_PAGE))
    page = min(max(page, 1), pages)
    rows = session.execute(select(Response.submitted_at, Response.suggestion).where(*where)
                           .order_by(Response.submitted_at.desc(), Response.id)
                           .limit(SUGGESTIONS_PER_PAGE).offset((page - 1) * SUGGESTIONS_PER_PAGE)).all()
    return {"items": [{"day": at.date(), "text": text} for at, text in rows], "total": total, "page": page,
            "pages": pages}


def staff_results(session: Session, principal: Principal, campaign_id: str, suggestion_page: int = 1) -> dict:
    """Everything the staff results page shows: the figures, the profile, the trend, the suggestions (writers),
    and the responses the soft controls refused."""
    campaign = find_campaign(session, principal, campaign_id)
    require_staff_reader(principal, campaign.department_code)
    body = campaign_results(session, principal, campaign_id)
    body["profile"] = {dim: public_counts(counts) for dim, counts in body["profile"].items()}
    tally = session.get(CampaignTally, campaign.id)
    writer = principal.can_write(campaign.department_code)
    return {**body, "campaign": campaign, "provisional": campaign.status == OPEN,
            "department_name": department_names(session).get(campaign.department_code, campaign.department_code),
            "refusals": refusals_of(tally), "trend": unit_trend(session, campaign), "may_export_responses": writer,
            "suggestions": suggestions(session, campaign.id, suggestion_page) if writer else None}


def campaign_page(session: Session, principal: Principal, campaign_id: str) -> dict:
    """One campaign in the workspace: its progress, its refused responses and (for its writers) its token batches."""
    campaign = find_campaign(session, principal, campaign_id)
    require_staff_reader(principal, campaign.department_code)
    tally = session.get(CampaignTally, campaign.id)
    writer = principal.can_write(campaign.department_code)
    return {"campaign": campaign, "figures": _figures(campaign, tally), "refusals": refusals_of(tally),
            "writer": writer, "batches": token_batches(session, principal, campaign.id)
            if writer and campaign.requires_token else [],
            "department_name": department_names(session).get(campaign.department_code, campaign.department_code)}


def export_sheets(session: Session, principal: Principal, campaign_id: str,
                  with_responses: bool = True) -> list[tuple[str, list[str], list[list]]]:
    """The campaign's downloads as (sheet title, header, rows): the results for every staff reader, and the
    responses with their suggestions for its writers (admins, the department's own operator)."""
    campaign = find_campaign(session, principal, campaign_id)
    require_staff_reader(principal, campaign.department_code)
    sheets = [("Hasil", *results_table(session, principal, campaign_id)[1:])]
    if with_responses and principal.can_write(campaign.department_code):
        sheets.append(("Jawaban", *export_responses(session, principal, campaign_id)[1:]))
    return sheets
