"""The reporting worker: consumes everyone's events into the read models, announces changed reports,
relays its own events, and answers replay requests (shared)."""
from __future__ import annotations

import os

from services.reporting.announcer import announcer_loop
from services.reporting.config import load_config
from services.reporting.db.models import plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.config import Settings, load_settings
from shared.worker import run_worker, standard_loops

SERVICE = "reporting"
# Reporting consumes every service's events. Larger batches spread the per-batch work (one inbox
# lookup, one locked read per read model, one upsert of report revisions) over more events;
# latency does not suffer, because a batch is flushed as soon as the queue goes quiet.
# CONSUMER_BATCH_SIZE / CONSUMER_PREFETCH in the environment still win.
BATCH_DEFAULTS = {"consumer_batch_size": ("CONSUMER_BATCH_SIZE", 500), "consumer_prefetch": ("CONSUMER_PREFETCH", 1000)}


def reporting_settings(**overrides) -> Settings:
    """Settings from the environment, with reporting's own batch defaults where the environment is silent."""
    defaults = {key: default for key, (var, default) in BATCH_DEFAULTS.items() if var not in os.environ}
    return load_settings(SERVICE, **{**defaults, **overrides})


def loops(settings, db, config):
    """Everything this worker runs, as (name, loop) pairs; all-in-one mode runs the same."""
    return [*standard_loops(settings, db, plumbing, SUBSCRIPTIONS), ("announcer", announcer_loop(settings, db))]


def main(settings=None, config=None, stop=None, install_signals=True):
    run_worker(SERVICE, loops, config=config or load_config(), settings=settings or reporting_settings(),
               stop=stop, install_signals=install_signals)


if __name__ == "__main__":
    main()
