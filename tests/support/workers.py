"""Run a service's relay and consumer in threads during a test, with the real broker."""
from __future__ import annotations

import contextlib
import threading
import time

from shared.consumer import EventConsumer
from shared.relay import OutboxRelay


@contextlib.contextmanager
def running(relay: OutboxRelay | None = None, consumer: EventConsumer | None = None, timeout: float = 15):
    """Start the loops, wait until the consumer's queue exists, and stop them cleanly afterwards."""
    stop = threading.Event()
    ready = threading.Event()
    threads = []
    if consumer is not None:
        threads.append(threading.Thread(target=consumer.run, args=(stop, ready), daemon=True))
    if relay is not None:
        threads.append(threading.Thread(target=relay.run, args=(stop,), daemon=True))
    for thread in threads:
        thread.start()
    if consumer is not None and not ready.wait(timeout):
        stop.set()
        raise TimeoutError("the consumer did not start")
    try:
        yield stop
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)


def wait_for(predicate, timeout: float = 15.0, interval: float = 0.05, message: str = "condition"):
    """Poll until `predicate()` is truthy; fail with `message` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)
