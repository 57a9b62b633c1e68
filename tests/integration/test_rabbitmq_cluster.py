"""The suite on a 3-node RabbitMQ cluster: the node leading the queues stops and comes back under load.

Real here: three RabbitMQ nodes of this machine's installation, clustered on loopback
(tests/support/rabbit_cluster.py), PostgreSQL, personnel's outbox relay (shared.relay.OutboxRelay)
and reporting's consumer (shared.consumer.EventConsumer), both given BROKER_URL as the list of the
three nodes. Personnel takes a steady stream of training records over its API while the node that
leads reporting's quorum queue — and that both clients are connected to — is stopped
(`rabbitmqctl stop`), then started again; then the node leading the queue next is killed
(SIGKILL, a crash) and started again. The relay and the consumer must reconnect by themselves to another node, and in
the end every event of personnel's outbox must have been applied by reporting exactly once.

"Applied" is counted by a ledger row that each handler call writes in the consumer's own
transaction, so a row exists exactly when an application was committed: a duplicate shows as a
second row, a loss as a missing one.
"""
from __future__ import annotations

import dataclasses
import importlib
import itertools
import threading
import time
from datetime import date, timedelta

import pytest
from kombu import Connection
from sqlalchemy import text

from services.reporting.handlers import SUBSCRIPTIONS
from shared.consumer import EventConsumer, Subscription
from shared.topology import declare, service_queue
from tests.support import rabbit_cluster, seed
from tests.support.services import _unavailable
from tests.support.workers import running, wait_for

