"""The consultation worker: outbox relay, the consumer of the events consultation subscribes to, and the deadline sweep."""
from __future__ import annotations

from services.consultation.db.models import plumbing
from services.consultation.handlers import SUBSCRIPTIONS
from services.consultation.workflow.deadline_sweep import deadline_sweep_loop
from shared.worker import build_worker

SERVICE = "consultation"
EXTRA_LOOPS = [("deadline-sweep", deadline_sweep_loop)]  # (name, factory(settings, db) -> loop(stop_event))


def main(settings=None, stop=None, install_signals=True):
    build_worker(SERVICE, plumbing, SUBSCRIPTIONS, settings=settings, stop=stop, install_signals=install_signals,
                 extra_loops=EXTRA_LOOPS)


if __name__ == "__main__":
    main()
