"""A campaign's results as a reader may see them: NRR per unsur, IKM, mutu and kinerja, sample size, profile.

Staff readers see everything while the campaign runs; the public sees a closed campaign's
results, with every group under 5 people hidden (domain/disclosure.py).
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.survey.db.models import CampaignTally
from services.survey.domain.disclosure import public_counts, publishable
from services.survey.domain.unsur import PROFILE_CHOICES
from services.survey.events import results_payload
from services.survey.workflow.access import find_campaign, sees_full_results
from services.survey.workflow.tally import unsur_rows, weakest_name
from shared.principal import Principal

FIGURES = ("nrr", "ikm", "converted", "converted_display", "mutu", "kinerja", "weakest_unsur",
           "weakest_unsur_name")
CAMPAIGN_ITEMS = ("service_unit", "department_code", "period_label", "period_start", "period_end", "status",
                  "respondents", "population", "required_sample", "sample_sufficient")
INDEX_ITEMS = ("ikm", "converted", "converted_display", "mutu", "kinerja", "weakest_unsur", "weakest_unsur_name")


def campaign_results(session: Session, principal: Principal, campaign_id: str) -> dict:
    """The results this principal may see (the snapshot that events carry, plus per-unsur rows)."""
    campaign = find_campaign(session, principal, campaign_id)
    full_view = sees_full_results(principal, campaign)
    tally = session.get(CampaignTally, campaign.id)
    body = results_payload(campaign, tally)
    body["weakest_unsur_name"] = weakest_name(body["weakest_unsur"])
    body["unsur"] = unsur_rows(tally)
    body["suppressed"] = not full_view and not publishable(body["respondents"])
    if not full_view:
        body["profile"] = {dim: public_counts(counts) for dim, counts in body["profile"].items()}
    if body["suppressed"]:
        body.update(dict.fromkeys(FIGURES))
        body["unsur"] = [{"key": u["key"], "name": u["name"]} for u in body["unsur"]]
    return body


def results_table(session: Session, principal: Principal, campaign_id: str) -> tuple[str, list[str], list[list]]:
    """(file name, header, rows) of the same figures, one per row: section, item, name, value."""
    body = campaign_results(session, principal, campaign_id)
    rows = [["campaign", key, "", body[key]] for key in CAMPAIGN_ITEMS]
    rows += [["unsur", u["key"], u["name"], u.get("nrr_display")] for u in body["unsur"]]
    rows += [["index", key, "", body[key]] for key in INDEX_ITEMS]
    rows += [[f"profile.{dim}", code, PROFILE_CHOICES[dim].get(code, code), n]
             for dim, counts in body["profile"].items() for code, n in counts.items()]
    return f"skm-results-{body['campaign_id']}.csv", ["section", "item", "name", "value"], rows
