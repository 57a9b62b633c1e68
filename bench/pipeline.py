"""Benchmark: events through the outbox, the relay and reporting's consumer, on the real RabbitMQ and PostgreSQL.

    python bench/pipeline.py [--events 10000] [--steady-rate 100] [--steady-seconds 10]

The relay (personnel's) and the consumer (reporting's) run as separate processes, as they
are deployed. Phase 1 commits N events as fast as it can (100 to a transaction, through the
outbox's bulk call) and measures the sustained end-to-end rate (first commit → last consumer
commit), producer, relay and consumer sharing the machine. Phase 1b commits N more while the
relay is stopped (as during a broker outage) and measures how fast the backlog drains. Phase 2 commits at a steady rate and
measures the latency from each producer commit to the consumer's commit. Then the relay and the
consumer are stopped, each within a bound (a worker that does not stop in time has its stack
printed and is killed: the bench always finishes). Phase 3 measures plain pika on the same
broker with the same message size: `raw_pika_per_s` publishes with a synchronous confirm per
message (the slowest way), `raw_best_per_s` the best plain-pika path for the same guarantees
(a producer process publishing persistent messages in batches of the relay's size with the
confirms awaited together, a consumer process on a quorum queue with manual acks and the
consumer's prefetch), measured before the burst and at the end and averaged. The last line holds the figures as key=value pairs.
Needs TEST_BROKER_URL and TEST_DATABASE_URL (or BENCH_*): the same servers the tests use.
"""
from __future__ import annotations

import argparse
import faulthandler
import multiprocessing as mp
import os
import signal
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the root, not bench/ (bench/http.py would hide http)

import pika  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from shared.config import load_settings  # noqa: E402
from shared.db import Database  # noqa: E402
from shared.long_lived import freeze_startup_objects  # noqa: E402
from shared.outbox import record_event, record_events  # noqa: E402
from tests.support.databases import DatabaseFactory  # noqa: E402

BROKER = os.environ.get("BENCH_BROKER_URL") or os.environ.get("TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
DATABASE = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL",
                                                                  "postgresql://postgres@127.0.0.1:5432/postgres")


def broker_user() -> str:
    """The bench's relay publishes as BROKER's user; the consumer must trust that user for personnel's events."""
    return pika.URLParameters(BROKER).credentials.username


def settings_for(service, url, exchange):
    return load_settings(service, database_url=url, broker_url=BROKER, events_exchange=exchange,
                         jwt_secret="bench", migrate_on_start=False, queue_namespace=exchange + ".")


STOP_BOUND_SECONDS = 20  # each worker must stop within this after `stop` is set


def _dump_stacks_on_sigusr1():
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # the bench asks for them if a stop hangs


def run_relay(url, exchange, stop):
    from services.personnel.db.models import plumbing

    _dump_stacks_on_sigusr1()
    from shared.relay import OutboxRelay

    relay = OutboxRelay(settings_for("personnel", url, exchange), Database(url), plumbing["outbox"])
    freeze_startup_objects()  # as a worker's own process does (shared/worker.py)
    relay.run(stop)


def run_consumer(url, exchange, stop, ready):
    from services.reporting.db.models import plumbing
    from services.reporting.handlers import SUBSCRIPTIONS
    from services.reporting.worker import reporting_settings
    from shared.consumer import EventConsumer

    _dump_stacks_on_sigusr1()
    # reporting's own settings, as its worker runs (its larger consumer batches included)
    settings = reporting_settings(database_url=url, broker_url=BROKER, events_exchange=exchange, jwt_secret="bench",
                                  migrate_on_start=False, queue_namespace=exchange + ".",
                                  broker_publishers=f"personnel={broker_user()}")
    consumer = EventConsumer(settings, Database(url), plumbing["inbox"], SUBSCRIPTIONS)
    freeze_startup_objects()  # as a worker's own process does (shared/worker.py)
    consumer.run(stop, ready)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def training_payload(i: int) -> dict:
    return {"record_id": str(uuid.uuid4()), "employee_id": f"emp-{i % 5000}", "department_code": f"OPD{i % 40:02d}",
            "employee_type": "PNS", "position_type": "pelaksana", "programme_code": "TEKNIS-01", "kind": "teknis",
            "leadership_level": None, "jp": 1 + i % 30, "status": "completed", "start_date": "2026-03-09",
            "end_date": "2026-03-10", "year": 2026, "revoked": False}


def commit_events(db, outbox, n, per_tx, first=0):
    """Commit n events, per_tx to a transaction, through the outbox's bulk call (as the CSV import does)."""
    for start in range(first, first + n, per_tx):
        with db.transaction() as s:
            record_events(s, outbox, source="/asn/personnel", events=[
                {"type": "personnel.training.recorded", "subject": f"rec-{i}", "data": training_payload(i),
                 "sequence": 1} for i in range(start, min(first + n, start + per_tx))])


