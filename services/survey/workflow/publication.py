"""What the public may see of the campaigns: which surveys run (and whose), and a closed campaign's results.

Nothing of an open campaign is public: its results page refuses until it closes (access.sees_full_results),
and the list links results only for closed campaigns.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign
from services.survey.domain.lifecycle import CLOSED, OPEN
from services.survey.workflow.results import campaign_results
from services.survey.workflow.workspace import department_names
from shared.principal import PUBLIC

RECENT_CLOSED = 30


def public_campaigns(session: Session) -> dict:
    """Open campaigns by service unit, and the most recently closed ones, each with its department's name."""
    names = department_names(session)

    def listed(campaigns) -> list[dict]:
        return [{"campaign": c, "department_name": names.get(c.department_code, c.department_code)}
                for c in campaigns]

    open_now = session.execute(select(Campaign).where(Campaign.status == OPEN)
                               .order_by(Campaign.service_unit, Campaign.period_start)).scalars()
    closed = session.execute(select(Campaign).where(Campaign.status == CLOSED)
                             .order_by(Campaign.closed_at.desc(), Campaign.id).limit(RECENT_CLOSED)).scalars()
    return {"open": listed(open_now), "closed": listed(closed)}


def published_results(session: Session, campaign_id: str) -> dict:
    """A closed campaign's results as the public reads them (Forbidden before it closes; groups under 5 hidden)."""
    body = campaign_results(session, PUBLIC, campaign_id)
    body["department_name"] = department_names(session).get(body["department_code"], body["department_code"])
    return body
