"""The worker process of a service: the outbox relay and, where the service consumes, the consumer."""
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


def run_worker(relay: OutboxRelay, consumer: EventConsumer | None = None, extra_loops=(),
               stop: threading.Event | None = None, install_signals: bool = True) -> None:
    """Run until SIGTERM/SIGINT: then finish the message in hand, stop consuming and close."""
    stop = stop or threading.Event()
    if install_signals:
        def _graceful(signum, _frame):
            log.info("signal %s: finishing the work in hand, then stopping", signum)
            stop.set()

        signal.signal(signal.SIGTERM, _graceful)
        signal.signal(signal.SIGINT, _graceful)
    loops = [("relay", relay.run)]
    if consumer is not None:
        loops.append(("consumer", consumer.run))
    loops.extend(extra_loops)
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
    """Wire and run a service's worker: settings from the environment, migrations, relay, consumer."""
    from shared.config import load_settings
    from shared.db import Database
    from shared.migrations import upgrade

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = settings or load_settings(service)
    db = Database(settings.database_url)
    if settings.migrate_on_start:
        upgrade(service, db)
    relay = OutboxRelay(settings, db, tables["outbox"])
    consumer = EventConsumer(settings, db, tables["inbox"], subscriptions) if subscriptions else None
    # Every service answers replay requests from its outbox (a new or repaired read model elsewhere needs it).
    loops = [("replay", ReplayResponder(settings, db, tables["outbox"]).run)]
    loops.extend((name, fn(settings, db)) for name, fn in extra_loops)
    run_worker(relay, consumer, extra_loops=loops, stop=stop, install_signals=install_signals)
