"""SP4N-LAPOR! handling deadlines, in working days, kept in one place.

Defaults follow DOMAIN.md: 3 working days to verify and forward a report, 5 for the
OPD's follow-up, and auto-close 10 after the follow-up if the reporter is silent.
Each can be overridden by an env var, read on every call so a regulation change is a
configuration change. A deadline is a WIB calendar day and is met by anything done
on or before that day (see working_days for how days are counted).
"""

import os
from dataclasses import dataclass
from datetime import date, datetime

from services.consultation.domain.working_days import WorkingCalendar, calendar_from_env, local_date

VERIFY_FORWARD_DAYS = 3
FOLLOW_UP_DAYS = 5
AUTO_CLOSE_DAYS = 10


@dataclass(frozen=True)
class DeadlineDays:
    verify_forward: int
    follow_up: int
    auto_close: int


def _days_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        days = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number of working days, got {raw!r}") from None
    if days < 1:
        raise ValueError(f"{name} must be at least 1 working day, got {days}")
    return days


def deadline_days() -> DeadlineDays:
    """The deadlines in force now: defaults or FEEDBACK_*_DAYS overrides."""
    return DeadlineDays(
        verify_forward=_days_from_env("FEEDBACK_VERIFY_DAYS", VERIFY_FORWARD_DAYS),
        follow_up=_days_from_env("FEEDBACK_FOLLOW_UP_DAYS", FOLLOW_UP_DAYS),
        auto_close=_days_from_env("FEEDBACK_AUTO_CLOSE_DAYS", AUTO_CLOSE_DAYS),
    )


def _due(start: date | datetime, days: int, calendar: WorkingCalendar | None) -> date:
    if calendar is None:
        calendar = calendar_from_env()
    return calendar.add_working_days(start, days)


def forward_due(submitted_at: date | datetime, calendar: WorkingCalendar | None = None) -> date:
    """Last day to verify a report and forward it to the responsible OPD."""
    return _due(submitted_at, deadline_days().verify_forward, calendar)


def follow_up_due(forwarded_at: date | datetime, calendar: WorkingCalendar | None = None) -> date:
    """Last day for the OPD to respond, counted from the forwarding."""
    return _due(forwarded_at, deadline_days().follow_up, calendar)


def auto_close_due(responded_at: date | datetime, calendar: WorkingCalendar | None = None) -> date:
    """Day a responded report closes by itself if the reporter has not replied."""
    return _due(responded_at, deadline_days().auto_close, calendar)


def met(deadline: date, done_at: datetime | None, now: datetime) -> bool | None:
    """True if done by the deadline, False if done late or still open past it, else None.

    None means "not decided yet": a report still open on or before its due day is
    neither on time nor late, and must not count either way in responsiveness figures.
    """
    if done_at is not None:
        return local_date(done_at) <= deadline
    if local_date(now) > deadline:
        return False
    return None
