"""The reporting worker: consumes everyone's events into the read models, announces changed reports,
relays its own events, and answers replay requests (shared)."""
from __future__ import annotations

from services.reporting.announcer import announcer_loop
from services.reporting.db.models import plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.worker import build_worker

SERVICE = "reporting"
EXTRA_LOOPS = [("announcer", announcer_loop)]  # (name, factory(settings, db) -> loop(stop_event))


def main(settings=None, stop=None, install_signals=True):
    build_worker(SERVICE, plumbing, SUBSCRIPTIONS, settings=settings, stop=stop, install_signals=install_signals,
                 extra_loops=EXTRA_LOOPS)


if __name__ == "__main__":
    main()
