"""A round of public consultation: it opens on the day staff publish the text and closes after its closing date.

The closing date is the last (WIB) day on which citizens may comment; the worker closes the
round on the next day. See docs/domain.md, 'Public consultation and the policy life cycle'.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class RoundRules:
    """How long a round lasts at least (calendar days, unconfirmed: setting CONSULTATION_MIN_DAYS)."""

    min_days: int = 14

    def __post_init__(self):
        if not 1 <= self.min_days <= 365:
            raise ValueError(f"a round lasts 1 to 365 days, got {self.min_days}")

    def earliest_close(self, opens_on: date) -> date:
        """The earliest closing date for a round that opens on `opens_on`."""
        return opens_on + timedelta(days=self.min_days - 1)


class RoundError(ValueError):
    pass


def check_closing_date(rules: RoundRules, opens_on: date, closes_on: date | None) -> date:
    """The closing date if a round opening on `opens_on` may close then, else RoundError."""
    if closes_on is None:
        raise RoundError("a round of consultation needs a closing date")
    earliest = rules.earliest_close(opens_on)
    if closes_on < earliest:
        raise RoundError(f"a round lasts at least {rules.min_days} days: close on {earliest.isoformat()} or later")
    return closes_on


def check_extension(today: date, current: date, closes_on: date) -> date:
    """A later closing date for an open round: never earlier than the one announced, never in the past."""
    if closes_on < current:
        raise RoundError(f"the round was announced to close on {current.isoformat()}; it can only be extended")
    if closes_on < today:
        raise RoundError("the new closing date is in the past")
    return closes_on


def accepts_comments(today: date, opens_on: date | None, closes_on: date | None) -> bool:
    """True from the opening day to the closing date, inclusive."""
    return opens_on is not None and closes_on is not None and opens_on <= today <= closes_on


def due_to_close(today: date, closes_on: date | None) -> bool:
    """True once the closing date has passed."""
    return closes_on is not None and today > closes_on


def days_left(today: date, closes_on: date) -> int:
    """Days citizens still have, today included (0 once closed)."""
    return max(0, (closes_on - today).days + 1)