def inbox_count(db, inbox):
    with db.sessions() as s:
        return s.execute(select(func.count()).select_from(inbox)).scalar()


def wait_count(db, inbox, target, timeout=600):
    deadline = time.monotonic() + timeout
    while (n := inbox_count(db, inbox)) < target:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {n}/{target} events arrived in {timeout}s")
        time.sleep(0.01)
    return time.perf_counter()


def latencies_ms(pdb, rdb, p_outbox, r_inbox, ids):
    with pdb.sessions() as s:
        created = dict(s.execute(select(p_outbox.c.event_id, p_outbox.c.created_at)
                                 .where(p_outbox.c.event_id.in_(ids))).all())
    with rdb.sessions() as s:
        received = dict(s.execute(select(r_inbox.c.event_id, r_inbox.c.received_at)
                                  .where(r_inbox.c.event_id.in_(ids))).all())
    return sorted((received[i] - created[i]).total_seconds() * 1000 for i in ids)


def raw_pika(n: int, size: int) -> float:
    """Plain pika on the same broker: publish with confirms, consume with manual acks."""
    queue = f"bench.raw.{uuid.uuid4().hex[:8]}"
    params = pika.URLParameters(BROKER)
    conn = pika.BlockingConnection(params)
    ch = conn.channel()
    ch.queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
    done = threading.Event()

    def consume():
        c = pika.BlockingConnection(params)
        cch = c.channel()
        cch.basic_qos(prefetch_count=200)
        count = 0
        for method, _props, _body in cch.consume(queue, inactivity_timeout=30):
            if method is None:
                break
            cch.basic_ack(method.delivery_tag)
            count += 1
            if count == n:
                break
        cch.cancel()
        c.close()
        done.set()

    body = b"x" * size
    ch.confirm_delivery()
    consumer = threading.Thread(target=consume)
    t0 = time.perf_counter()
    consumer.start()
    for _ in range(n):
        ch.basic_publish("", queue, body, pika.BasicProperties(delivery_mode=2))
    done.wait(300)
    elapsed = time.perf_counter() - t0
    ch.queue_delete(queue)
    conn.close()
    return n / elapsed


def _raw_best_consumer(queue, n, prefetch, ready, done):
    """Consume n messages from the quorum queue with manual acks (multiple, every 100) at this prefetch."""
    conn = pika.BlockingConnection(pika.URLParameters(BROKER))
    ch = conn.channel()
    ch.basic_qos(prefetch_count=prefetch)
    count = 0

    def on_message(channel, method, _props, _body):
        nonlocal count
        count += 1
        if count % 100 == 0 or count == n:
            channel.basic_ack(method.delivery_tag, multiple=True)
        if count == n:
            channel.stop_consuming()

    ch.basic_consume(queue, on_message)
    ready.set()
    ch.start_consuming()
    done.value = time.time()
    conn.close()


def _raw_best_producer(queue, n, size, batch):
    """Publish n persistent messages in batches, each batch's confirms awaited together (as the relay does)."""
    conn = pika.BlockingConnection(pika.URLParameters(BROKER))
    ch = conn.channel()
    impl = ch._impl  # pika's BlockingChannel only waits for one confirm at a time; its async channel need not
    confirmed = {"upto": 0, "single": set()}

    def on_confirm(frame):
        method = frame.method
        if not isinstance(method, pika.spec.Basic.Ack):
            raise SystemExit(f"broker nacked {method.delivery_tag}")
        if method.multiple:
            confirmed["upto"] = max(confirmed["upto"], method.delivery_tag)
        else:
            confirmed["single"].add(method.delivery_tag)

    selected = []
    impl.confirm_delivery(ack_nack_callback=on_confirm, callback=lambda _frame: selected.append(True))
    while not selected:
        conn.process_data_events(time_limit=0.1)
    body, props, tag = b"x" * size, pika.BasicProperties(delivery_mode=2), 0
    for start in range(0, n, batch):
        first = tag + 1
        for _ in range(min(batch, n - start)):
            impl.basic_publish("", queue, body, props)
            tag += 1
        deadline = time.monotonic() + 30
        while not all(t <= confirmed["upto"] or t in confirmed["single"] for t in range(first, tag + 1)):
            if time.monotonic() > deadline:
                raise SystemExit("confirms not received in 30s")
            conn.process_data_events(time_limit=0.05)
        confirmed["single"].clear()
    conn.close()


