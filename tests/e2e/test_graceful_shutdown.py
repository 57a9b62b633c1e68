"""SIGTERM under load: the worker finishes what it holds, stops, and a restart loses nothing and doubles nothing."""
import os
import signal
import subprocess
import sys
import time

import pika
from sqlalchemy import func, select

from services.reporting.db.models import TrainingFact, plumbing
from tests.support.wire import Wire, training_event
from tests.support.workers import wait_for

N = 1500


def start_worker(svc):
    env = {**os.environ, "DATABASE_URL": svc.db.url, "BROKER_URL": svc.settings.broker_url,
           "EVENTS_EXCHANGE": svc.settings.events_exchange, "QUEUE_NAMESPACE": svc.settings.queue_namespace,
           "JWT_SECRET": "e2e-secret-0123456789abcdef0123456789", "MIGRATE_ON_START": "0",
           "CONSUMER_BATCH_SIZE": "20", "BROKER_PUBLISHERS": svc.settings.broker_publishers}
    return subprocess.Popen([sys.executable, "-m", "services.reporting.worker"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def queue_exists(broker_url, name):
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    try:
        conn.channel().queue_declare(name, passive=True)
        return True
    except pika.exceptions.ChannelClosedByBroker:
        return False
    finally:
        if conn.is_open:
            conn.close()


def applied(db):
    with db.sessions() as s:
        return (s.execute(select(func.count()).select_from(plumbing["inbox"])).scalar(),
                s.execute(select(func.coalesce(func.sum(TrainingFact.jp), 0))).scalar())


def test_sigterm_under_load_loses_nothing_and_applies_nothing_twice(reporting, broker_url, exchange):
    wire = Wire(broker_url, exchange)
    worker = start_worker(reporting)
    try:
        wait_for(lambda: queue_exists(broker_url, reporting.settings.queue_name), timeout=30,
                 message="the worker declared its queue")
        events = [training_event(record_id=f"rec-{i}", jp=1 + i % 3) for i in range(N)]
        for env in events:
            wire.publish(env)
        wait_for(lambda: applied(reporting.db)[0] > 100, timeout=60, message="the worker is busy")
        worker.send_signal(signal.SIGTERM)
        out, _ = worker.communicate(timeout=40)
        assert worker.returncode == 0, out
        assert "worker stopped" in out
        stopped_at = applied(reporting.db)[0]
        assert stopped_at < N, "stopped after everything was done: the test proved nothing"
        for env in events[:200]:  # and some duplicates for good measure
            wire.publish(env)
        worker = start_worker(reporting)
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
