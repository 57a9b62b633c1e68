"""Consultation's settings for rounds of public consultation: their shortest length and the closing job's pace."""
from __future__ import annotations

from datetime import date

import pytest

from services.consultation.config import load_config


def test_a_round_lasts_two_weeks_and_is_checked_every_five_minutes_by_default():
    config = load_config({})
    assert (config.rounds.min_days, config.close_seconds) == (14, 300)
    assert config.rounds.earliest_close(date(2026, 3, 2)) == date(2026, 3, 15)


def test_both_can_be_changed():
    config = load_config({"CONSULTATION_MIN_DAYS": "30", "CONSULTATION_CLOSE_SECONDS": "60"})
    assert (config.rounds.min_days, config.close_seconds) == (30, 60)


@pytest.mark.parametrize("value", ["two weeks", "0", "400", "2.5"])
def test_a_bad_length_is_refused_naming_its_variable(value):
    with pytest.raises(ValueError, match="CONSULTATION_MIN_DAYS"):
        load_config({"CONSULTATION_MIN_DAYS": value})
