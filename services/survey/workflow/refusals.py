"""Responses refused by an open campaign's soft controls: counted per campaign and reason, shown to staff.

A refusal is counted in its own transaction (the refused response itself is never stored), with an
atomic increment, so concurrent refusals never lose a count.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from services.survey.db.models import CampaignTally
from services.survey.domain.integrity import CHALLENGE, RATE, REFUSAL_LABELS, REPEAT
from shared.principal import Principal

COLUMNS = {REPEAT: CampaignTally.refused_repeat, RATE: CampaignTally.refused_rate,
           CHALLENGE: CampaignTally.refused_challenge}


def count_refusal(session: Session, principal: Principal, now: datetime, campaign_id: str, reason: str) -> None:
    """Add one refused response of `reason` to the campaign's counters (nothing for an unknown campaign)."""
    column = COLUMNS[reason]
    session.execute(update(CampaignTally).where(CampaignTally.campaign_id == campaign_id)
                    .values({column: column + 1}))


def refusals_of(tally: CampaignTally) -> dict:
    """{reason: count} of one tally row, plus the total, with the staff labels."""
    counts = {reason: getattr(tally, column.key) or 0 for reason, column in COLUMNS.items()}
    return {"total": sum(counts.values()),
            "by_reason": [{"reason": r, "label": REFUSAL_LABELS[r], "n": n} for r, n in counts.items()]}
