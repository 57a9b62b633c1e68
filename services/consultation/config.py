"""The consultation service's own settings: read from the environment once, at start, and passed in.

Domain rules take these as arguments; nothing under domain/ reads the environment or a file.
Each default is stated once, on its dataclass field (the deadline days on domain.deadlines.Deadlines,
the national holidays in domain.working_days, the categories in domain.categories).

    FEEDBACK_VERIFY_DAYS, FEEDBACK_FOLLOW_UP_DAYS, FEEDBACK_AUTO_CLOSE_DAYS   deadlines in working days
    PUBLIC_HOLIDAYS           extra holidays, comma-separated ISO dates
    PUBLIC_HOLIDAYS_REPLACE   1/true/yes: use only PUBLIC_HOLIDAYS, not the national list
    FEEDBACK_CATEGORIES_FILE  a JSON array of categories that replaces the defaults
    FEEDBACK_SWEEP_SECONDS    how often the worker looks for missed deadlines
    FEEDBACK_INFO_WAIT_DAYS   working days a citizen has to give information asked for, before auto-close
    FEEDBACK_RETENTION_DAYS   days after closing that a report's personal data and attachments are erased
    ATTACHMENTS_DIR           where attachments are stored (a volume in compose); var/attachments by default
    PUBLIC_BASE_URL           the address citizens reach the tracking page at, used in e-mails
    SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS, SMTP_SSL, MAIL_FROM, MAIL_SECONDS
                              the mail relay for citizens' notifications; no SMTP_HOST: nothing is sent
                              (the messages wait in the mail outbox)
    CONSULTATION_MIN_DAYS     the shortest round of public consultation, in calendar days
    CONSULTATION_CLOSE_SECONDS  how often the worker looks for rounds past their closing date
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from services.consultation.domain.categories import Categories, parse_categories
from services.consultation.domain.consultation_round import RoundRules
from services.consultation.domain.deadlines import Deadlines
from services.consultation.domain.retention import Retention
from services.consultation.domain.working_days import holiday_calendar, parse_holidays

DEADLINE_DAYS = {"verify_forward": "FEEDBACK_VERIFY_DAYS", "follow_up": "FEEDBACK_FOLLOW_UP_DAYS",
                 "auto_close": "FEEDBACK_AUTO_CLOSE_DAYS", "info_wait": "FEEDBACK_INFO_WAIT_DAYS"}
DEFAULT_ATTACHMENTS_DIR = "var/attachments"


@dataclass(frozen=True)
class Smtp:
    """The mail relay; `host` None means no relay is configured and messages wait in the outbox."""

    host: str | None = None
    port: int = 25
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False
    sender: str = "Layanan Pengaduan Kota Tebing Tinggi <no-reply@localhost>"
    timeout: float = 20.0

    @property
    def domain(self) -> str:
        """The domain of the sender's address, for Message-IDs."""
        return self.sender.rsplit("@", 1)[-1].strip(" >") or "localhost"


