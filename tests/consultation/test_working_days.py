"""Working-day counting as a citizen and an OPD would check it on a wall calendar."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.consultation.domain.working_days import WorkingCalendar, holiday_calendar, parse_holidays

ISRA_MIRAJ_2026 = date(2026, 1, 16)  # a Friday
CAL = WorkingCalendar([ISRA_MIRAJ_2026])


def test_friday_plus_three_is_wednesday():
    assert CAL.add_working_days(date(2026, 1, 9), 3) == date(2026, 1, 14)


def test_time_of_day_does_not_matter():
    assert CAL.add_working_days(datetime(2026, 1, 9, 23, 59), 3) == date(2026, 1, 14)


def test_holiday_is_skipped():
    # Wed 14 Jan: Thu 15, (Fri 16 holiday, weekend), Mon 19, Tue 20.
    assert CAL.add_working_days(date(2026, 1, 14), 3) == date(2026, 1, 20)


def test_saturday_submission_counts_from_monday():
    assert CAL.add_working_days(date(2026, 1, 10), 3) == date(2026, 1, 15)
    assert CAL.add_working_days(date(2026, 1, 11), 3) == date(2026, 1, 15)


def test_submission_on_holiday_counts_from_next_working_day():
    assert CAL.add_working_days(ISRA_MIRAJ_2026, 1) == date(2026, 1, 20)


def test_five_day_follow_up_spans_weekend_and_holiday():
    # Forwarded Wed 14 Jan: 15, 19, 20, 21, 22.
    assert CAL.add_working_days(date(2026, 1, 14), 5) == date(2026, 1, 22)


def test_utc_evening_is_already_the_next_day_in_tebingtinggi():
    friday_utc_evening = datetime(2026, 1, 9, 18, 0, tzinfo=UTC)  # Sat 01:00 WIB
    assert CAL.add_working_days(friday_utc_evening, 3) == date(2026, 1, 15)


def test_zero_days_and_negative_days():
    assert CAL.add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 12)
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 1, 9), -1)


def test_is_working_day():
    assert CAL.is_working_day(date(2026, 1, 15))
    assert not CAL.is_working_day(ISRA_MIRAJ_2026)
    assert not CAL.is_working_day(date(2026, 1, 17))
    assert not CAL.is_working_day(date(2026, 1, 18))


def test_working_days_between():
    assert CAL.working_days_between(date(2026, 1, 9), date(2026, 1, 14)) == 3
    assert CAL.working_days_between(date(2026, 1, 14), date(2026, 1, 14)) == 0
    assert CAL.working_days_between(date(2026, 1, 14), date(2026, 1, 9)) == 0


def test_default_calendar_knows_the_lebaran_week_2026():
    # Tue 17 Mar 2026, then Nyepi, Idul Fitri and cuti bersama until Tue 24 Mar.
    assert WorkingCalendar().add_working_days(date(2026, 3, 17), 3) == date(2026, 3, 27)


def test_default_calendar_has_the_fixed_national_days():
    cal = WorkingCalendar()
    for year in (2026, 2027):
        for month, day in ((1, 1), (5, 1), (6, 1), (8, 17), (12, 25)):
            assert date(year, month, day) in cal.holidays


def test_extra_holidays_are_added_to_the_national_ones():
    cal = holiday_calendar(parse_holidays(" 2026-07-01,2026-07-02 ,, "))
    assert not cal.is_working_day(date(2026, 7, 1))
    assert not cal.is_working_day(date(2026, 7, 2))
    assert not cal.is_working_day(date(2026, 8, 17))


def test_replacing_uses_only_the_given_holidays():
    cal = holiday_calendar([date(2026, 7, 1)], replace=True)
    assert cal.holidays == {date(2026, 7, 1)}
    assert cal.is_working_day(date(2026, 8, 17))


def test_a_bad_holiday_date_is_refused():
    with pytest.raises(ValueError, match="17-08-2026"):
        parse_holidays("2026-07-01,17-08-2026")


days = st.dates(min_value=date(2025, 12, 1), max_value=date(2028, 1, 31))


@given(start=days, n=st.integers(min_value=0, max_value=40))
def test_between_inverts_add(start, n):
    cal = WorkingCalendar()
    due = cal.add_working_days(start, n)
    assert cal.is_working_day(due)
    assert cal.working_days_between(start, due) == n
    assert due - start <= timedelta(days=2 * n + 14)
