"""One-time invitation tokens: issued in batches, shown once, stored only as hashes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign, InvitationToken
from services.survey.domain.invitation_tokens import MAX_BATCH, new_token, token_hash
from services.survey.domain.lifecycle import CLOSED
from services.survey.workflow.access import campaign_to_manage, find_campaign, require_writer
from shared.errors import Conflict, Invalid
from shared.principal import Principal


def issue_tokens(session: Session, principal: Principal, now: datetime, campaign_id: str,
                 count: int) -> tuple[Campaign, list[str]]:
    """Store `count` new tokens of the campaign as hashes and return their plain text, this once."""
    if not 1 <= count <= MAX_BATCH:
        raise Invalid("count", f"Must be between 1 and {MAX_BATCH}.",
                      indonesian=f"Isi jumlah token dengan bilangan bulat 1 sampai {MAX_BATCH}.")
    campaign = campaign_to_manage(session, principal, campaign_id)
    if campaign.status == CLOSED:
        raise Conflict("A closed campaign takes no more responses, so it needs no tokens.",
                       indonesian="Survei yang sudah ditutup tidak menerima jawaban lagi, sehingga tidak "
                                  "memerlukan token.")
    tokens = {token_hash(t): t for t in (new_token() for _ in range(count))}
    while len(tokens) < count:  # a repeat within one batch is ~impossible, but cheap to rule out
        token = new_token()
        tokens[token_hash(token)] = token
    session.execute(insert(InvitationToken), [{"token_hash": h, "campaign_id": campaign.id} for h in tokens])
    campaign.tokens_issued += len(tokens)
    campaign.version += 1
    return campaign, list(tokens.values())


def token_counts(session: Session, principal: Principal, campaign_id: str) -> dict:
    """How many tokens a campaign's writers issued, and how many are still unused."""
    campaign = find_campaign(session, principal, campaign_id)
    require_writer(principal, campaign.department_code)
    unused = session.execute(select(func.count()).select_from(InvitationToken)
                             .where(InvitationToken.campaign_id == campaign.id)).scalar_one()
    return {"campaign_id": campaign.id, "issued": campaign.tokens_issued, "unused": unused}