@dataclass(frozen=True)
class Config:
    deadlines: Deadlines = field(default_factory=Deadlines)
    categories: Categories = field(default_factory=Categories)
    sweep_seconds: float = 300.0
    retention: Retention = field(default_factory=Retention)
    attachments_dir: str = DEFAULT_ATTACHMENTS_DIR
    public_base_url: str | None = None  # None: links in e-mails use the address the report was sent to
    smtp: Smtp = field(default_factory=Smtp)
    mail_seconds: float = 5.0  # how often the worker looks for mail to send
    rounds: RoundRules = field(default_factory=RoundRules)
    close_seconds: float = 300.0


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """The settings in `env` (the process environment by default); ValueError names a bad variable."""
    env = os.environ if env is None else env
    values: dict = {"deadlines": _deadlines(env)}
    if path := env.get("FEEDBACK_CATEGORIES_FILE", "").strip():
        values["categories"] = _categories_file(path)
    if raw := env.get("FEEDBACK_SWEEP_SECONDS", "").strip():
        values["sweep_seconds"] = _number("FEEDBACK_SWEEP_SECONDS", raw, float)
    if raw := env.get("FEEDBACK_RETENTION_DAYS", "").strip():
        try:
            values["retention"] = Retention(_number("FEEDBACK_RETENTION_DAYS", raw, int))
        except ValueError as exc:
            raise ValueError(f"FEEDBACK_RETENTION_DAYS: {exc}") from None
    if raw := env.get("ATTACHMENTS_DIR", "").strip():
        values["attachments_dir"] = raw
    values["public_base_url"] = env.get("PUBLIC_BASE_URL", "").strip().rstrip("/") or None
    values["smtp"] = _smtp(env)
    if raw := env.get("MAIL_SECONDS", "").strip():
        values["mail_seconds"] = _number("MAIL_SECONDS", raw, float)
    values.update(_consultation(env))
    return Config(**values)


def _flag(env: Mapping[str, str], var: str) -> bool:
    return env.get(var, "").strip().lower() in {"1", "true", "yes"}


def _smtp(env: Mapping[str, str]) -> Smtp:
    values: dict = {"host": env.get("SMTP_HOST", "").strip() or None, "starttls": _flag(env, "SMTP_STARTTLS"),
                    "ssl": _flag(env, "SMTP_SSL"), "username": env.get("SMTP_USERNAME", "").strip() or None,
                    "password": env.get("SMTP_PASSWORD") or None}
    if raw := env.get("SMTP_PORT", "").strip():
        values["port"] = _number("SMTP_PORT", raw, int)
    elif values["ssl"]:
        values["port"] = 465
    if raw := env.get("MAIL_FROM", "").strip():
        if "@" not in raw:
            raise ValueError(f"MAIL_FROM must be an e-mail address, got {raw!r}")
        values["sender"] = raw
    if values["starttls"] and values["ssl"]:
        raise ValueError("SMTP_STARTTLS and SMTP_SSL exclude each other: choose one")
    return Smtp(**values)


def _consultation(env: Mapping[str, str]) -> dict:
    values: dict = {}
    if raw := env.get("CONSULTATION_MIN_DAYS", "").strip():
        try:
            values["rounds"] = RoundRules(min_days=_number("CONSULTATION_MIN_DAYS", raw, int))
        except ValueError as exc:
            raise ValueError(f"CONSULTATION_MIN_DAYS: {exc}") from None
    if raw := env.get("CONSULTATION_CLOSE_SECONDS", "").strip():
        values["close_seconds"] = _number("CONSULTATION_CLOSE_SECONDS", raw, float)
    return values


def _deadlines(env: Mapping[str, str]) -> Deadlines:
    try:
        extra = parse_holidays(env.get("PUBLIC_HOLIDAYS", ""))
    except ValueError as exc:
        raise ValueError(f"PUBLIC_HOLIDAYS: {exc}") from None
    only_extra = env.get("PUBLIC_HOLIDAYS_REPLACE", "").strip().lower() in {"1", "true", "yes"}
    deadlines = Deadlines(calendar=holiday_calendar(extra, replace=only_extra))
    for rule, var in DEADLINE_DAYS.items():
        if raw := env.get(var, "").strip():
            days = _number(var, raw, int)
            try:
                deadlines = replace(deadlines, **{rule: days})
            except ValueError as exc:
                raise ValueError(f"{var}: {exc}") from None
    return deadlines


def _number(var: str, raw: str, kind: type):
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(f"{var} must be a {'whole ' if kind is int else ''}number, got {raw!r}") from None


def _categories_file(path: str) -> Categories:
    try:
        with open(path, encoding="utf-8") as fh:
            return parse_categories(json.load(fh))
    except (OSError, ValueError) as exc:
        raise ValueError(f"FEEDBACK_CATEGORIES_FILE {path}: {exc}") from None
