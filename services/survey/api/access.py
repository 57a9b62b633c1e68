"""Who may see what of a campaign: drafts are staff-only, results go public when the campaign closes."""
from __future__ import annotations

from flask_smorest import abort

from services.survey.db.models import Campaign
from services.survey.domain.lifecycle import CLOSED, DRAFT
from shared.web.auth import Principal, current_principal


def is_staff_reader(principal: Principal | None, campaign: Campaign) -> bool:
    """Admins and viewers city-wide, and the operator of the campaign's own department."""
    return principal is not None and (principal.role in ("admin", "viewer")
                                      or principal.can_write(campaign.department_code))


def get_campaign(session, campaign_id: str, *, for_update: bool = False, hide_draft: bool = True) -> Campaign:
    """The campaign, or 404; a draft is reported missing to anyone but its staff readers, except where
    the issue asks for a clear "not open yet" (answering a draft is a 409, not a 404)."""
    campaign = session.get(Campaign, campaign_id, with_for_update=for_update or None)
    hidden = hide_draft and campaign is not None and campaign.status == DRAFT
    if campaign is None or (hidden and not is_staff_reader(current_principal(), campaign)):
        abort(404, message="Survei tidak ditemukan (survey campaign not found).")
    return campaign


def check_results_readable(campaign: Campaign) -> bool:
    """Abort 403 unless the caller may read the results now; True when they get the full (staff) view."""
    if is_staff_reader(current_principal(), campaign):
        return True
    if campaign.status != CLOSED:
        abort(403, message="Hasil survei diumumkan setelah survei ditutup "
                           "(results are published when the campaign closes).")
    return False
