"""Anonymous responses: accepting one (token, row, running tally and events in one transaction) and the export.

Anonymity: nothing identifying is stored, a used token's row is deleted (never marked with a
time), and the export gives the day of a response, not its time.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign, CampaignTally, InvitationToken, Response
from services.survey.domain.extra_questions import check_answers
from services.survey.domain.invitation_tokens import token_hash
from services.survey.domain.lifecycle import accepts_responses
from services.survey.domain.unsur import PROFILE_CHOICES, UNSUR_KEYS
from services.survey.events import emit, emit_results, response_payload
from services.survey.workflow.access import find_campaign, require_writer
from services.survey.workflow.tally import add_to_tally
from shared.errors import Conflict, Forbidden, Invalid
from shared.principal import Principal

THANKS = "Terima kasih atas partisipasi Anda dalam Survei Kepuasan Masyarakat."
# One message for an unknown token and a used one alike: the answer must not tell them apart.
BAD_TOKEN_ID = "Token tidak valid atau sudah digunakan."
BAD_TOKEN = f"{BAD_TOKEN_ID} (The token is not valid or has already been used.)"
NEEDS_TOKEN_ID = "Token wajib diisi."


def _spend_token(session: Session, campaign: Campaign, token: str | None) -> None:
    """Use up a one-time token. A used token's row is deleted, never marked with a time."""
    if not token:
        raise Invalid("token", f"{NEEDS_TOKEN_ID} (a token is required).",
                      detail="Survei ini memerlukan token undangan (this survey needs an invitation token).",
                      indonesian=NEEDS_TOKEN_ID)
    spent = session.execute(delete(InvitationToken).where(
        InvitationToken.token_hash == token_hash(token), InvitationToken.campaign_id == campaign.id))
    if spent.rowcount != 1:
        raise Forbidden(BAD_TOKEN, indonesian=BAD_TOKEN_ID)


def submit_response(session: Session, principal: Principal, now: datetime, campaign_id: str,
                    data: dict) -> Response:
    """Store one response to an open campaign and count it into the tally; `data` as read_submission gives it."""
    campaign = find_campaign(session, principal, campaign_id, for_update=True, hide_draft=False)
    if not accepts_responses(campaign.status):
        raise Conflict(f"Survei ini tidak sedang dibuka (this campaign is {campaign.status}, not open for "
                       "responses).", indonesian="Survei ini sedang tidak dibuka, sehingga jawaban tidak dapat "
                                                 "dikirim.")
    problems = check_answers(campaign.extra_questions or [], data["extra_answers"])
    if problems:
        raise Invalid(errors={"extra_answers": {key: [msg] for key, msg in problems.items()}},
                      detail="Jawaban pertanyaan tambahan tidak valid (invalid extra answers).")
    if campaign.requires_token:
        _spend_token(session, campaign, data.get("token"))
    profile = {dim: data["profile"].get(dim) for dim in PROFILE_CHOICES}
    response = Response(campaign_id=campaign.id, **data["answers"], **profile,
                        suggestion=(data.get("suggestion") or "").strip() or None,
                        extra_answers={k: v for k, v in data["extra_answers"].items() if v not in (None, "")},
                        submitted_at=now)
    session.add(response)
    add_to_tally(session.get(CampaignTally, campaign.id, with_for_update=True), data["answers"], profile)
    session.flush()
    # A response never changes: it is its own aggregate at version 1.
    emit(session, "survey.response.submitted", response.id, response_payload(response, campaign, profile), 1)
    emit_results(session, campaign)
    return response


def export_responses(session: Session, principal: Principal, campaign_id: str) -> tuple[str, list[str], list[list]]:
    """(file name, header, rows) of a campaign's responses, one row each, nothing identifying.

    Admins and the operator of the campaign's own department: the suggestions are theirs to act on.
    """
    campaign = find_campaign(session, principal, campaign_id)
    require_writer(principal, campaign.department_code)
    rows = session.execute(select(Response).where(Response.campaign_id == campaign.id)
                           .order_by(Response.submitted_at, Response.id)).scalars().all()
    extra_keys = [q["key"] for q in campaign.extra_questions or []]
    # The date only: this file travels by e-mail and spreadsheet, and a time of day could point at
    # the one citizen served at that moment.
    header = ["response_id", "submitted_on", *UNSUR_KEYS, *PROFILE_CHOICES, "suggestion",
              *(f"extra_{k}" for k in extra_keys)]
    lines = [[r.id, r.submitted_at.date().isoformat(), *(getattr(r, k) for k in UNSUR_KEYS),
              *(getattr(r, d) for d in PROFILE_CHOICES), r.suggestion,
              *((r.extra_answers or {}).get(k) for k in extra_keys)] for r in rows]
    return f"skm-responses-{campaign.id}.csv", header, lines