pytestmark = [pytest.mark.cluster, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    reason = rabbit_cluster.available()
    if reason:
        _unavailable(f"no RabbitMQ cluster: {reason}")
    started = time.monotonic()
    nodes = rabbit_cluster.Cluster(tmp_path_factory.mktemp("rabbit-cluster"))
    try:
        nodes.start()
        print(f"\n  3-node cluster formed in {time.monotonic() - started:.1f}s: {nodes.running_nodes()}")
        yield nodes
    finally:
        nodes.stop()


def ledgered(subscriptions: dict[str, Subscription]) -> dict[str, Subscription]:
    """The same handlers, each also writing a ledger row in the consumer's transaction."""

    def wrap(handle):
        def handle_and_record(session, env, data):
            handle(session, env, data)
            session.execute(text("INSERT INTO cluster_ledger (event_id) VALUES (:id)"), {"id": env.id})

        return handle_and_record

    return {t: Subscription(s.schema, wrap(s.handle)) for t, s in subscriptions.items()}


class PauseMeter(threading.Thread):
    """The longest time during which the consumer applied nothing, and the relay published nothing."""

    def __init__(self, consumer, relay):
        super().__init__(daemon=True)
        self.consumer, self.relay = consumer, relay
        self.stop = threading.Event()
        self.longest_apply_gap = self.longest_publish_gap = 0.0

    def run(self):
        now = time.monotonic()
        last = {"apply": (self.consumer.applied_total, now), "publish": (self.relay.published_total, now)}
        while not self.stop.wait(0.02):
            now = time.monotonic()
            for key, value in (("apply", self.consumer.applied_total), ("publish", self.relay.published_total)):
                seen, since = last[key]
                if value != seen:
                    last[key] = (value, now)
                elif key == "apply":
                    self.longest_apply_gap = max(self.longest_apply_gap, now - since)
                else:
                    self.longest_publish_gap = max(self.longest_publish_gap, now - since)


def test_the_queue_leader_stops_and_returns_under_load(cluster, start_service, tokens, capsys):
    personnel = start_service("personnel", broker_url=cluster.url)
    reporting = start_service("reporting", broker_url=cluster.url)
    with reporting.db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE cluster_ledger (event_id varchar(36) NOT NULL)"))
    admin = tokens("admin")
    seed.department(personnel.client, admin)
    employee = seed.employee(personnel.client, admin)
    seed.programme(personnel.client, admin, jp=2)

    consumer = EventConsumer(reporting.settings, reporting.db, reporting.app.extensions["asn"].tables["inbox"],
                             ledgered(SUBSCRIPTIONS))
    relay = personnel.relay()
    first, *_ = cluster.nodes
    # The project's quorum queues, declared through the failover list (so on the first node).
    with Connection(cluster.url) as conn:
        for service in ("personnel", "consultation", "survey"):
            handlers = importlib.import_module(f"services.{service}.handlers").SUBSCRIPTIONS
            settings = dataclasses.replace(personnel.settings, service=service)
            declare(conn, settings, [service_queue(settings, sorted(handlers))])

    acknowledged: list[str] = []
    stop_writing = threading.Event()
    writer_failed: list[str] = []

    def write():
        # Each record a one-day training on a day of its own: personnel refuses the same training
        # (employee, programme and dates) twice.
        days = (date(2000, 1, 3) + timedelta(days=n) for n in itertools.count())
        try:
            while not stop_writing.is_set():
                day = next(days).isoformat()
                resp = personnel.client.post("/api/v1/training-records", headers=admin, json={
                    "employee_id": employee["id"], "programme_code": "TEKNIS-01",
                    "start_date": day, "end_date": day})
                assert resp.status_code == 201, resp.get_json()
                acknowledged.append(resp.get_json()["id"])
                time.sleep(0.02)
        except BaseException as exc:
            writer_failed.append(repr(exc))
            raise

    def flowing(condition):
        """The condition, unless the writer has stopped: then its error fails the test at once,
        rather than a wait timing out on a load that is no longer there."""

        def check():
            assert not writer_failed, f"the writer stopped: {writer_failed[0]}"
            return condition()

        return check

    writer = threading.Thread(target=write, daemon=True)
    with running(relay=relay), running(consumer=consumer, timeout=60):
        queues = cluster.queues(first)
        ours = {name: q for name, q in queues.items() if name.startswith(reporting.settings.queue_namespace)}
        assert ours and all(q["type"] == "quorum" and len(q["members"]) == 3 for q in ours.values()), ours
        leader_name = queues[reporting.settings.queue_name]["leader"]
        leader = next(n for n in cluster.nodes if n.name == leader_name)
        assert leader is first, "the clients connect to the first node of the list, where the queue was declared"
        print(f"  {len(ours)} quorum queues on 3 members each; {reporting.settings.queue_name} led by {leader_name}")

        writer.start()
        wait_for(flowing(lambda: consumer.applied_total >= 50), timeout=60, message="the load flowing through the cluster")
        pauses = PauseMeter(consumer, relay)
        pauses.start()
        stopped = time.monotonic()
        stop_durations = []

        def stop_leader():
            cluster.stop_node(leader)
            stop_durations.append(time.monotonic() - stopped)

        stopper = threading.Thread(target=stop_leader)
        stopper.start()
        applied, published = consumer.applied_total, relay.published_total
        wait_for(flowing(lambda: not stopper.is_alive() and consumer.applied_total > applied + 5
                         and relay.published_total > published + 5),
                 timeout=120, interval=0.05, message="the relay and the consumer working again on the other nodes")
        stop_took = stop_durations[0]
        pauses.stop.set()
        pauses.join()
        failover = max(pauses.longest_apply_gap, pauses.longest_publish_gap)
        new_leader = cluster.queues(cluster.nodes[1])[reporting.settings.queue_name]["leader"]
        print(f"  stopped {leader_name} (`rabbitmqctl stop` returned after {stop_took:.1f}s); events stopped "
              f"flowing for at most {pauses.longest_apply_gap:.1f}s (applied) and {pauses.longest_publish_gap:.1f}s "
              f"(published); the queue is now led by {new_leader}")

        time.sleep(3)
        rejoin_started = time.monotonic()
        cluster.start_node(leader)
        rejoined = time.monotonic() - rejoin_started
        assert sorted(cluster.running_nodes()) == sorted(n.name for n in cluster.nodes)
        applied = consumer.applied_total
        wait_for(flowing(lambda: consumer.applied_total > applied + 20), timeout=60, message="the load after the rejoin")

        # Then a crash: the node now leading the queue dies at once (SIGKILL), with no goodbye to its clients.
        crashed_name = cluster.queues(leader)[reporting.settings.queue_name]["leader"]
        crashed = next(n for n in cluster.nodes if n.name == crashed_name)
        crash_pauses = PauseMeter(consumer, relay)
        crash_pauses.start()
        applied, published = consumer.applied_total, relay.published_total
        relay_port = relay.connection.port if relay.connection is not None else None
        cluster.kill_node(crashed)
        wait_for(flowing(lambda: consumer.applied_total > applied + 5 and relay.published_total > published + 5),
                 timeout=120, interval=0.05, message="the relay and the consumer working again after the crash")
        crash_pauses.stop.set()
        crash_pauses.join()
        crash_failover = max(crash_pauses.longest_apply_gap, crash_pauses.longest_publish_gap)
        print(f"  killed {crashed_name} (SIGKILL; the relay was connected to the node on port {relay_port}): "
              f"events stopped flowing for at most {crash_failover:.1f}s")
        cluster.start_node(crashed)
        applied = consumer.applied_total
        wait_for(flowing(lambda: consumer.applied_total > applied + 20), timeout=60,
                 message="the load after the second rejoin")
        stop_writing.set()
        writer.join(30)
        assert not writer_failed, f"the writer stopped: {writer_failed[0]}"

        def outbox_drained():
            with personnel.db.sessions() as s:
                return s.execute(text("SELECT count(*) FROM outbox WHERE published_at IS NULL")).scalar() == 0

        wait_for(outbox_drained, timeout=60, message="personnel's outbox drained")
        with personnel.db.sessions() as s:
            events = {e for (e,) in s.execute(text("SELECT event_id FROM outbox WHERE type LIKE 'personnel.training.%'"))}
            records = {r for (r,) in s.execute(text("SELECT id FROM training_records"))}

        def ledger():
            with reporting.db.sessions() as s:
                return [e for (e,) in s.execute(text("SELECT event_id FROM cluster_ledger"))]

        wait_for(lambda: events <= set(ledger()), timeout=60, message="reporting applied every event")
        time.sleep(1)  # anything redelivered late would show up now
        rows = ledger()
    members = cluster.queues(first)[reporting.settings.queue_name]["members"]
    lost = len(events - set(rows)) + len(set(acknowledged) - records)
    twice = len(rows) - len(set(rows))
    print(f"  {len(acknowledged)} writes acknowledged, {len(events)} events, {len(rows)} applications: "
          f"lost {lost}, applied twice {twice}; failover {failover:.1f}s; {leader_name} rejoined in {rejoined:.1f}s, "
          f"queue members again: {len(members)}")
    with capsys.disabled():  # the figures show in CI's output, where passing tests' prints are captured
        print(f"\ncluster figures: failover_s={failover:.1f} (longest pause: applied {pauses.longest_apply_gap:.1f}s, "
              f"published {pauses.longest_publish_gap:.1f}s), node stop {stop_took:.1f}s, rejoin {rejoined:.1f}s; "
              f"leader {crashed.name} (port {crashed.port}) killed, relay on port {relay_port}: "
              f"failover_s={crash_failover:.1f}; "
              f"events={len(events)}, lost={lost}, applied_twice={twice}")
    assert len(members) == 3
    assert (lost, twice) == (0, 0)
    assert consumer.dead_lettered_total == 0
