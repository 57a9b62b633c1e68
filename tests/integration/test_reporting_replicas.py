"""Two reporting replicas on one queue (competing consumers): the read models end up exactly as with one.

Real RabbitMQ and PostgreSQL. Events of the same aggregates arrive shuffled and repeated, so the
replicas race to create the same rows and overtake each other's sequences.
"""
import dataclasses
import random
import uuid
from datetime import UTC, date, datetime

import pika
from sqlalchemy import func, select

from services.reporting.db.models import EmployeeJp, FeedbackFact, ReportRevision, TrainingFact, plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.consumer import EventConsumer
from shared.topology import service_queue
from tests.reporting import factories as ev
from tests.support.workers import running, wait_for


def test_two_replicas_agree_with_the_sequence(reporting, broker_url):
    settings, db = reporting.settings, reporting.db
    queue = service_queue(settings, sorted(SUBSCRIPTIONS), name=f"reporting.events.test-{uuid.uuid4().hex[:8]}")
    small_batches = dataclasses.replace(settings, consumer_batch_size=20)
    replicas = [EventConsumer(small_batches, db, plumbing["inbox"], SUBSCRIPTIONS, queue) for _ in range(2)]
    events = []
    for r in range(30):  # each record: recorded, then 3 updates; the last one says 4 + r JP
        events += [ev.training(f"r{r}", f"emp-{r % 5}", jp=j + r, sequence=j, end=date(2026, 1 + r % 12, 3),
                               verb="recorded" if j == 1 else "updated") for j in range(1, 5)]
    t = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    for f in range(20):
        events += [ev.feedback(f"f{f}", submitted_at=t),
                   ev.feedback(f"f{f}", verb="responded", sequence=2, status="responded", submitted_at=t,
                               responded_at=datetime(2026, 3, 3, 2, 0, tzinfo=UTC))]
    random.Random(5).shuffle(events)
    events += events[:25]  # redeliveries of the same events
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    channel = conn.channel()
    with running(consumer=replicas[0]), running(consumer=replicas[1]):
        for env in events:
            channel.basic_publish(settings.events_exchange, env.type, env.to_json(), pika.BasicProperties(
                content_type="application/cloudevents+json", message_id=env.id, type=env.type, delivery_mode=2,
                user_id="guest"))
        wait_for(lambda: sum(c.applied_total for c in replicas) >= len(events) - 25, timeout=30,
                 message="both replicas applied everything")
        wait_for(lambda: queue_empty(channel, queue.name), message="the queue drained")
    with db.sessions() as s:
        assert {f.record_id: f.jp for f in s.execute(select(TrainingFact)).scalars()} == {
            f"r{r}": 4 + r for r in range(30)}
        jp = s.execute(select(func.sum(EmployeeJp.q1 + EmployeeJp.q2 + EmployeeJp.q3 + EmployeeJp.q4))).scalar()
        assert jp == sum(4 + r for r in range(30))  # the tallies moved by exact differences
        assert s.execute(select(func.count()).where(FeedbackFact.status == "responded")).scalar() == 20
        # Each applied event bumped the city's year once; a late one (overtaken by a newer state) did not.
        assert 50 <= s.get(ReportRevision, ("CITY", "2026")).revision <= 160
    assert sum(c.dead_lettered_total for c in replicas) == 0
    channel.queue_delete(queue.name)
    channel.queue_delete(f"{queue.name}.dlq")
    conn.close()


def queue_empty(channel, name):
    return channel.queue_declare(name, passive=True).method.message_count == 0
