"""The reporting worker: consumes everyone's events into the read models, announces changed reports,
relays its own events, and answers replay requests (shared)."""
from __future__ import annotations

import os

from services.reporting.announcer import announcer_loop
from services.reporting.db.models import plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.config import Settings, load_settings
from shared.worker import build_worker

SERVICE = "reporting"
EXTRA_LOOPS = [("announcer", announcer_loop)]  # (name, factory(settings, db) -> loop(stop_event))
# Reporting consumes every service's events. Larger batches spread the per-batch work (one inbox
# lookup, one locked read per read model, one upsert of report revisions) over more events;
# latency does not suffer, because a batch is flushed as soon as the queue goes quiet.
# CONSUMER_BATCH_SIZE / CONSUMER_PREFETCH in the environment still win.
BATCH_DEFAULTS = {"consumer_batch_size": ("CONSUMER_BATCH_SIZE", 500), "consumer_prefetch": ("CONSUMER_PREFETCH", 1000)}


def reporting_settings(**overrides) -> Settings:
    """Settings from the environment, with reporting's own batch defaults where the environment is silent."""
    defaults = {key: default for key, (var, default) in BATCH_DEFAULTS.items() if var not in os.environ}
    return load_settings(SERVICE, **{**defaults, **overrides})


def main(settings=None, stop=None, install_signals=True):
    build_worker(SERVICE, plumbing, SUBSCRIPTIONS, settings=settings or reporting_settings(), stop=stop,
                 install_signals=install_signals, extra_loops=EXTRA_LOOPS)


if __name__ == "__main__":
    main()
