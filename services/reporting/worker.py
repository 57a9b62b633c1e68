"""The reporting worker: consumes everyone's events into the read models, announces changed reports,
relays its own events, and answers replay requests (shared)."""
from __future__ import annotations

from services.reporting.announcer import announcer_loop
from services.reporting.db.models import plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.worker import build_worker

SERVICE = "reporting"


def main(settings=None, stop=None, install_signals=True):
    build_worker(SERVICE, plumbing, SUBSCRIPTIONS, settings=settings, stop=stop, install_signals=install_signals,
                 extra_loops=[("announcer", announcer_loop)])


if __name__ == "__main__":
    main()
