"""Accepting one anonymous response: token, row, running tally and events, in one transaction."""
from __future__ import annotations

from datetime import UTC, datetime

from flask_smorest import abort
from sqlalchemy import delete

from services.survey.campaign_events import emit_results
from services.survey.db.models import Campaign, CampaignTally, InvitationToken, Response
from services.survey.domain.extra_questions import check_answers
from services.survey.domain.invitation_tokens import token_hash
from services.survey.domain.lifecycle import accepts_responses
from services.survey.domain.unsur import PROFILE_CHOICES
from services.survey.events import emit
from services.survey.results import add_to_tally

# One message for an unknown token and a used one alike: the answer must not tell them apart.
BAD_TOKEN = "Token tidak valid atau sudah digunakan. (The token is not valid or has already been used.)"


def spend_token(session, campaign: Campaign, token: str | None) -> None:
    """Use up a one-time token, or abort. A used token's row is deleted, never marked with a time."""
    if not token:
        abort(422, message="Survei ini memerlukan token undangan (this survey needs an invitation token).",
              errors={"token": ["Token wajib diisi (a token is required)."]})
    spent = session.execute(delete(InvitationToken).where(
        InvitationToken.token_hash == token_hash(token), InvitationToken.campaign_id == campaign.id))
    if spent.rowcount != 1:
        abort(403, message=BAD_TOKEN, errors={"token": [BAD_TOKEN]})


def record_response(session, campaign: Campaign, data: dict) -> Response:
    """Store one response and count it into the tally; the caller holds the campaign's row lock."""
    if not accepts_responses(campaign.status):
        abort(409, message=f"Survei ini tidak sedang dibuka (this campaign is {campaign.status}, "
                           "not open for responses).")
    problems = check_answers(campaign.extra_questions or [], data["extra_answers"])
    if problems:
        abort(422, message="Jawaban pertanyaan tambahan tidak valid (invalid extra answers).",
              errors={"extra_answers": {key: [msg] for key, msg in problems.items()}})
    if campaign.requires_token:
        spend_token(session, campaign, data.get("token"))
    profile = {dim: data["profile"].get(dim) for dim in PROFILE_CHOICES}
    response = Response(campaign_id=campaign.id, **data["answers"], **profile,
                        suggestion=(data.get("suggestion") or "").strip() or None,
                        extra_answers={k: v for k, v in data["extra_answers"].items() if v not in (None, "")},
                        submitted_at=datetime.now(UTC))
    session.add(response)
    tally = session.get(CampaignTally, campaign.id, with_for_update=True)
    add_to_tally(tally, data["answers"], profile)
    session.flush()
    emit(session, "survey.response.submitted", response.id, {
        "response_id": response.id, "campaign_id": campaign.id, "department_code": campaign.department_code,
        "answers": response.answers, "profile": profile, "submitted_at": response.submitted_at,
    }, 1)  # a response never changes: it is its own aggregate at version 1
    emit_results(session, campaign)
    return response
