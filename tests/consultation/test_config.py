"""Consultation's settings: read from the environment once, at start, with the documented defaults."""
from __future__ import annotations

import json
from datetime import date

import pytest

from services.consultation.config import Config, load_config
from services.consultation.domain.categories import DEFAULT_CATEGORIES, Category


def test_without_variables_the_documented_defaults_apply():
    config = load_config({})
    assert config == Config()
    deadlines = config.deadlines
    assert (deadlines.verify_forward, deadlines.follow_up, deadlines.auto_close) == (3, 5, 10)
    assert date(2026, 8, 17) in deadlines.calendar.holidays
    assert config.categories.items == DEFAULT_CATEGORIES and config.sweep_seconds == 300


def test_deadline_days_can_be_changed():
    config = load_config({"FEEDBACK_VERIFY_DAYS": "1", "FEEDBACK_FOLLOW_UP_DAYS": "2",
                          "FEEDBACK_AUTO_CLOSE_DAYS": "3", "FEEDBACK_SWEEP_SECONDS": "0.5"})
    assert config.deadlines.forward_due(date(2026, 1, 9)) == date(2026, 1, 12)  # Friday + 1: Monday
    assert (config.deadlines.follow_up, config.deadlines.auto_close, config.sweep_seconds) == (2, 3, 0.5)


@pytest.mark.parametrize("value", ["three", "0", "-2", "2.5"])
def test_a_bad_deadline_is_refused_naming_its_variable(value):
    with pytest.raises(ValueError, match="FEEDBACK_VERIFY_DAYS"):
        load_config({"FEEDBACK_VERIFY_DAYS": value})


def test_holidays_are_added_or_replace_the_national_list():
    added = load_config({"PUBLIC_HOLIDAYS": "2026-07-01, 2026-07-02"}).deadlines.calendar
    assert {date(2026, 7, 1), date(2026, 7, 2), date(2026, 8, 17)} <= added.holidays
    only = load_config({"PUBLIC_HOLIDAYS": "2026-07-01", "PUBLIC_HOLIDAYS_REPLACE": "1"}).deadlines.calendar
    assert only.holidays == {date(2026, 7, 1)}
    with pytest.raises(ValueError, match="PUBLIC_HOLIDAYS.*17-08-2026"):
        load_config({"PUBLIC_HOLIDAYS": "2026-07-01,17-08-2026"})


def test_the_category_file_is_read_once_at_start(tmp_path):
    path = tmp_path / "categories.json"
    path.write_text(json.dumps([{"key": "antrean", "label": "Antrean layanan", "unsur": "u3"},
                                {"key": "lainnya", "label": "Lainnya", "unsur": None}]))
    config = load_config({"FEEDBACK_CATEGORIES_FILE": str(path)})
    path.write_text("[]")  # a later change takes effect at the next start, never half-way
    assert config.categories.items == (Category("antrean", "Antrean layanan", "u3"), Category("lainnya", "Lainnya", None))


@pytest.mark.parametrize("content", ['[{"key": "antrean", "label": "Antrean", "unsur": "u10"}]', "[]", "{not json"])
def test_a_bad_category_file_is_refused_naming_the_file(tmp_path, content):
    path = tmp_path / "categories.json"
    path.write_text(content)
    with pytest.raises(ValueError, match="categories.json"):
        load_config({"FEEDBACK_CATEGORIES_FILE": str(path)})
    with pytest.raises(ValueError, match="FEEDBACK_CATEGORIES_FILE"):
        load_config({"FEEDBACK_CATEGORIES_FILE": str(tmp_path / "missing.json")})


def test_mail_attachments_and_retention_settings():
    config = load_config({"SMTP_HOST": "relay.tebingtinggikota.go.id", "SMTP_PORT": "587", "SMTP_STARTTLS": "1",
                          "SMTP_USERNAME": "lapor", "SMTP_PASSWORD": "rahasia",
                          "MAIL_FROM": "Pengaduan <lapor@tebingtinggikota.go.id>", "ATTACHMENTS_DIR": "/data/lampiran",
                          "FEEDBACK_RETENTION_DAYS": "730", "FEEDBACK_INFO_WAIT_DAYS": "5",
                          "PUBLIC_BASE_URL": "https://layanan.tebingtinggikota.go.id/"})
    assert (config.smtp.host, config.smtp.port, config.smtp.starttls, config.smtp.domain) == (
        "relay.tebingtinggikota.go.id", 587, True, "tebingtinggikota.go.id")
    assert (config.attachments_dir, config.retention.days, config.deadlines.info_wait) == ("/data/lampiran", 730, 5)
    assert config.public_base_url == "https://layanan.tebingtinggikota.go.id"
    assert load_config({"SMTP_HOST": "relay", "SMTP_SSL": "yes"}).smtp.port == 465
    assert load_config({}).smtp.host is None  # no relay: mail waits


@pytest.mark.parametrize(("env", "named"), [({"FEEDBACK_RETENTION_DAYS": "0"}, "FEEDBACK_RETENTION_DAYS"),
                                            ({"MAIL_FROM": "lapor"}, "MAIL_FROM"),
                                            ({"SMTP_STARTTLS": "1", "SMTP_SSL": "1"}, "SMTP_SSL"),
                                            ({"SMTP_PORT": "smtp"}, "SMTP_PORT")])
def test_a_bad_mail_or_retention_setting_is_refused_naming_its_variable(env, named):
    with pytest.raises(ValueError, match=named):
        load_config(env)
