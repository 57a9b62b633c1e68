"""The reporting service's own settings: read from the environment once, at start, and passed in.

Domain rules take these as arguments; nothing under domain/ reads the environment or a file.
Each default is stated once, on the dataclass field (domain/rules.py, domain/recommendations.py);
a change takes effect when the service restarts.

| variable | sets |
| --- | --- |
| REPORT_PNS_MIN_JP | ReportRules.pns_min_jp |
| REPORT_PPPK_MAX_JP | ReportRules.pppk_max_jp |
| LEADERSHIP_TRAINING_WINDOW_DAYS | ReportRules.leadership_window_days (the fallback for older employee events only) |
| REPORT_PUBLIC_MIN_GROUP | ReportRules.public_min_group |
| REPORT_RECOMMENDATION_THRESHOLDS | Thresholds, as JSON: '{"weakest_unsur_nrr_below": 2.8}' |
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from services.reporting.domain.recommendations import Thresholds
from services.reporting.domain.rules import ReportRules
from shared.config import ENVIRONMENT, positive_int

RULES_ENVIRONMENT = {"pns_min_jp": "REPORT_PNS_MIN_JP", "pppk_max_jp": "REPORT_PPPK_MAX_JP",
                     "leadership_window_days": "LEADERSHIP_TRAINING_WINDOW_DAYS",
                     "public_min_group": "REPORT_PUBLIC_MIN_GROUP"}
THRESHOLDS_VARIABLE = "REPORT_RECOMMENDATION_THRESHOLDS"
# Reporting consumes every service's events. Larger batches spread the per-batch work (one inbox
# lookup, one locked read per read model, one upsert of report revisions) over more events;
# latency does not suffer, because a batch is flushed as soon as the queue goes quiet. The prefetch
# is four batches, so that the broker can keep sending while a batch commits (faster than two
# batches in bench/pipeline.py, docs/performance.md).
# The shared variables (CONSUMER_BATCH_SIZE, CONSUMER_PREFETCH) still win where they are set.
CONSUMER_DEFAULTS = {"consumer_batch_size": 500, "consumer_prefetch": 2000}


@dataclass(frozen=True)
class Config:
    """What reporting's web and worker processes are given at start (service_context().config, worker.loops)."""

    rules: ReportRules = field(default_factory=ReportRules)
    thresholds: Thresholds = field(default_factory=Thresholds)
    # Reporting's own defaults for shared Settings the environment leaves unset (see worker.reporting_settings).
    settings_defaults: dict = field(default_factory=dict)


def load_rules(env: Mapping[str, str]) -> ReportRules:
    return ReportRules(**{name: positive_int(env, var) for name, var in RULES_ENVIRONMENT.items()
                          if env.get(var, "").strip()})


def load_thresholds(env: Mapping[str, str]) -> Thresholds:
    raw = env.get(THRESHOLDS_VARIABLE, "").strip()
    values = json.loads(raw) if raw else {}
    known = [f.name for f in fields(Thresholds)]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"{THRESHOLDS_VARIABLE}: unknown threshold(s) {', '.join(unknown)}; "
                         f"known: {', '.join(known)}")
    return Thresholds(**{name: float(value) for name, value in values.items()})


def load_config(env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    # An empty variable counts as unset, as in shared.config.load_settings.
    unset = {name: value for name, value in CONSUMER_DEFAULTS.items() if not env.get(ENVIRONMENT[name])}
    return Config(rules=load_rules(env), thresholds=load_thresholds(env), settings_defaults=unset)
