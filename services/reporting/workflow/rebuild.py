"""Rebuild reporting's read models from the producers' own history, then carry on with live events.

    python -m services.reporting.workflow.rebuild [--exit] [--force] [--idle-timeout SECONDS]

Stop the reporting worker first: the command refuses while someone consumes reporting.events
(--force overrides). Live events keep arriving in reporting.events meanwhile and wait there.

1. declare a private rebuild queue (and reporting.events, so that no live event is lost);
2. reset the read models and the inbox (report revisions are kept and keep counting up, so
   other systems see the rebuilt reports as newer ones);
3. ask personnel, consultation and survey to replay their outboxes to the rebuild queue
   (reporting.replay.requested; every worker runs shared.replay's responder);
4. apply the replayed events through the normal handlers and inbox, printing progress;
5. after the three end markers: delete the rebuild queue, and run the normal worker (which
   applies the waiting live events; the inbox drops what the replay already applied and the
   sequence checks make the order harmless), or exit with --exit.
"""
from __future__ import annotations

import argparse
import sys
import time
import uuid

from kombu import Connection, Consumer, Queue
from sqlalchemy import delete

from services.reporting.db import models
from services.reporting.db.maintenance import analyze
from services.reporting.events import EMITS, SOURCE, replay_requested
from services.reporting.handlers import SUBSCRIPTIONS
from shared.config import Settings
from shared.consumer import EventConsumer
from shared.db import Database
from shared.envelope import Envelope, schema_uri
from shared.publisher import ConfirmingPublisher, OutgoingMessage
from shared.replay import COMPLETE_HEADER, REQUEST_TYPE, reply_queue, reply_queue_name
from shared.topology import dead_letter_exchange, declare, events_exchange, service_queue

PRODUCERS = ("personnel", "consultation", "survey")
ANALYZE_AT = (5_000, 50_000, 500_000)  # applied events after which the planner gets fresh statistics
READ_MODELS = (models.TrainingFact, models.DepartmentFact, models.EmployeeFact, models.EmployeeJp,
               models.LeadershipCredit, models.SocializationAttendance, models.PolicyFact, models.PolicyVersionFact,
               models.FeedbackFact, models.SurveyCampaignFact, models.SurveyResponseFact, models.CommentFact)


class RebuildError(RuntimeError):
    pass


def reset_read_models(db: Database) -> None:
    """Empty every read model and the inbox, in one transaction."""
    with db.transaction() as session:
        for model in READ_MODELS:
            session.execute(delete(model))
        session.execute(delete(models.plumbing["inbox"]))


