"""The personnel worker: outbox relay, the consumer of the events personnel subscribes to, and inbound messages."""
from __future__ import annotations

from services.personnel.db.models import plumbing
from services.personnel.handlers import SUBSCRIPTIONS
from services.personnel.inbound import inbound_loop
from shared.worker import build_worker

SERVICE = "personnel"
EXTRA_LOOPS = [("inbound", inbound_loop)]  # (name, factory(settings, db) -> loop(stop_event))


def main(settings=None, stop=None, install_signals=True):
    build_worker(SERVICE, plumbing, SUBSCRIPTIONS, settings=settings, stop=stop, install_signals=install_signals,
                 extra_loops=EXTRA_LOOPS)


if __name__ == "__main__":
    main()
