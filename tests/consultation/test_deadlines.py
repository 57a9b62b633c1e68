"""SP4N-LAPOR! deadlines: 3 days to forward, 5 to follow up, auto-close after 10."""

from datetime import UTC, date, datetime

import pytest

from services.consultation.domain import deadlines
from services.consultation.domain.deadlines import auto_close_due, follow_up_due, forward_due, met
from services.consultation.domain.working_days import WorkingCalendar

CAL = WorkingCalendar([date(2026, 1, 16)])
ENV_VARS = ("FEEDBACK_VERIFY_DAYS", "FEEDBACK_FOLLOW_UP_DAYS", "FEEDBACK_AUTO_CLOSE_DAYS")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in (*ENV_VARS, "PUBLIC_HOLIDAYS", "PUBLIC_HOLIDAYS_REPLACE"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_match_the_domain_rules():
    assert (deadlines.VERIFY_FORWARD_DAYS, deadlines.FOLLOW_UP_DAYS, deadlines.AUTO_CLOSE_DAYS) == (3, 5, 10)


def test_report_sent_on_friday_must_be_forwarded_by_wednesday():
    assert forward_due(datetime(2026, 1, 9, 16, 30), CAL) == date(2026, 1, 14)


def test_follow_up_skips_weekend_and_holiday():
    assert follow_up_due(datetime(2026, 1, 14, 10, 0), CAL) == date(2026, 1, 22)


def test_auto_close_after_ten_working_days():
    # Thu 22 Jan 2026 + 10: 23, 26-30, 2-5 Feb.
    assert auto_close_due(date(2026, 1, 22), CAL) == date(2026, 2, 5)


def test_default_calendar_is_used_when_none_given():
    assert forward_due(date(2026, 3, 17)) == date(2026, 3, 27)


def test_env_overrides_are_read_on_every_call(monkeypatch):
    monkeypatch.setenv("FEEDBACK_VERIFY_DAYS", "1")
    assert forward_due(date(2026, 1, 9), CAL) == date(2026, 1, 12)
    monkeypatch.setenv("FEEDBACK_FOLLOW_UP_DAYS", "2")
    monkeypatch.setenv("FEEDBACK_AUTO_CLOSE_DAYS", "3")
    assert follow_up_due(date(2026, 1, 9), CAL) == date(2026, 1, 13)
    assert auto_close_due(date(2026, 1, 9), CAL) == date(2026, 1, 14)


@pytest.mark.parametrize("value", ["three", "0", "-2", "2.5"])
def test_bad_env_override_is_refused(monkeypatch, value):
    monkeypatch.setenv("FEEDBACK_VERIFY_DAYS", value)
    with pytest.raises(ValueError, match="FEEDBACK_VERIFY_DAYS"):
        forward_due(date(2026, 1, 9), CAL)


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
