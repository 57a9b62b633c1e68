"""SIGTERM under load: the worker finishes what it holds, stops, and a restart loses nothing and doubles nothing."""
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from kombu import Connection
from sqlalchemy import func, select

from services.reporting.db.models import TrainingFact, plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.topology import declare, service_queue
from tests.support.broker_users import broker_user
from tests.support.wire import Wire, training_event
from tests.support.workers import wait_for

N = 1500


def start_worker(svc, broker_url):
    env = {**os.environ, "DATABASE_URL": svc.db.url, "BROKER_URL": broker_url,
           "EVENTS_EXCHANGE": svc.settings.events_exchange, "QUEUE_NAMESPACE": svc.settings.queue_namespace,
           "JWT_SECRET": "e2e-secret-0123456789abcdef0123456789", "MIGRATE_ON_START": "0",
           "CONSUMER_BATCH_SIZE": "20",
           # A small prefetch: what the worker holds when SIGTERM comes is what it finishes, and the
           # test needs most of the events still in the queue then.
           "CONSUMER_PREFETCH": "40", "BROKER_PUBLISHERS": svc.settings.broker_publishers}
    return subprocess.Popen([sys.executable, "-m", "services.reporting.worker"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def applied(db):
    with db.sessions() as s:
        return (s.execute(select(func.count()).select_from(plumbing["inbox"])).scalar(),
                s.execute(select(func.coalesce(func.sum(TrainingFact.jp), 0))).scalar())


@pytest.fixture
def worker_broker_url(broker_url):
    """The worker's own broker user: a process refuses to start with a password as short as guest's."""
    with broker_user(broker_url, f"shutdown-{uuid.uuid4().hex[:6]}") as url:
        yield url


def test_sigterm_under_load_loses_nothing_and_applies_nothing_twice(reporting, broker_url, worker_broker_url,
                                                                     exchange):
    wire = Wire(broker_url, exchange)
    # The backlog is in the queue before the worker starts (its queue declared as the broker's
    # definitions would), so SIGTERM always finds it mid-way, however fast it is.
    with Connection(broker_url) as conn:
        declare(conn, reporting.settings, [service_queue(reporting.settings, sorted(SUBSCRIPTIONS))])
    events = [training_event(record_id=f"rec-{i}", jp=1 + i % 3) for i in range(N)]
    for env in events:
        wire.publish(env)
    worker = start_worker(reporting, worker_broker_url)
    try:
        wait_for(lambda: applied(reporting.db)[0] > 100, timeout=60, message="the worker is busy")
        worker.send_signal(signal.SIGTERM)
        out, _ = worker.communicate(timeout=40)
        assert worker.returncode == 0, out
        assert "worker stopped" in out
        stopped_at = applied(reporting.db)[0]
        assert stopped_at < N, "stopped after everything was done: the test proved nothing"
        for env in events[:200]:  # and some duplicates for good measure
            wire.publish(env)
        worker = start_worker(reporting, worker_broker_url)
        wait_for(lambda: applied(reporting.db)[0] >= N, timeout=120, message="all events after the restart")
        time.sleep(1.0)  # let the duplicates arrive too
        count, jp_total = applied(reporting.db)
        assert count == N
        assert jp_total == sum(1 + i % 3 for i in range(N))
    finally:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)
        wire.close()
