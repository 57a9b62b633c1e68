"""SP4N-LAPOR! handling deadlines, in working days, kept in one place.

The defaults follow docs/domain.md, 'Complaint deadlines': 3 working days to verify and
forward a report, 5 for the OPD's follow-up (counted again from a re-routing or a reopening),
auto-close 10 after the follow-up if the reporter is silent, and 10 for the reporter to give
information that staff asked for. While the reporter is asked, the clock is paused: see `resume`. Operators may change them (config.py reads them once, at start). A
deadline is a WIB calendar day and is met by anything done on or before that day (see
working_days for how days are counted).
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime

from services.consultation.domain.working_days import WorkingCalendar, local_date


@dataclass(frozen=True)
class Deadlines:
    """The deadlines in force: working days per stage, counted on a holiday calendar."""

    verify_forward: int = 3
    follow_up: int = 5
    auto_close: int = 10
    info_wait: int = 10
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)

    def __post_init__(self) -> None:
        for rule in fields(self):
            days = getattr(self, rule.name)
            if rule.name != "calendar" and (not isinstance(days, int) or days < 1):
                raise ValueError(f"{rule.name} must be a whole number of at least 1 working day, got {days!r}")

    def forward_due(self, submitted_at: date | datetime) -> date:
        """Last day to verify a report and forward it to the responsible OPD."""
        return self.calendar.add_working_days(submitted_at, self.verify_forward)

    def follow_up_due(self, forwarded_at: date | datetime) -> date:
        """Last day for the OPD to respond, counted from the forwarding."""
        return self.calendar.add_working_days(forwarded_at, self.follow_up)

    def auto_close_due(self, responded_at: date | datetime) -> date:
        """Day a responded report closes by itself if the reporter has not replied."""
        return self.calendar.add_working_days(responded_at, self.auto_close)


    def info_due(self, asked_at: date | datetime) -> date:
        """Day a report waiting for the reporter's information closes by itself if they stay silent."""
        return self.calendar.add_working_days(asked_at, self.info_wait)

    def paused_days(self, asked_at: date | datetime, answered_at: date | datetime) -> int:
        """Working days a report waited for the reporter: after the day of the question, up to the answer's day."""
        return self.calendar.working_days_between(asked_at, answered_at)

    def resume(self, due: date | None, asked_at: date | datetime, answered_at: date | datetime) -> date | None:
        """The stage's deadline moved later by the working days the report waited (the pause rule).

        Asked on Monday with the deadline on Wednesday, answered on Thursday: it waited Tuesday,
        Wednesday and Thursday, so the deadline moves 3 working days, to the next Monday; the two
        working days that were left when it paused are left again.
        """
        if due is None:
            return None
        waited = self.paused_days(asked_at, answered_at)
        return self.calendar.add_working_days(due, waited) if waited else due


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
