"""All-in-one mode: the four services and their workers in one process, with SQLite and an in-memory broker.

A first look on a machine without RabbitMQ, PostgreSQL or Docker. One web server on one address
(http://127.0.0.1:8000, or HOST and PORT) serves the whole suite as the reverse proxy does in a
deployment: the home page, the citizens' pages, the staff pages and /api/v1/<service>/...
(shared/web/one_address.py). Staff sign in with the development sign-in (demo accounts, no
password; shared/web/dev_signin.py), which exists in this mode only; DINKES, the demo operator's
department, is created on the first start.

Not for production: the broker lives in this process, so events exist only while it runs (the
outboxes in the SQLite files under var/ keep them).
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
from shared.db import Database, utcnow  # noqa: E402
from shared.migrations import upgrade  # noqa: E402
from shared.principal import Principal  # noqa: E402
from shared.web import dev_signin  # noqa: E402
from shared.web.one_address import SuiteRouter  # noqa: E402

log = logging.getLogger("all-in-one")
HOME = "consultation"  # the service that answers /, /petugas and unknown paths
SEEDER = Principal(subject="all-in-one", role="admin", name="Penyiapan mode all-in-one")


def start_service(service: str, stop: threading.Event):
    """The service's web app and its worker loops (in threads of this process)."""
    settings = load_settings(service, broker_url="memory://", migrate_on_start=False)
    config = importlib.import_module(f"services.{service}.config").load_config()
    db = Database(settings.database_url)
    upgrade(service, db)
    app = importlib.import_module(f"services.{service}.app").create_app(settings, db=db, config=config)
    worker = importlib.import_module(f"services.{service}.worker")
    for name, loop in worker.loops(settings, db, config):
        threading.Thread(target=loop, args=(stop,), name=f"{service}-{name}", daemon=True).start()
    return app, db


def seed_demo_department(db: Database) -> None:
    """The demo operator's department, created through personnel's own use case (its event reaches the others)."""
    from sqlalchemy import select

    from services.personnel.db.models import Department
    from services.personnel.workflow.departments import create_department

    with db.transaction(correlation_id="all-in-one-seed") as session:
        session.info["actor"] = SEEDER
        if session.execute(select(Department.id).where(Department.code == dev_signin.DEPARTMENT["code"])).first():
            return
        create_department(session, SEEDER, utcnow(), dict(dev_signin.DEPARTMENT))
    log.info("created the demo department %s", dev_signin.DEPARTMENT["code"])


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    os.environ.setdefault("VAR_DIR", "var")
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    stop = threading.Event()
    apps, databases = {}, {}
    for service in PORTS:
        apps[service], databases[service] = start_service(service, stop)
    seed_demo_department(databases["personnel"])
    server = make_server(host, port, SuiteRouter(apps, home=HOME), threaded=True)
    threading.Thread(target=server.serve_forever, name="web", daemon=True).start()
    base = f"http://{host}:{port}"
    print(f"\nThe suite is running at {base}/ (one address for everything):\n\n"
          f"  {base}/                      the home page\n"
          f"  {base}/petugas               staff: the development sign-in lists demo accounts\n"
          f"  {base}/api/v1/<service>/docs API documentation (personnel, consultation, survey, reporting)\n\n"
          "Try the loop: README.md, 'A first look'. Stop with Ctrl+C.\n", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            stop.wait(1)
    except KeyboardInterrupt:
        stop.set()
    server.shutdown()


if __name__ == "__main__":
    main()