def raw_best(n: int, size: int, batch: int, prefetch: int) -> float:
    """The best plain-pika path for the same guarantees, producer and consumer in separate processes."""
    queue = f"bench.raw-best.{uuid.uuid4().hex[:8]}"
    conn = pika.BlockingConnection(pika.URLParameters(BROKER))
    conn.channel().queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
    ctx = mp.get_context("spawn")
    ready, done = ctx.Event(), ctx.Value("d", 0.0)
    consumer = ctx.Process(target=_raw_best_consumer, args=(queue, n, prefetch, ready, done))
    producer = ctx.Process(target=_raw_best_producer, args=(queue, n, size, batch))
    try:
        consumer.start()
        if not ready.wait(60):
            raise SystemExit("raw consumer did not start")
        t0 = time.time()
        producer.start()
        producer.join(120)
        consumer.join(120)
        if not done.value:
            raise SystemExit("raw best: not every message arrived")
        return n / (done.value - t0)
    finally:
        for p in (producer, consumer):
            if p.is_alive():
                p.kill()
        conn.channel().queue_delete(queue)
        conn.close()


def stop_within(procs, stop, bound):
    """Set `stop` and give each worker `bound` seconds; print the stack of one that hangs, then kill it."""
    stop.set()
    deadline = time.monotonic() + bound
    for _name, p in procs:
        p.join(timeout=max(0.0, deadline - time.monotonic()))
    for name, p in procs:
        if p.is_alive():
            print(f"the {name} did not stop within {bound}s; its threads:", file=sys.stderr, flush=True)
            os.kill(p.pid, signal.SIGUSR1)
            time.sleep(1.0)
            p.kill()
            p.join(5)
    return [name for name, p in procs if p.exitcode not in (0,)]


