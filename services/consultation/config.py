"""The consultation service's own settings: read from the environment once, at start, and passed in.

Domain rules take these as arguments; nothing under domain/ reads the environment or a file.
Each default is stated once, on its dataclass field (the deadline days on domain.deadlines.Deadlines,
the national holidays in domain.working_days, the categories in domain.categories).

    FEEDBACK_VERIFY_DAYS, FEEDBACK_FOLLOW_UP_DAYS, FEEDBACK_AUTO_CLOSE_DAYS   deadlines in working days
    PUBLIC_HOLIDAYS           extra holidays, comma-separated ISO dates
    PUBLIC_HOLIDAYS_REPLACE   1/true/yes: use only PUBLIC_HOLIDAYS, not the national list
    FEEDBACK_CATEGORIES_FILE  a JSON array of categories that replaces the defaults
    FEEDBACK_SWEEP_SECONDS    how often the worker looks for missed deadlines
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
from services.consultation.domain.working_days import holiday_calendar, parse_holidays

DEADLINE_DAYS = {"verify_forward": "FEEDBACK_VERIFY_DAYS", "follow_up": "FEEDBACK_FOLLOW_UP_DAYS",
                 "auto_close": "FEEDBACK_AUTO_CLOSE_DAYS"}


@dataclass(frozen=True)
class Config:
    deadlines: Deadlines = field(default_factory=Deadlines)
    categories: Categories = field(default_factory=Categories)
    sweep_seconds: float = 300.0
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
    values.update(_consultation(env))
    return Config(**values)


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
