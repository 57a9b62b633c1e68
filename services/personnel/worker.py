"""The personnel worker: outbox relay, the consumer of the events personnel subscribes to, and inbound messages."""
from __future__ import annotations

from services.personnel.config import load_config
from services.personnel.db.models import plumbing
from services.personnel.handlers import SUBSCRIPTIONS
from services.personnel.inbound import inbound_loop
from shared.worker import run_worker, standard_loops

SERVICE = "personnel"


def loops(settings, db, config):
    """Everything this worker runs, as (name, loop) pairs; all-in-one mode runs the same."""
    return [*standard_loops(settings, db, plumbing, SUBSCRIPTIONS), ("inbound", inbound_loop(settings, db))]


def main(settings=None, config=None, stop=None, install_signals=True):
    run_worker(SERVICE, loops, config=config or load_config(), settings=settings, stop=stop,
               install_signals=install_signals)


if __name__ == "__main__":
    main()
