"""The worker process of a service: outbox relay, consumer, replay responder, key pruning and the service's own loops."""
from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from prometheus_client import CollectorRegistry, start_http_server
from sqlalchemy import Table

from shared.config import Settings
from shared.consumer import EventConsumer
from shared.db import Database
from shared.long_lived import freeze_startup_objects
from shared.relay import OutboxRelay
from shared.replay import ReplayResponder

log = logging.getLogger(__name__)

Loop = tuple[str, Callable[[threading.Event], None]]  # (name, run until the event is set)
PRUNE_EVERY_SECONDS = 3600
STOP_GRACE_SECONDS = 30  # all loops together; a loop still busy then is abandoned (its threads are daemons)
WORKER_REGISTRY = CollectorRegistry()  # one worker process, one registry: served on WORKER_METRICS_PORT


def idempotency_pruner(settings: Settings, db: Database, keys: Table) -> Callable[[threading.Event], None]:
    """Forget Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, once an hour."""
    from shared.web.idempotency import prune

    def run(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                with db.transaction() as session:
                    removed = prune(session, keys, timedelta(hours=settings.idempotency_key_ttl_hours))
                if removed:
                    log.info("pruned %d idempotency key(s)", removed)
            except Exception:  # noqa: BLE001 - a database outage: try again next time
                log.exception("pruning idempotency keys failed")
            stop.wait(PRUNE_EVERY_SECONDS)

    return run


def standard_loops(settings: Settings, db: Database, tables: dict[str, Table], subscriptions: dict,
                   registry: CollectorRegistry | None = None) -> list[Loop]:
    """What every worker runs: the relay, the consumer (where it subscribes), the replay responder, pruning."""
    if registry is None:  # a served registry only where one worker process runs one service
        registry = WORKER_REGISTRY if settings.worker_metrics_port else CollectorRegistry()
    loops: list[Loop] = [("relay", OutboxRelay(settings, db, tables["outbox"], registry).run)]
    if subscriptions:
        loops.append(("consumer", EventConsumer(settings, db, tables["inbox"], subscriptions).run))
    # Every service answers replay requests from its outbox (a new or repaired read model elsewhere needs it).
    loops.append(("replay", ReplayResponder(settings, db, tables["outbox"]).run))
    loops.append(("idempotency-pruning", idempotency_pruner(settings, db, tables["idempotency_keys"])))
    return loops


def run_loops(loops: list[Loop], stop: threading.Event | None = None, install_signals: bool = True) -> None:
    """Run until SIGTERM/SIGINT: then each loop finishes the work in hand, stops consuming and closes."""
    stop = stop or threading.Event()
    if install_signals:
        def _graceful(signum, _frame):
            log.info("signal %s: finishing the work in hand, then stopping", signum)
            stop.set()

        signal.signal(signal.SIGTERM, _graceful)
        signal.signal(signal.SIGINT, _graceful)
    threads = [threading.Thread(target=fn, args=(stop,), name=name, daemon=True) for name, fn in loops]
    if install_signals:
        # The process is the worker's own (tests run workers in threads of theirs, whose garbage must
        # stay collectable): what it built at start leaves the full collections (shared/long_lived.py).
        freeze_startup_objects()
    for thread in threads:
        thread.start()
    heartbeat = os.environ.get("WORKER_HEARTBEAT_FILE")  # the container health check reads its age
    while not stop.is_set():
        if heartbeat and all(t.is_alive() for t in threads):
            Path(heartbeat).touch()
        stop.wait(1.0)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    stuck = [thread.name for thread in threads if thread.is_alive()]
    if stuck:
        log.error("worker stopped without waiting longer for: %s", ", ".join(stuck))
    else:
        log.info("worker stopped")


def run_worker(service: str, loops: Callable[[Settings, Database, object], list[Loop]], *, config,
               settings: Settings | None = None, stop: threading.Event | None = None,
               install_signals: bool = True) -> None:
    """Run a service's worker: settings from the environment, migrations, then the loops `loops(...)` returns."""
    from shared.migrations import upgrade

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if settings is None:
        from shared.startup import settings_for_start

        settings = settings_for_start(service, web=False)
    db = Database(settings.database_url)
    if settings.migrate_on_start:
        upgrade(service, db)
    if settings.worker_metrics_port:
        start_http_server(settings.worker_metrics_port, registry=WORKER_REGISTRY)
    run_loops(loops(settings, db, config), stop=stop, install_signals=install_signals)
