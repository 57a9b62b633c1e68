"""Report periods: parsing, bounds in WIB, and which reports an event's date touches."""
from datetime import UTC, date, datetime

import pytest

from services.reporting.domain.periods import (
    PeriodError,
    local_date,
    parse_period,
    periods_containing,
    periods_from,
    periods_overlapping,
)


@pytest.mark.parametrize(("text", "start", "end", "last_quarter"), [
    ("2026", date(2026, 1, 1), date(2026, 12, 31), 4),
    ("2026-s1", date(2026, 1, 1), date(2026, 6, 30), 2),
    ("2026-S2", date(2026, 7, 1), date(2026, 12, 31), 4),
    ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), 1),
    (" 2024-Q1 ", date(2024, 1, 1), date(2024, 3, 31), 1),
    ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), 3),
])
def test_parse_period(text, start, end, last_quarter):
    period = parse_period(text)
    assert (period.start, period.end, period.last_quarter) == (start, end, last_quarter)
    assert parse_period(period.label) == period


@pytest.mark.parametrize("text", ["26", "2026-Q5", "2026-S3", "2026-Q0", "2026-H1", "2026Q1", "", "1900"])
def test_bad_periods_say_what_is_expected(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_period_bounds_are_wib_days():
    q1 = parse_period("2026-Q1")
    assert q1.start_at == datetime(2025, 12, 31, 17, 0, tzinfo=UTC)
    assert q1.end_at == datetime(2026, 3, 31, 17, 0, tzinfo=UTC)
    assert local_date(datetime(2026, 3, 31, 18, 0, tzinfo=UTC)) == date(2026, 4, 1)


def test_which_periods_a_date_touches():
    labels = lambda ps: sorted(p.label for p in ps)  # noqa: E731
    assert labels(periods_containing(date(2026, 5, 20))) == ["2026", "2026-Q2", "2026-S1"]
    # Year-to-date figures: a May training changes Q2, Q3 and Q4, both halves and the year.
    assert labels(periods_from(date(2026, 5, 20))) == ["2026", "2026-Q2", "2026-Q3", "2026-Q4", "2026-S1",
                                                       "2026-S2"]
    assert labels(periods_overlapping(date(2025, 12, 1), date(2026, 1, 31))) == [
        "2025", "2025-Q4", "2025-S2", "2026", "2026-Q1", "2026-S1"]
