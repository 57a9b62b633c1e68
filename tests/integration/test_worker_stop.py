"""Stopping the relay and the consumer while they are busy: both end within the worker's stop bound,
and nothing the producer committed is lost or applied twice when they start again.

Not a speed test: the bound (shared.worker.STOP_GRACE_SECONDS) is what a deployment's stop
timeout relies on; a worker still running after it is killed mid-batch.
"""
import threading
import time

from sqlalchemy import func, select

from services.personnel.db.models import plumbing as personnel_plumbing
from services.reporting.db.models import TrainingFact
from services.reporting.db.models import plumbing as reporting_plumbing
from shared.outbox import record_events
from shared.worker import STOP_GRACE_SECONDS
from tests.support.wire import training_event
from tests.support.workers import running, wait_for

N = 6000


def applied(db):
    with db.sessions() as s:
        return (s.execute(select(func.count()).select_from(reporting_plumbing["inbox"])).scalar(),
                s.execute(select(func.coalesce(func.sum(TrainingFact.jp), 0))).scalar())


def test_the_relay_and_the_consumer_stop_in_time_under_load_and_lose_nothing(personnel, reporting):
    events = [training_event(record_id=f"rec-{i}", jp=1 + i % 3) for i in range(N)]
    for start in range(0, N, 500):
        with personnel.db.transaction() as s:
            record_events(s, personnel_plumbing["outbox"], source="/asn/personnel", events=[
                {"type": e.type, "subject": e.subject, "data": e.data, "sequence": 1} for e in events[start:start + 500]])
    relay, consumer = personnel.relay(), reporting.consumer()
    stop, ready = threading.Event(), threading.Event()
    threads = {"consumer": threading.Thread(target=consumer.run, args=(stop, ready), daemon=True),
               "relay": threading.Thread(target=relay.run, args=(stop,), daemon=True)}
    threads["consumer"].start()
    assert ready.wait(30), "the consumer did not start"
    threads["relay"].start()
    wait_for(lambda: consumer.applied_total > 300, timeout=60, message="both busy")

    stop.set()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for thread in threads.values():
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    still_running = [name for name, thread in threads.items() if thread.is_alive()]
    assert not still_running, f"still running {STOP_GRACE_SECONDS}s after the stop: {still_running}"
    stopped_at = applied(reporting.db)[0]
    assert stopped_at < N, "everything was done before the stop: the test proved nothing"

    # Started again, they deliver the rest: every event applied once.
    with running(relay=personnel.relay(), consumer=reporting.consumer()):
        wait_for(lambda: applied(reporting.db)[0] >= N, timeout=120, message="every event after the restart")
        time.sleep(0.5)  # a duplicate from the stopped relay's last batch would arrive now
    assert applied(reporting.db) == (N, sum(1 + i % 3 for i in range(N)))