class Rebuild:
    def __init__(self, settings: Settings, db: Database, *, producers=PRODUCERS, live_queue: Queue | None = None,
                 out=print, idle_timeout: float = 120.0, force: bool = False):
        self.settings, self.db = settings, db
        self.producers = tuple(producers)
        self.live_queue = live_queue or service_queue(settings, sorted(SUBSCRIPTIONS))
        self.out, self.idle_timeout, self.force = out, idle_timeout, force
        self.queue = reply_queue(settings, reply_queue_name(settings, "reporting", uuid.uuid4().hex[:12]))
        self.done: dict[str, int] = {}
        self.skipped = 0
        self._pending: list = []

    def _check_no_live_consumer(self, channel) -> None:
        _name, _messages, consumers = channel.queue_declare(queue=self.live_queue.name, passive=True)
        if consumers and not self.force:
            raise RebuildError(f"{consumers} consumer(s) on {self.live_queue.name}: stop the reporting worker "
                               "first (or pass --force)")

    def _request_replays(self, connection: Connection) -> None:
        publisher = ConfirmingPublisher(connection, events_exchange(self.settings))
        try:
            for producer in self.producers:
                data = EMITS[REQUEST_TYPE]().load(replay_requested(self.queue.name, producer))
                env = Envelope(type=REQUEST_TYPE, source=SOURCE, subject=self.queue.name, data=data, sequence=0,
                               dataschema=schema_uri(REQUEST_TYPE))
                result = publisher.publish_batch([OutgoingMessage(body=env.to_json(), routing_key=REQUEST_TYPE,
                                                                  message_id=env.id, type=env.type)])
                if result.returned:
                    raise RebuildError("no replay queue is bound: start the producers' workers once")
        finally:
            publisher.close()

    def _sort(self, applier: EventConsumer, batch: list) -> list:
        """Markers are noted and unsubscribed types skipped; the rest is returned to be applied."""
        for message in self._pending:
            headers = message.headers or {}
            if COMPLETE_HEADER in headers:
                applier.process(batch)  # everything before a marker is applied before it counts
                batch = []
                self.done[str(headers[COMPLETE_HEADER])] = int(headers.get("x-replay-events", 0))
                message.ack()
            elif message.properties.get("type") not in SUBSCRIPTIONS:
                self.skipped += 1
                message.ack()
            else:
                batch.append(message)
        self._pending.clear()
        return batch

    def run(self) -> dict:
        started = time.monotonic()
        with Connection(self.settings.broker_url, heartbeat=self.settings.heartbeat, connect_timeout=5) as conn:
            conn.ensure_connection(max_retries=1)
            channel = conn.channel()
            declare(conn, self.settings, [self.live_queue])
            self._check_no_live_consumer(channel)
            self.queue(channel).declare()
            reset_read_models(self.db)
            self.out(f"read models reset; asking {', '.join(self.producers)} to replay to {self.queue.name}")
            applier = EventConsumer(self.settings, self.db, models.plumbing["inbox"], SUBSCRIPTIONS, self.queue)
            applier.dlq_routing_key = f"{self.live_queue.name}.dlq"  # a bad old event lands where bad live ones do
            applier._dlq_publisher = ConfirmingPublisher(conn, dead_letter_exchange(self.settings))
            consumer = Consumer(channel, queues=[self.queue], callbacks=[lambda _b, m: self._pending.append(m)],
                                accept=None, no_ack=False)
            consumer.qos(prefetch_count=self.settings.consumer_prefetch)
            consumer.consume()
            self._request_replays(conn)
            try:
                self._apply_until_complete(conn, applier, started)
            finally:
                consumer.cancel()
                channel.queue_delete(self.queue.name)
        analyze(self.db)
        stats = {"applied": applier.applied_total, "skipped": self.skipped, "dead_lettered": applier.dead_lettered_total,
                 "producers": dict(self.done), "seconds": round(time.monotonic() - started, 1)}
        self.out(f"rebuild complete: {stats['applied']:,} events applied, {stats['skipped']:,} skipped, "
                 f"{stats['dead_lettered']} dead-lettered in {stats['seconds']} s; replayed per producer: "
                 + ", ".join(f"{k}={v:,}" for k, v in sorted(self.done.items())))
        return stats

    def _apply_until_complete(self, conn: Connection, applier: EventConsumer, started: float) -> None:
        batch, last_message, last_report = [], time.monotonic(), time.monotonic()
        analyze_at = list(ANALYZE_AT)
        while set(self.producers) - set(self.done) or batch:
            if analyze_at and applier.applied_total >= analyze_at[0]:
                analyze_at.pop(0)
                analyze(self.db)  # a bulk load: do not wait for autovacuum (see db/maintenance.py)
            try:
                conn.drain_events(timeout=0.05)
                last_message = time.monotonic()
            except TimeoutError:
                pass
            batch = self._sort(applier, batch)
            if len(batch) >= self.settings.consumer_batch_size or (batch and not self._pending):
                applier.process(batch)
                batch = []
            now = time.monotonic()
            if now - last_report >= 1.0:
                last_report = now
                rate = applier.applied_total / max(now - started, 1e-6)
                self.out(f"applied {applier.applied_total:,} events ({rate:,.0f}/s), skipped {self.skipped:,}; "
                         f"complete: {', '.join(sorted(self.done)) or 'none yet'}")
            if now - last_message > self.idle_timeout:
                missing = ", ".join(sorted(set(self.producers) - set(self.done)))
                raise RebuildError(f"no replay from {missing} for {self.idle_timeout:.0f} s: is its worker running?")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.reporting.workflow.rebuild", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--exit", action="store_true", help="exit after the rebuild instead of running the worker")
    parser.add_argument("--force", action="store_true", help="rebuild even while reporting.events has consumers")
    parser.add_argument("--idle-timeout", type=float, default=120.0, help="give up after this long without replay")
    args = parser.parse_args(argv)
    from services.reporting.config import load_config
    from services.reporting.worker import reporting_settings

    config = load_config()
    settings = reporting_settings(config)
    db = Database(settings.database_url)
    if settings.migrate_on_start:
        from shared.migrations import upgrade

        upgrade("reporting", db)
    try:
        Rebuild(settings, db, idle_timeout=args.idle_timeout, force=args.force, out=lambda s: print(s, flush=True)).run()
    except RebuildError as exc:
        print(f"rebuild failed: {exc}", file=sys.stderr)
        return 1
    if not args.exit:
        print("returning to normal consumption", flush=True)
        from services.reporting.worker import main as worker

        worker(settings, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
