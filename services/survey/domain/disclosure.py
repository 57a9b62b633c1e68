"""What the public may see of a campaign's results (the suite-wide rule: no public group under 5)."""

from collections.abc import Mapping

PUBLIC_MIN_GROUP = 5


def public_counts(counts: Mapping[str, int]) -> dict[str, int | None]:
    """Counts for a public reader: a group of 1-4 people becomes None, so nobody is singled out."""
    return {key: (None if 0 < n < PUBLIC_MIN_GROUP else n) for key, n in counts.items()}


def publishable(respondents: int) -> bool:
    """Whether a public reader may see the figures of a campaign at all."""
    return respondents >= PUBLIC_MIN_GROUP
