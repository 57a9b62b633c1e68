"""The outbox relay: publishes committed events in order and marks them only after the broker confirmed.

What it guarantees, and how:
- **At least once, never lost.** A row is marked published only after the broker's confirm. If
  marking fails (the database restarted), the relay keeps the confirmed ids, retries marking
  with back-off, and publishes nothing new while that is in doubt; only a crash in between
  publishes a row twice (consumers deduplicate on the event id).
- **Unroutable events are retried.** A confirmed event that the broker returned (no queue bound
  to its type) stays pending, flagged `returned`, and is published again with back-off.
- **One publisher at a time.** The leader lock is checked before every batch and taken again
  after a database restart; a replica that lost it stands by. A confirmed batch in hand is
  marked even without the lock (marking only records what the broker confirmed), and a standby
  that takes the lock over waits `TAKEOVER_GRACE` seconds first, so that the replica that led
  before the database restart can mark its batch instead of the new leader publishing it again
  (bench/faults.py's two-relays-postgres-restart found that copy).
- **Heartbeats** are serviced while it idles, and a broker alarm (connection.blocked) pauses it.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime

from kombu import Connection
from prometheus_client import CollectorRegistry, Counter, Gauge
from sqlalchemy import Table, select, update

from shared.broker import Backoff, connect, keep_connected, service_heartbeats
from shared.config import Settings
from shared.db import Database, among, is_transient
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.topology import events_exchange

log = logging.getLogger(__name__)
RETURNED_FIRST_RETRY, RETURNED_MAX_RETRY = 1.0, 300.0
UNMARKED_RETRY_CAP = 1.0  # a confirmed batch in hand is marked again at least this often


class RelayMetrics:
    def __init__(self, registry: CollectorRegistry):
        self.published = Counter("asn_relay_published_total", "Events the broker confirmed", registry=registry)
        self.returned = Counter("asn_relay_returned_total", "Events returned unroutable (no queue bound)",
                                ["type"], registry=registry)
        self.blocked = Gauge("asn_relay_blocked", "1 while the broker blocks publishing (memory/disk alarm)",
                             registry=registry)
        self.leader = Gauge("asn_relay_leader", "1 while this replica holds the relay's leader lock",
                            registry=registry)


class OutboxRelay:
    """Moves outbox rows to the broker. Safe to run in several replicas: one leads, the others wait."""

    TAKEOVER_GRACE = 5.0  # seconds a former standby waits after taking the lock, before its first batch

    def __init__(self, settings: Settings, db: Database, outbox: Table, registry: CollectorRegistry | None = None):
        self.settings = settings
        self.db = db
        self.outbox = outbox
        self.metrics = RelayMetrics(registry or CollectorRegistry())
        self.lock = db.lock(f"outbox-relay:{settings.service}")
        self.connection: Connection | None = None
        self.publisher: ConfirmingPublisher | None = None
        self.published_total = 0
        self.connections_opened = 0
        self.blocked_reason: str | None = None
        self._unmarked: tuple[list[int], list[int]] | None = None  # confirmed, not yet marked
        self._held_back: dict[int, tuple[float, float]] = {}  # returned row id -> (next try, delay)
        self._leading = False
        self._seen_another_leader = False
        self._stop: threading.Event | None = None

    # -- the broker connection ------------------------------------------------------------
    def _on_blocked(self, reason: str) -> None:
        self.blocked_reason = reason or "blocked"
        self.metrics.blocked.set(1)
        if self.publisher is not None:
            self.publisher.blocked = True
        log.warning("the broker blocks publishing (%s): the relay pauses; web requests still commit to the "
                    "outbox", self.blocked_reason)

    def _on_unblocked(self) -> None:
        log.info("the broker's alarm cleared: the relay resumes")
        self.blocked_reason = None
        self.metrics.blocked.set(0)
        if self.publisher is not None:
            self.publisher.blocked = False

    def _connect(self) -> None:
        if self.publisher is None:
            self.connection = connect(self.settings, on_blocked=self._on_blocked, on_unblocked=self._on_unblocked)
            self.connections_opened += 1
            self.publisher = ConfirmingPublisher(self.connection, events_exchange(self.settings),
                                                 should_stop=lambda: self._stop is not None and self._stop.is_set())

    def _disconnect(self) -> None:
        if self.blocked_reason and self.connection is not None:
            # The broker reads nothing from a blocked connection, so a polite close (which waits for its
            # close-ok) would only time out: drop the socket. Unconfirmed rows stay pending.
            try:
                self.connection.collect()
            except Exception:  # noqa: BLE001 - already broken
                pass
        else:
            if self.publisher is not None:
                self.publisher.close()
            if self.connection is not None:
                try:
                    self.connection.release()
                except Exception:  # noqa: BLE001 - already broken
                    pass
        self.publisher = self.connection = None
        if self.blocked_reason:  # a new connection starts unblocked; it hears of a standing alarm again
            self._on_unblocked()

    def _idle(self, stop: threading.Event, seconds: float) -> None:
        """Wait, keeping the broker connection alive (heartbeats) if there is one."""
        if self.connection is None or self.settings.broker_url.startswith("memory://"):
            stop.wait(seconds)
            return
        deadline = time.monotonic() + seconds
        while not stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            service_heartbeats(self.connection, min(remaining, 1.0))

    # -- one batch ------------------------------------------------------------------------
    def _mark(self, confirmed: list[int], returned: list[int]) -> None:
        now = datetime.now(UTC)
        with self.db.transaction() as session:
            if confirmed:
                session.execute(update(self.outbox).where(among(session, self.outbox.c.id, confirmed))
                                .values(published_at=now))
            if returned:  # still pending: flagged, and tried again later
                session.execute(update(self.outbox).where(among(session, self.outbox.c.id, returned))
                                .values(returned=True))

    def _pending_rows(self) -> list:
        now = time.monotonic()
        waiting = {row_id for row_id, (due, _delay) in self._held_back.items() if due > now}
        with self.db.sessions() as session:
            rows = session.execute(
                select(self.outbox.c.id, self.outbox.c.event_id, self.outbox.c.type, self.outbox.c.body)
                .where(self.outbox.c.published_at.is_(None))
                .order_by(self.outbox.c.id)
                .limit(self.settings.relay_batch_size + len(waiting))
            ).all()
        return [row for row in rows if row.id not in waiting][: self.settings.relay_batch_size]

    def _hold_back(self, rows: list) -> None:
        now = time.monotonic()
        for row in rows:
            _due, delay = self._held_back.get(row.id, (0.0, RETURNED_FIRST_RETRY / 2))
            delay = min(delay * 2, RETURNED_MAX_RETRY)
            self._held_back[row.id] = (now + delay, delay)
            self.metrics.returned.labels(row.type).inc()
            log.warning("event %s of type %s was returned unroutable (no queue is bound to it); "
                        "trying again in %.0fs", row.event_id, row.type, delay)

    def _finish_marking(self) -> None:
        """Mark the confirmed batch in hand; if the database fails, it stays in hand for the next try."""
        done, returned = self._unmarked
        self._mark(done, returned)
        self._unmarked = None
        self.published_total += len(done)
        self.metrics.published.inc(len(done))

    def publish_pending(self) -> int:
        """Publish one batch of pending events; return how many the broker confirmed."""
        if self._unmarked is not None:  # a confirmed batch whose marking failed: finish that first
            self._finish_marking()
        rows = self._pending_rows()
        if not rows:
            return 0
        self._connect()
        result = self.publisher.publish_batch([
            OutgoingMessage(body=row.body.encode(), routing_key=row.type, message_id=row.event_id, type=row.type)
            for row in rows
        ])
        confirmed = set(result.confirmed)
        done = [row.id for row in rows if row.event_id in confirmed and row.event_id not in result.returned]
        returned = [row for row in rows if row.event_id in result.returned]
        self._unmarked = (done, [row.id for row in returned])
        for row_id in done:
            self._held_back.pop(row_id, None)
        self._hold_back(returned)
        self._finish_marking()
        return len(confirmed)

    # -- the loop -------------------------------------------------------------------------
    def _serve(self, stop: threading.Event) -> None:
        backoff = Backoff()
        while not stop.is_set():
            try:
                if self._unmarked is not None:  # recorded with or without the lock: the broker confirmed it
                    self._finish_marking()
                if not self.lock.held():
                    self._leading, self._seen_another_leader = False, True
                    self.metrics.leader.set(0)
                    self._disconnect()  # a standby keeps no broker connection
                    stop.wait(2.0)
                    continue
                self.metrics.leader.set(1)
                if not self._leading:
                    self._leading = True
                    if self._seen_another_leader:
                        # The lock came free, most likely with a database restart: the replica that led may
                        # hold a confirmed batch it could not mark yet. Give it the time to mark it.
                        log.info("the relay took over the leader lock; waiting %.0fs before the first batch",
                                 self.TAKEOVER_GRACE)
                        self._idle(stop, self.TAKEOVER_GRACE)
                        continue
                if self.blocked_reason:
                    self._idle(stop, 1.0)
                    continue
                published = self.publish_pending()
                backoff.reset()
            except Exception as exc:
                if not is_transient(exc):
                    raise
                self._leading = False  # the lock went with the database session, most likely
                delay = backoff.next_delay()
                if self._unmarked is not None:
                    delay = min(delay, UNMARKED_RETRY_CAP)
                log.warning("the database is unavailable (%s); the relay tries again in %.1fs", exc, delay)
                self._idle(stop, delay)
                continue
            if published < self.settings.relay_batch_size:
                self._idle(stop, self.settings.relay_poll_interval)

    def run(self, stop: threading.Event) -> None:
        """Relay until `stop` is set, backing off while the broker (or the database) is unreachable."""
        log.info("outbox relay for %s started", self.settings.service)
        self._stop = stop
        try:
            keep_connected("outbox relay", self._serve, stop, on_lost=self._disconnect)
        finally:
            self._disconnect()
            self.lock.release()
            self.metrics.leader.set(0)
