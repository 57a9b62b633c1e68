"""All-in-one mode: the four services and their workers in one process, with SQLite and an in-memory broker.

A first look on a machine without RabbitMQ, PostgreSQL or Docker. Not for production: the
broker lives in this process, so events exist only while it runs (the outboxes in the
SQLite files under var/ keep them).
"""
from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shared.config import PORTS, load_settings  # noqa: E402
from shared.db import Database  # noqa: E402
from shared.migrations import upgrade  # noqa: E402
from shared.web.auth import issue_token  # noqa: E402

log = logging.getLogger("all-in-one")


def start_service(service: str, stop: threading.Event, host: str) -> None:
    settings = load_settings(service, broker_url="memory://", migrate_on_start=False)
    config = importlib.import_module(f"services.{service}.config").load_config()
    db = Database(settings.database_url)
    upgrade(service, db)
    app = importlib.import_module(f"services.{service}.app").create_app(settings, db=db, config=config)
    server = make_server(host, PORTS[service], app, threaded=True)
    threading.Thread(target=server.serve_forever, name=f"{service}-web", daemon=True).start()
    stop_hooks.append(server.shutdown)
    worker = importlib.import_module(f"services.{service}.worker")
    for name, loop in worker.loops(settings, db, config):
        threading.Thread(target=loop, args=(stop,), name=f"{service}-{name}", daemon=True).start()
    log.info("%-12s http://%s:%d  (API docs: /docs)", service, host, PORTS[service])


stop_hooks: list = []


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    os.environ.setdefault("VAR_DIR", "var")
    host = os.environ.get("HOST", "127.0.0.1")
    stop = threading.Event()
    for service in PORTS:
        start_service(service, stop, host)
    admin = issue_token(load_settings("all-in-one"), "demo-admin", "admin", ttl_seconds=7 * 24 * 3600)
    print(f"\nAll four services are running. A development admin token (7 days):\n\n  {admin}\n\n"
          "Try the loop: see README.md, 'A first look'. Stop with Ctrl+C.\n", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            stop.wait(1)
    except KeyboardInterrupt:
        stop.set()
    for hook in stop_hooks:
        hook()


if __name__ == "__main__":
    main()
