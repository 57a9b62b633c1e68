"""Who may do what with a campaign: the one place where survey checks permissions.

- Staff readers (admins and viewers city-wide, an operator in their own department) see drafts,
  and results while a campaign runs.
- Writers (admins, the operator of the campaign's department) create, change, open and close
  campaigns, issue and print their tokens, and export the responses with their suggestions.
- The public sees open and closed campaigns, answers open ones, and reads results once closed
  (nothing of an open campaign is public: README, "Publication").
- Only the system (the event consumer) keeps survey's copy of the departments.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import Session

from services.survey.db.models import Campaign
from services.survey.domain.lifecycle import CLOSED, DRAFT
from shared.errors import Forbidden, NotFound
from shared.principal import Principal

CITY_WIDE_READERS = ("admin", "viewer")


def is_staff_reader(principal: Principal, department_code: str) -> bool:
    return principal.role in CITY_WIDE_READERS or principal.can_write(department_code)


def require_writer(principal: Principal, department_code: str) -> None:
    if not principal.can_write(department_code):
        raise Forbidden(f"You may not change data of department {department_code!r}.",
                        indonesian="Anda tidak berwenang mengubah survei perangkat daerah ini.")


def require_system(principal: Principal) -> None:
    if principal.role != "system":
        raise Forbidden("Departments come from personnel's events only.")


def require_staff_reader(principal: Principal, department_code: str) -> None:
    if not is_staff_reader(principal, department_code):
        raise Forbidden(f"You may not read the workspace of department {department_code!r}.",
                        indonesian="Anda tidak berwenang membuka survei perangkat daerah ini.")


def workspace_clause(principal: Principal) -> ColumnElement[bool] | None:
    """The SQL filter of a staff member's workspace: their own department's campaigns, all for city-wide readers."""
    if principal.role in CITY_WIDE_READERS:
        return None
    if not principal.is_staff:
        raise Forbidden("The survey workspace is for staff.", indonesian="Halaman ini khusus petugas.")
    return Campaign.department_code == principal.department


def visible_clause(principal: Principal) -> ColumnElement[bool] | None:
    """The SQL filter for the campaigns a principal may list (None: all of them)."""
    if principal.role in CITY_WIDE_READERS:
        return None
    return or_(Campaign.status != DRAFT, Campaign.department_code == principal.department)


def find_campaign(session: Session, principal: Principal, campaign_id: str, *, for_update: bool = False,
                  hide_draft: bool = True) -> Campaign:
    """The campaign, or NotFound; a draft is reported missing to anyone but its staff readers.

    `hide_draft=False` where a clear "not open yet" is better than "missing" (answering a draft is a
    conflict, not a 404).
    """
    campaign = session.get(Campaign, campaign_id, with_for_update=for_update or None)
    if campaign is None or (hide_draft and campaign.status == DRAFT
                            and not is_staff_reader(principal, campaign.department_code)):
        raise NotFound("Survei tidak ditemukan (survey campaign not found).", indonesian="Survei tidak ditemukan.")
    return campaign


def campaign_to_manage(session: Session, principal: Principal, campaign_id: str) -> Campaign:
    """The campaign, locked for a change by one of its writers."""
    campaign = find_campaign(session, principal, campaign_id, for_update=True)
    require_writer(principal, campaign.department_code)
    return campaign


def sees_full_results(principal: Principal, campaign: Campaign) -> bool:
    """True for staff readers; the public gets the closed campaign's results (False), or Forbidden before."""
    if is_staff_reader(principal, campaign.department_code):
        return True
    if campaign.status != CLOSED:
        raise Forbidden("Hasil survei diumumkan setelah survei ditutup (results are published when the campaign "
                        "closes).", indonesian="Hasil survei diumumkan setelah survei ditutup.")
    return False
