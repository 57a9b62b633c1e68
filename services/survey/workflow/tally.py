"""A campaign's running tally row, read and written as the domain's Tally (domain/ikm.py holds the formula).

Also the per-unsur figures and the sample-size verdict that results and snapshots add to the IKM.
"""
from __future__ import annotations

from fractions import Fraction

from services.survey.db.models import Campaign, CampaignTally
from services.survey.domain.ikm import Tally, round_converted
from services.survey.domain.sample_size import required_sample, sample_sufficient
from services.survey.domain.unsur import PROFILE_CHOICES, UNSUR, UNSUR_BY_KEY, UNSUR_KEYS

UNSPECIFIED = "unspecified"  # the respondent left this profile question empty


def empty_profile_counts() -> dict[str, dict[str, int]]:
    return {dim: {**dict.fromkeys(choices, 0), UNSPECIFIED: 0} for dim, choices in PROFILE_CHOICES.items()}


def new_tally_row(campaign_id: str) -> CampaignTally:
    return CampaignTally(campaign_id=campaign_id, profile_counts=empty_profile_counts(), **Tally().to_dict())


def read_tally(row: CampaignTally) -> Tally:
    return Tally.from_dict({"respondents": row.respondents, **{key: getattr(row, key) for key in UNSUR_KEYS}})


def add_to_tally(row: CampaignTally, answers: dict[str, int], profile: dict[str, str | None]) -> None:
    """Count one response into the stored tally (the caller holds the row lock)."""
    tally = read_tally(row)
    tally.add(answers)
    for key, value in tally.to_dict().items():
        setattr(row, key, value)
    counts = {dim: dict(values) for dim, values in (row.profile_counts or empty_profile_counts()).items()}
    for dim in PROFILE_CHOICES:
        code = profile.get(dim) or UNSPECIFIED
        counts.setdefault(dim, {})[code] = counts[dim].get(code, 0) + 1
    row.profile_counts = counts  # a new dict, so the JSON column is written


def sample_verdict(campaign: Campaign, respondents: int) -> tuple[int | None, bool | None]:
    """(the Krejcie-Morgan minimum, whether it was reached), or (None, None) without a population."""
    if not campaign.population:
        return None, None
    return required_sample(campaign.population), sample_sufficient(respondents, campaign.population)


def unsur_rows(row: CampaignTally) -> list[dict]:
    """Per unsur: its name, the sum of answers and the NRR (exact, and rounded half up for display)."""
    n = row.respondents
    return [{"key": u.key, "name": u.name, "sum": getattr(row, u.key),
             "nrr": float(Fraction(getattr(row, u.key), n)) if n else None,
             "nrr_display": str(round_converted(Fraction(getattr(row, u.key), n))) if n else None}
            for u in UNSUR]


def weakest_name(key: str | None) -> str | None:
    return UNSUR_BY_KEY[key].name if key else None
