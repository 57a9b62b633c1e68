"""The worker process of a service: outbox relay, consumer, replay responder and the service's own loops."""
from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

from shared.consumer import EventConsumer
from shared.relay import OutboxRelay
from shared.replay import ReplayResponder

log = logging.getLogger(__name__)


def worker_loops(settings, db, tables: dict, subscriptions: dict, extra_loops=()) -> list[tuple]:
    """Everything a service's worker runs, as (name, fn(stop_event)) pairs; all-in-one mode uses it too."""
    loops = [("relay", OutboxRelay(settings, db, tables["outbox"]).run)]
    if subscriptions:
        loops.append(("consumer", EventConsumer(settings, db, tables["inbox"], subscriptions).run))
    # Every service answers replay requests from its outbox (a new or repaired read model elsewhere needs it).
    loops.append(("replay", ReplayResponder(settings, db, tables["outbox"]).run))
    loops.extend((name, factory(settings, db)) for name, factory in extra_loops)
    return loops


def run_loops(loops: list[tuple], stop: threading.Event | None = None, install_signals: bool = True) -> None:
    """Run until SIGTERM/SIGINT: then each loop finishes the work in hand, stops consuming and closes."""
    stop = stop or threading.Event()
    if install_signals:
        def _graceful(signum, _frame):
            log.info("signal %s: finishing the work in hand, then stopping", signum)
            stop.set()

        signal.signal(signal.SIGTERM, _graceful)
        signal.signal(signal.SIGINT, _graceful)
    threads = [threading.Thread(target=fn, args=(stop,), name=name, daemon=True) for name, fn in loops]
    for thread in threads:
        thread.start()
    heartbeat = os.environ.get("WORKER_HEARTBEAT_FILE")  # the container health check reads its age
    while not stop.is_set():
        if heartbeat and all(t.is_alive() for t in threads):
            Path(heartbeat).touch()
        stop.wait(1.0)
    for thread in threads:
        thread.join(timeout=30)
    log.info("worker stopped")


def build_worker(service: str, tables: dict, subscriptions: dict, *, settings=None, stop=None,
                 install_signals: bool = True, extra_loops=()) -> None:
    """Wire and run a service's worker: settings from the environment, migrations, then its loops."""
    from shared.config import load_settings
    from shared.db import Database
    from shared.migrations import upgrade

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = settings or load_settings(service)
    db = Database(settings.database_url)
    if settings.migrate_on_start:
        upgrade(service, db)
    run_loops(worker_loops(settings, db, tables, subscriptions, extra_loops), stop=stop,
              install_signals=install_signals)
