"""SP4N-LAPOR! deadlines: 3 days to forward, 5 to follow up, auto-close after 10."""

from datetime import UTC, date, datetime

import pytest

from services.consultation.domain.deadlines import Deadlines, met
from services.consultation.domain.working_days import WorkingCalendar

CAL = WorkingCalendar([date(2026, 1, 16)])
RULES = Deadlines(calendar=CAL)


def test_defaults_match_the_domain_rules():
    assert (RULES.verify_forward, RULES.follow_up, RULES.auto_close) == (3, 5, 10)


def test_report_sent_on_friday_must_be_forwarded_by_wednesday():
    assert RULES.forward_due(datetime(2026, 1, 9, 16, 30)) == date(2026, 1, 14)


def test_follow_up_skips_weekend_and_holiday():
    assert RULES.follow_up_due(datetime(2026, 1, 14, 10, 0)) == date(2026, 1, 22)


def test_auto_close_after_ten_working_days():
    # Thu 22 Jan 2026 + 10: 23, 26-30, 2-5 Feb.
    assert RULES.auto_close_due(date(2026, 1, 22)) == date(2026, 2, 5)


def test_the_national_calendar_is_the_default():
    assert Deadlines().forward_due(date(2026, 3, 17)) == date(2026, 3, 27)


def test_other_day_counts_apply_to_every_stage():
    rules = Deadlines(verify_forward=1, follow_up=2, auto_close=3, calendar=CAL)
    assert rules.forward_due(date(2026, 1, 9)) == date(2026, 1, 12)
    assert rules.follow_up_due(date(2026, 1, 9)) == date(2026, 1, 13)
    assert rules.auto_close_due(date(2026, 1, 9)) == date(2026, 1, 14)


@pytest.mark.parametrize("days", [0, -2, 2.5])
def test_a_deadline_of_less_than_one_working_day_is_refused(days):
    with pytest.raises(ValueError, match="verify_forward"):
        Deadlines(verify_forward=days)


DUE = date(2026, 1, 14)


@pytest.mark.parametrize(
    ("done_at", "now", "expected"),
    [
        (datetime(2026, 1, 14, 23, 59), datetime(2026, 1, 20), True),
        (datetime(2026, 1, 12, 9, 0), datetime(2026, 1, 12, 9, 0), True),
        (datetime(2026, 1, 15, 0, 1), datetime(2026, 1, 20), False),
        (None, datetime(2026, 1, 13, 12, 0), None),
        (None, datetime(2026, 1, 14, 23, 0), None),
        (None, datetime(2026, 1, 15, 8, 0), False),
    ],
)
def test_met(done_at, now, expected):
    assert met(DUE, done_at, now) is expected


def test_met_judges_utc_times_by_the_local_day():
    # 17:30 UTC on the due day is already 00:30 the next day in WIB.
    late = datetime(2026, 1, 14, 17, 30, tzinfo=UTC)
    assert met(DUE, late, late) is False
    assert met(DUE, None, late) is False


# The pause (docs/domain.md, 'Complaint deadlines'): asked on Monday 2 March 2026, deadline Wednesday 4 March.
ASKED = datetime(2026, 3, 2, 10, 0)


@pytest.mark.parametrize(
    ("answered", "waited", "new_due"),
    [
        (datetime(2026, 3, 2, 16, 0), 0, date(2026, 3, 4)),    # the same day: nothing moves
        (datetime(2026, 3, 5, 9, 0), 3, date(2026, 3, 9)),     # Tue, Wed, Thu waited: Wednesday + 3 = Monday
        (datetime(2026, 3, 7, 9, 0), 4, date(2026, 3, 10)),    # a Saturday answer counts to Friday
        # Across Nyepi and Idul Fitri (18-24 March 2026): only working days wait, and count.
        (datetime(2026, 3, 25, 9, 0), 12, date(2026, 3, 27)),
    ],
)
def test_while_the_citizen_is_asked_the_deadline_waits_by_working_days(answered, waited, new_due):
    deadlines = Deadlines()
    assert deadlines.paused_days(ASKED, answered) == waited
    assert deadlines.resume(date(2026, 3, 4), ASKED, answered) == new_due


def test_the_working_days_left_when_paused_are_left_again():
    deadlines = Deadlines()
    due, answered = date(2026, 3, 4), datetime(2026, 3, 12, 11, 0)
    left_before = deadlines.calendar.working_days_between(ASKED, due)
    left_after = deadlines.calendar.working_days_between(answered, deadlines.resume(due, ASKED, answered))
    assert left_before == left_after == 2


def test_the_citizen_has_ten_working_days_to_answer_and_no_deadline_stays_none():
    deadlines = Deadlines()
    assert deadlines.info_due(ASKED) == date(2026, 3, 16)
    assert deadlines.resume(None, ASKED, datetime(2026, 3, 5)) is None
