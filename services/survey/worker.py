"""The survey worker: outbox relay, the consumer of the events survey subscribes to, and replay answers."""
from __future__ import annotations

from services.survey.config import load_config
from services.survey.db.models import plumbing
from services.survey.handlers import SUBSCRIPTIONS
from shared.worker import run_worker, standard_loops

SERVICE = "survey"


def loops(settings, db, config):
    """Everything this worker runs, as (name, loop) pairs; all-in-one mode runs the same."""
    return standard_loops(settings, db, plumbing, SUBSCRIPTIONS)


def main(settings=None, config=None, stop=None, install_signals=True):
    run_worker(SERVICE, loops, config=config or load_config(), settings=settings, stop=stop,
               install_signals=install_signals)


if __name__ == "__main__":
    main()