def analyze_every(seconds, stop, *dbs):
    """This machine's PostgreSQL runs with autovacuum off; do what autovacuum would (fresh statistics)."""
    from sqlalchemy import text

    while not stop.wait(seconds):
        for db in dbs:
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--steady-rate", type=int, default=100)
    parser.add_argument("--steady-seconds", type=int, default=10)
    parser.add_argument("--analyze-every", type=float, default=5.0,
                        help="seconds between ANALYZE runs, standing in for autovacuum (off on this machine); 0: none")
    args = parser.parse_args()
    faulthandler.dump_traceback_later(170, exit=True)  # never hang silently: say where, and end

    from services.personnel.db.models import plumbing as p_tables
    from services.reporting.db.models import plumbing as r_tables

    # The best plain-pika path is measured just before the burst and again at the end, and the two
    # averaged: on a shared machine the load moves within a minute, and the ratio should not ride on it.
    size = len(_sample_body())
    relay_batch = settings_for("personnel", DATABASE, "x").relay_batch_size
    from services.reporting.worker import reporting_settings
    prefetch = reporting_settings(jwt_secret="bench").consumer_prefetch
    print("measuring the best plain-pika path", file=sys.stderr, flush=True)
    best_before = raw_best(args.events, size, relay_batch, prefetch)

    factory = DatabaseFactory(DATABASE)
    exchange = f"bench.events.{uuid.uuid4().hex[:8]}"
    pdb, rdb = factory.fresh("personnel"), factory.fresh("reporting")
    ctx = mp.get_context("spawn")
    stop, ready = ctx.Event(), ctx.Event()
    procs = [ctx.Process(target=run_consumer, args=(rdb.url, exchange, stop, ready)),
             ctx.Process(target=run_relay, args=(pdb.url, exchange, stop))]
    analyzer_stop = threading.Event()
    if args.analyze_every > 0:
        threading.Thread(target=analyze_every, args=(args.analyze_every, analyzer_stop, pdb, rdb), daemon=True).start()
    try:
        procs[0].start()
        if not ready.wait(60):
            raise SystemExit("consumer did not start")
        procs[1].start()
        time.sleep(1.0)

        # Phase 1: burst, sustained end-to-end rate, with the producer committing at the same time.
        cpu_start = cpu_seconds(procs[0].pid)  # the consumer's CPU over the burst and the backlog: 2N events
        t0 = time.perf_counter()
        commit_events(pdb, p_tables["outbox"], args.events, per_tx=100)
        committed = time.perf_counter()
        t_end = wait_count(rdb, r_tables["inbox"], args.events)
        rate = args.events / (t_end - t0)
        print(f"burst: {args.events} events committed in {committed - t0:.2f}s, all applied after "
              f"{t_end - t0:.2f}s -> {rate:,.0f} events/s end to end")

        # Phase 1b: a backlog committed while the relay was away (as after a broker outage), then drained.
        stop_relay = ctx.Event()
        procs[1].terminate()
        procs[1].join()
        commit_events(pdb, p_tables["outbox"], args.events, per_tx=100, first=args.events)
        procs[1] = ctx.Process(target=run_relay, args=(pdb.url, exchange, stop_relay))
        t1 = time.perf_counter()
        procs[1].start()
        t_drained = wait_count(rdb, r_tables["inbox"], 2 * args.events)
        drain = args.events / (t_drained - t1)
        cpu_per_event = (cpu_seconds(procs[0].pid) - cpu_start) / (2 * args.events) * 1e6
        print(f"backlog: {args.events} committed events relayed and applied in {t_drained - t1:.2f}s "
              f"-> {drain:,.0f} events/s")
        stop_within([("relay", procs[1])], stop_relay, STOP_BOUND_SECONDS)
        procs[1] = ctx.Process(target=run_relay, args=(pdb.url, exchange, stop))
        procs[1].start()
        # The new relay process needs a moment to start; measure latency only once it runs.
        commit_events(pdb, p_tables["outbox"], 1, per_tx=1, first=2 * args.events)
        wait_count(rdb, r_tables["inbox"], 2 * args.events + 1)

        # Phase 2: steady rate, commit-to-consumer-commit latency.
        n = args.steady_rate * args.steady_seconds
        ids = []
        interval = 1.0 / args.steady_rate
        next_at = time.perf_counter()
        for i in range(n):
            with pdb.transaction() as s:
                env = record_event(s, p_tables["outbox"], source="/asn/personnel", type="personnel.training.recorded",
                                   subject=f"steady-{i}", data=training_payload(i), sequence=1)
            ids.append(env.id)
            next_at += interval
            time.sleep(max(0.0, next_at - time.perf_counter()))
        wait_count(rdb, r_tables["inbox"], 2 * args.events + 1 + n)
        lat = latencies_ms(pdb, rdb, p_tables["outbox"], r_tables["inbox"], ids)
        p50 = statistics.median(lat)
        p99 = lat[max(0, int(len(lat) * 0.99) - 1)]
        print(f"steady: slowest 12 latencies (ms): {[round(x) for x in lat[-12:]]}")
        print(f"steady: {n} events at {args.steady_rate}/s, latency commit->consumer commit p50 {p50:.1f} ms, "
              f"p99 {p99:.1f} ms")
    finally:
        print("stopping the relay and the consumer", file=sys.stderr, flush=True)
        analyzer_stop.set()
        t_stop = time.perf_counter()
        unclean = stop_within([("consumer", procs[0]), ("relay", procs[1])], stop, STOP_BOUND_SECONDS)
        stop_s = time.perf_counter() - t_stop
        print(f"stopped in {stop_s:.1f}s" + (f"; not cleanly: {', '.join(unclean)}" if unclean else ""),
              file=sys.stderr, flush=True)
        factory.close()
        conn = pika.BlockingConnection(pika.URLParameters(BROKER))
        for name in (f"{exchange}.reporting.events", f"{exchange}.reporting.events.dlq", exchange, f"{exchange}.dlx"):
            conn.channel().queue_delete(name) if "reporting" in name else conn.channel().exchange_delete(name)
        conn.close()

    print(f"consumer: {cpu_per_event:.0f} µs of CPU per event over the burst and the backlog")
    print("measuring plain pika", file=sys.stderr, flush=True)
    raw = raw_pika(args.events, size)
    print(f"raw pika: {raw:,.0f} messages/s of {size} bytes (a synchronous confirm per message, manual acks)")
    best_after = raw_best(args.events, size, relay_batch, prefetch)
    best = (best_before + best_after) / 2
    print(f"raw pika, best path: {best_before:,.0f} before, {best_after:,.0f} after -> {best:,.0f} messages/s "
          f"(batches of {relay_batch} with confirms awaited together, a consumer process with prefetch {prefetch} "
          "and manual acks)")
    print(f"events_per_s={rate:.0f} backlog_drain_per_s={drain:.0f} p50_ms={p50:.1f} p99_ms={p99:.1f} "
          f"raw_pika_per_s={raw:.0f} ratio={rate / raw:.2f} raw_best_per_s={best:.0f} ratio_best={rate / best:.2f} "
          f"consumer_cpu_us_per_event={cpu_per_event:.0f} stop_s={stop_s:.1f} load_avg={os.getloadavg()[0]:.1f}")


def _sample_body() -> bytes:
    from shared.envelope import Envelope

    return Envelope(type="personnel.training.recorded", source="/asn/personnel", subject="rec-0",
                    data=training_payload(0), sequence=1).to_json()


if __name__ == "__main__":
    main()
