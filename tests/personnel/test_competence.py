"""JP totals and targets per employee type, and the leadership-training deadline."""

from dataclasses import dataclass
from datetime import date

import pytest

from services.personnel.domain.competence import (
    LEADERSHIP_LEVELS,
    MAX_JP_PER_RECORD,
    TRAINING_KINDS,
    jp_status,
    jp_total,
    leadership_requirement,
    leadership_window_days,
    validate_jp,
)


@dataclass
class Record:
    jp: int
    status: str
    end_date: date | None = None
    completed_date: date | None = None


@pytest.fixture(autouse=True)
def default_window(monkeypatch):
    monkeypatch.delenv("LEADERSHIP_TRAINING_WINDOW_DAYS", raising=False)


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


def test_leadership_due_exactly_365_days_after_tmt_by_default():
    tmt = date(2024, 1, 15)
    req = leadership_requirement("administrator", tmt, set(), today=date(2024, 6, 1))
    assert req.required_level == "PKA"
    assert req.due_date == date(2025, 1, 14)  # 2024 is a leap year: 365 days, not "same date next year"
    assert (req.done, req.overdue, req.within_window) == (False, False, True)


def test_due_date_itself_is_not_overdue_but_the_day_after_is():
    tmt = date(2023, 3, 1)
    due = date(2024, 2, 29)
    assert not leadership_requirement("pengawas", tmt, set(), today=due).overdue
    late = leadership_requirement("pengawas", tmt, set(), today=date(2024, 3, 1))
    assert late.overdue and not late.within_window


def test_window_follows_env_override(monkeypatch):
    monkeypatch.setenv("LEADERSHIP_TRAINING_WINDOW_DAYS", "730")
    assert leadership_window_days() == 730
    req = leadership_requirement("jpt_pratama", date(2024, 1, 1), set(), today=date(2025, 6, 1))
    assert req.due_date == date(2025, 12, 31)
    assert not req.overdue


@pytest.mark.parametrize("bad", ["0", "-5", "a year"])
def test_bad_env_window_is_refused(monkeypatch, bad):
    monkeypatch.setenv("LEADERSHIP_TRAINING_WINDOW_DAYS", bad)
    with pytest.raises(ValueError, match="LEADERSHIP_TRAINING_WINDOW_DAYS"):
        leadership_window_days()


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
    assert validate_jp(MAX_JP_PER_RECORD) == MAX_JP_PER_RECORD
    for bad in (0, MAX_JP_PER_RECORD + 1, 2.5, True):
        with pytest.raises(ValueError):
            validate_jp(bad)
