"""The survey worker: outbox relay, plus the consumer of the events survey subscribes to."""
from __future__ import annotations

from services.survey.db.models import plumbing
from services.survey.handlers import SUBSCRIPTIONS
from shared.worker import build_worker

SERVICE = "survey"
EXTRA_LOOPS: list = []  # (name, factory(settings, db) -> loop(stop_event))


def main(settings=None, stop=None, install_signals=True):
    build_worker(SERVICE, plumbing, SUBSCRIPTIONS, settings=settings, stop=stop, install_signals=install_signals,
                 extra_loops=EXTRA_LOOPS)


if __name__ == "__main__":
    main()
