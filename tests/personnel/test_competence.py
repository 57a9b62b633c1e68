"""JP totals and targets per employee type, and the leadership-training deadline."""

from dataclasses import dataclass
from datetime import date

import pytest

from services.personnel.domain.competence import (
    LEADERSHIP_LEVELS,
    TRAINING_KINDS,
    LeadershipWindow,
    jp_status,
    jp_total,
    leadership_requirement,
)
from services.personnel.domain.dates import add_months


@dataclass
class Record:
    jp: int
    status: str
    end_date: date | None = None
    completed_date: date | None = None


def test_jp_total_counts_only_completed_training_in_that_year():
    records = [
        Record(8, "completed", end_date=date(2024, 3, 1)),
        {"jp": 5, "status": "completed", "end_date": date(2024, 12, 31)},
        Record(40, "planned", end_date=date(2024, 6, 1)),
        Record(30, "cancelled", end_date=date(2024, 6, 1)),
        Record(16, "completed", end_date=date(2023, 12, 31)),
        Record(4, "completed", end_date=date(2024, 1, 10), completed_date=date(2025, 1, 2)),
    ]
    assert jp_total(records, 2024) == 13
    assert jp_total(records, 2025) == 4
    assert jp_total([], 2024) == 0


def test_pns_at_19_jp_has_not_reached_the_minimum():
    status = jp_status("PNS", 19)
    assert status.reached_minimum is False
    assert status.shortfall == 1
    assert status.minimum == 20
    assert status.over_cap is None
    assert (jp_status("PNS", 20).reached_minimum, jp_status("PNS", 20).shortfall) == (True, 0)


def test_pppk_cap_is_24_jp():
    assert jp_status("PPPK", 24).over_cap is False
    status = jp_status("PPPK", 25)
    assert status.over_cap is True
    assert status.cap == 24
    assert status.reached_minimum is None  # the PPPK rule is a cap, not a minimum


def test_leadership_is_due_on_the_calendar_anniversary_of_tmt():
    tmt = date(2024, 1, 15)
    req = leadership_requirement("administrator", tmt, set(), today=date(2024, 6, 1))
    assert req.required_level == "PKA"
    assert req.due_date == date(2025, 1, 15)  # not 14 January: 2024 is a leap year, but a year is a year
    assert (req.done, req.overdue, req.within_window) == (False, False, True)


def test_a_tmt_on_29_february_is_due_on_28_february():
    req = leadership_requirement("pengawas", date(2024, 2, 29), set(), today=date(2024, 6, 1))
    assert req.due_date == date(2025, 2, 28)


def test_due_date_itself_is_not_overdue_but_the_day_after_is():
    tmt = date(2023, 3, 1)
    due = date(2024, 3, 1)
    on_time = leadership_requirement("pengawas", tmt, set(), today=due)
    assert on_time.due_date == due and not on_time.overdue and on_time.within_window
    late = leadership_requirement("pengawas", tmt, set(), today=date(2024, 3, 2))
    assert late.overdue and not late.within_window


def test_the_window_is_a_setting_in_months():
    req = leadership_requirement("jpt_pratama", date(2024, 1, 31), set(), today=date(2025, 6, 1),
                                 window=LeadershipWindow(months=18))
    assert req.due_date == date(2025, 7, 31)
    assert not req.overdue


@pytest.mark.parametrize("bad", [0, -5, 1.5, True])
def test_a_window_that_is_not_a_positive_number_of_months_is_refused(bad):
    with pytest.raises(ValueError, match="positive whole number of months"):
        LeadershipWindow(months=bad)


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2024, 1, 15), 12, date(2025, 1, 15)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 11, 30), 3, date(2025, 2, 28)),
    (date(2024, 12, 1), 1, date(2025, 1, 1)),
    (date(2024, 3, 31), -1, date(2024, 2, 29)),
])
def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_completed_matching_training_is_done_even_when_late():
    req = leadership_requirement("jpt_pratama", date(2020, 1, 1), {"PKN_II"}, today=date(2024, 1, 1))
    assert req.required_level == "PKN_II"
    assert req.done and not req.overdue


def test_other_leadership_level_does_not_count():
    req = leadership_requirement("administrator", date(2020, 1, 1), {"PKP"}, today=date(2024, 1, 1))
    assert not req.done and req.overdue


@pytest.mark.parametrize("position", ["pelaksana", "fungsional", "jpt_madya", "jpt_utama"])
def test_positions_without_leadership_requirement(position):
    req = leadership_requirement(position, date(2020, 1, 1), set(), today=date(2024, 1, 1))
    assert req.required_level is None
    assert req.due_date is None
    assert req.done and not req.overdue


def test_unknown_position_type_is_rejected():
    with pytest.raises(ValueError, match="pelaksana"):
        leadership_requirement("kepala", date(2020, 1, 1), set(), today=date(2024, 1, 1))


def test_constants():
    assert {"teknis", "kepemimpinan", "sosial_kultural", "seminar", "workshop", "kursus"} <= TRAINING_KINDS
    assert LEADERSHIP_LEVELS == {"PKN_II", "PKA", "PKP"}
