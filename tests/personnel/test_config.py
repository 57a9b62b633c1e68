"""Personnel's settings, read once from the environment at start."""
import pytest

from services.personnel.config import load_config


def test_the_leadership_window_defaults_to_twelve_months():
    assert load_config({}).leadership.months == 12
    assert load_config({"LEADERSHIP_TRAINING_WINDOW_MONTHS": " "}).leadership.months == 12


def test_the_leadership_window_is_read_in_months():
    assert load_config({"LEADERSHIP_TRAINING_WINDOW_MONTHS": "18"}).leadership.months == 18


@pytest.mark.parametrize("bad", ["0", "-5", "a year", "1.5"])
def test_a_window_that_is_not_a_positive_number_of_months_stops_the_start(bad):
    with pytest.raises(ValueError, match="LEADERSHIP_TRAINING_WINDOW_MONTHS"):
        load_config({"LEADERSHIP_TRAINING_WINDOW_MONTHS": bad})
