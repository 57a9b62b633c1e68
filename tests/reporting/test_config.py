"""Reporting's settings: read from the environment once, at start, into the rules and thresholds a report applies."""
import pytest

from services.reporting.config import load_config
from services.reporting.domain.recommendations import Thresholds
from services.reporting.domain.rules import ReportRules
from services.reporting.worker import reporting_settings


def test_the_defaults_apply_where_the_environment_is_silent():
    config = load_config({})
    assert config.rules == ReportRules(pns_min_jp=20, pppk_max_jp=24, leadership_window_days=365, public_min_group=5)
    assert config.thresholds == Thresholds()


def test_each_variable_sets_its_rule_or_threshold():
    config = load_config({"REPORT_PNS_MIN_JP": "22", "REPORT_PPPK_MAX_JP": "30",
                          "LEADERSHIP_TRAINING_WINDOW_DAYS": "730", "REPORT_PUBLIC_MIN_GROUP": " 10 ",
                          "REPORT_RECOMMENDATION_THRESHOLDS": '{"pns_at_minimum_share_below": 0.5}'})
    assert config.rules == ReportRules(pns_min_jp=22, pppk_max_jp=30, leadership_window_days=730, public_min_group=10)
    assert config.thresholds == Thresholds(pns_at_minimum_share_below=0.5)


@pytest.mark.parametrize("bad", ["0", "-3", "twenty", "2.5"])
def test_a_bad_number_stops_the_start_and_names_its_variable(bad):
    with pytest.raises(ValueError, match="REPORT_PUBLIC_MIN_GROUP must be a positive whole number"):
        load_config({"REPORT_PUBLIC_MIN_GROUP": bad})


def test_an_unknown_threshold_stops_the_start_and_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown threshold.*no_such_rule.*known: weakest_unsur_nrr_below"):
        load_config({"REPORT_RECOMMENDATION_THRESHOLDS": '{"no_such_rule": 1}'})


def test_reportings_consumer_takes_larger_batches_unless_the_environment_says_otherwise():
    def batches(env):
        settings = reporting_settings(env=env, database_url="sqlite://", jwt_secret="x" * 32)
        return settings.consumer_batch_size, settings.consumer_prefetch

    assert batches({}) == (500, 2000)
    assert batches({"CONSUMER_BATCH_SIZE": "50"}) == (50, 2000)
    assert batches({"CONSUMER_BATCH_SIZE": "", "CONSUMER_PREFETCH": "300"}) == (500, 300)  # empty counts as unset
