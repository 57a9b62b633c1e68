"""One-time invitation tokens: issued in batches by an explicit action, stored only as hashes, and the unused
ones of a batch printed again by deriving them from the server secret (domain/invitation_tokens.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign, InvitationToken, TokenBatch
from services.survey.domain.invitation_tokens import MAX_BATCH, batch_tokens, normalize, token_hash
from services.survey.domain.lifecycle import CLOSED, accepts_responses
from services.survey.workflow.access import campaign_to_manage, find_campaign, require_writer
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal


def issue_tokens(session: Session, principal: Principal, now: datetime, campaign_id: str, count: int,
                 secret: bytes) -> tuple[Campaign, TokenBatch, list[str]]:
    """A new batch of `count` tokens: their hashes are stored, their text is returned (and can be derived again)."""
    if not 1 <= count <= MAX_BATCH:
        raise Invalid("count", f"Must be between 1 and {MAX_BATCH}.",
                      indonesian=f"Isi jumlah token dengan bilangan bulat 1 sampai {MAX_BATCH}.")
    campaign = campaign_to_manage(session, principal, campaign_id)
    if campaign.status == CLOSED:
        raise Conflict("A closed campaign takes no more responses, so it needs no tokens.",
                       indonesian="Survei yang sudah ditutup tidak menerima jawaban lagi, sehingga tidak "
                                  "memerlukan token.")
    batch = TokenBatch(campaign_id=campaign.id, count=count, created_at=now, created_by=principal.display_name)
    session.add(batch)
    session.flush()
    tokens = batch_tokens(secret, batch.id, count)
    # Two equal 60-bit tokens in one batch (odds about count² / 2^61) would make the batch a token short;
    # the token table's primary key refuses an equal one from another batch the same way.
    if len({token_hash(t) for t in tokens}) != count:
        raise Conflict("Two tokens of this batch came out equal; issue the batch again.",
                       indonesian="Terjadi kebetulan langka pada pembuatan token. Silakan ulangi.")
    session.execute(insert(InvitationToken), [{"token_hash": token_hash(t), "campaign_id": campaign.id,
                                               "batch_id": batch.id} for t in tokens])
    campaign.tokens_issued += count
    campaign.version += 1
    return campaign, batch, tokens


def _campaign_for_writer(session: Session, principal: Principal, campaign_id: str) -> Campaign:
    campaign = find_campaign(session, principal, campaign_id)
    require_writer(principal, campaign.department_code)
    return campaign


def unused_tokens(session: Session, principal: Principal, campaign_id: str, batch_id: str,
                  secret: bytes) -> tuple[Campaign, TokenBatch, list[str]]:
    """The batch's tokens that nobody has used yet, derived again (reading this issues nothing)."""
    campaign = _campaign_for_writer(session, principal, campaign_id)
    batch = session.get(TokenBatch, batch_id)
    if batch is None or batch.campaign_id != campaign.id:
        raise NotFound("No such token batch.", indonesian="Lembar token tidak ditemukan.")
    stored = set(session.execute(select(InvitationToken.token_hash)
                                 .where(InvitationToken.batch_id == batch.id)).scalars())
    unused = [t for t in batch_tokens(secret, batch.id, batch.count) if token_hash(t) in stored]
    if stored and not unused:
        raise Conflict("These tokens were issued under another SURVEY_TOKEN_SECRET and cannot be derived again.",
                       indonesian="Token lembar ini dibuat dengan kunci lain dan tidak dapat dicetak ulang. "
                                  "Token tersebut tetap berlaku; buat lembar baru bila perlu.")
    return campaign, batch, unused


def token_batches(session: Session, principal: Principal, campaign_id: str) -> list[dict]:
    """The campaign's batches, newest first, each with how many of its tokens are still unused."""
    campaign = _campaign_for_writer(session, principal, campaign_id)
    unused = dict(session.execute(select(InvitationToken.batch_id, func.count())
                                  .where(InvitationToken.campaign_id == campaign.id)
                                  .group_by(InvitationToken.batch_id)).all())
    batches = session.execute(select(TokenBatch).where(TokenBatch.campaign_id == campaign.id)
                              .order_by(TokenBatch.created_at.desc(), TokenBatch.id)).scalars()
    return [{"id": b.id, "count": b.count, "unused": unused.get(b.id, 0), "created_at": b.created_at,
             "created_by": b.created_by} for b in batches]


def token_counts(session: Session, principal: Principal, campaign_id: str) -> dict:
    """How many tokens a campaign's writers issued, and how many are still unused."""
    campaign = _campaign_for_writer(session, principal, campaign_id)
    unused = session.execute(select(func.count()).select_from(InvitationToken)
                             .where(InvitationToken.campaign_id == campaign.id)).scalar_one()
    return {"campaign_id": campaign.id, "issued": campaign.tokens_issued, "unused": unused}


def campaign_for_token(session: Session, principal: Principal, token: str) -> Campaign:
    """The open campaign an unused token belongs to (the short address on a token card), else Invalid.

    An unknown token, a used one and one of a campaign that is not open are refused alike.
    """
    row = session.get(InvitationToken, token_hash(token)) if normalize(token) else None
    campaign = session.get(Campaign, row.campaign_id) if row is not None else None
    if campaign is None or not accepts_responses(campaign.status):
        raise Invalid("token", "The token is not valid or has already been used.",
                      indonesian="Token tidak valid atau sudah digunakan.")
    return campaign
