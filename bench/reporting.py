"""Benchmark: a city-sized history through the real broker into reporting, then report read latency.

    python bench/reporting.py [--scale 1.0] [--reads 200] [--with-announcer]

At scale 1: 5,000 employees in 40 departments, 100,000 training records, 20,000 survey
responses (each a survey.response.submitted and the survey.results.updated snapshot that
follows it), 10,000 feedback items (submitted, most forwarded and responded, some overdue),
plus policies and socialization attendance. The envelopes are built first, exactly as the
producers publish them, and published with plain pika (publisher confirms, a window of
unconfirmed messages) to a scratch exchange and queue. Then reporting's consumer runs
in-process on a scratch PostgreSQL database (created on TEST_DATABASE_URL's server and
dropped afterwards) until every event is applied. Reads go through reporting's Flask app
with the test client (an admin token: the full view, the costliest).

Prints the ingest rate overall and over the first and last 10 % of events, report read
latency p50/p99 for one department and for the city, and peak RSS. The last line holds the
figures as key=value pairs.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import statistics
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the root, not bench/ (bench/http.py would hide http)

import pika  # noqa: E402
from kombu import Connection  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from shared.db import Database  # noqa: E402
from shared.envelope import Envelope  # noqa: E402
from shared.migrations import upgrade  # noqa: E402
from shared.topology import declare, service_queue  # noqa: E402

BROKER = os.environ.get("BENCH_BROKER_URL") or os.environ.get("TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
DATABASE = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL",
                                                                  "postgresql://postgres@127.0.0.1:5432/postgres")
JWT = "bench-secret-at-least-32-bytes-long!!"
START = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
POSITIONS = ["pelaksana"] * 14 + ["fungsional"] * 4 + ["pengawas", "administrator"]


class History:
    """Builds the events of a city-sized history, each aggregate's events in sequence order."""

    def __init__(self, scale: float, seed: int = 7):
        self.rng = random.Random(seed)
        self.scale = scale
        self.departments = [f"OPD{i:02d}" for i in range(40)]

    def env(self, type_, subject, data, sequence, when):
        return Envelope(type=type_, source="/asn/" + type_.split(".")[0], subject=subject, data=data,
                        sequence=sequence, time=when)

    def n(self, count):
        return max(1, int(count * self.scale))

    def departments_created(self):
        return [self.env("personnel.department.created", code, {
            "code": code, "name": f"Perangkat Daerah {code}", "type": "dinas", "parent_code": None,
            "status": "active"}, 1, START) for code in self.departments]

    def people(self):
        events, employees = [], []
        for i in range(self.n(5000)):
            emp_id = str(uuid.uuid4())
            position = self.rng.choice(POSITIONS) if i % 40 else "jpt_pratama"
            kind = "PPPK" if self.rng.random() < 0.2 else "PNS"
            tmt = (date(2023, 1, 1) + timedelta(days=self.rng.randrange(1200))).isoformat()
            emp = {"employee_id": emp_id, "name": f"Pegawai {i}", "employee_type": kind,
                   "department_code": self.departments[i % 40], "rank": "III/a", "position_title": "Analis",
                   "position_type": position, "tmt_jabatan": tmt, "status": "active"}
            employees.append(emp)
            events.append(self.env("personnel.employee.registered", emp_id, emp, 1, START))
        return events, employees

    def training(self, employees):
        for i in range(self.n(100_000)):
            emp = self.rng.choice(employees)
            end = date(2026, 1, 10) + timedelta(days=self.rng.randrange(330))
            level = {"pengawas": "PKP", "administrator": "PKA", "jpt_pratama": "PKN_II"}.get(emp["position_type"])
            level = level if level and self.rng.random() < 0.02 else None
            record_id = str(uuid.uuid4())
            yield self.env("personnel.training.recorded", record_id, {
                "record_id": record_id, "employee_id": emp["employee_id"], "department_code": emp["department_code"],
                "employee_type": emp["employee_type"], "position_type": emp["position_type"],
                "programme_code": "PKA-2026" if level else "TEKNIS-01", "kind": "kepemimpinan" if level else "teknis",
                "leadership_level": level, "jp": self.rng.choice([2, 4, 8, 12, 16, 24]), "status": "completed",
                "start_date": (end - timedelta(days=1)).isoformat(), "end_date": end.isoformat(), "year": 2026,
                "revoked": False}, 1, START + timedelta(minutes=i))

    def survey(self):
        tallies = {}
        for i in range(self.n(20_000)):
            code = self.departments[i % 40]
            campaign = f"SKM-{code}-2026S1"
            answers = {f"u{k}": self.rng.choice([2, 3, 3, 3, 4, 4]) for k in range(1, 10)}
            count, sums = tallies.get(campaign, (0, dict.fromkeys(answers, 0)))
            count, sums = count + 1, {k: sums[k] + answers[k] for k in sums}
            tallies[campaign] = (count, sums)
            when = START + timedelta(minutes=5 * i)
            response_id = str(uuid.uuid4())
            yield self.env("survey.response.submitted", response_id, {
                "response_id": response_id, "campaign_id": campaign, "department_code": code, "answers": answers,
                "profile": {"gender": "P", "age_group": "25-34", "education": "S1", "occupation": "swasta"},
                "submitted_at": when.isoformat()}, 1, when)
            nrr = {k: s / count for k, s in sums.items()}
            ikm = sum(nrr.values()) / 9
            yield self.env("survey.results.updated", campaign, {
                "campaign_id": campaign, "department_code": code, "service_unit": f"Layanan {code}",
                "period_label": "2026-S1", "period_start": "2026-01-01", "period_end": "2026-06-30", "status": "open",
                "respondents": count, "nrr": nrr, "ikm": ikm, "converted": ikm * 25,
                "converted_display": f"{ikm * 25:.2f}", "mutu": "B", "kinerja": "Baik",
                "weakest_unsur": min(nrr, key=nrr.get), "required_sample": 300, "sample_sufficient": count >= 300},
                count, when)

    def feedback(self):
        for i in range(self.n(10_000)):
            fid, code = str(uuid.uuid4()), self.departments[i % 40]
            submitted = START + timedelta(minutes=30 * i)
            unsur = f"u{self.rng.randrange(1, 10)}"
            item = {"feedback_id": fid, "tracking_id": f"TBT-2026-{i:08d}", "kind": self.rng.choice(
                ["pengaduan", "pengaduan", "aspirasi", "permintaan_informasi"]), "category": "waktu_layanan",
                "unsur": unsur, "policy_id": None, "department_code": code, "status": "received",
                "submitted_at": submitted.isoformat(), "forwarded_at": None, "responded_at": None, "closed_at": None,
                "forward_due": (submitted + timedelta(days=3)).date().isoformat(), "follow_up_due": None,
                "forward_deadline_met": None, "follow_up_deadline_met": None, "overdue_stage": None,
                "answer_outcome": None, "answered_in_version": None, "hidden": False}
            yield self.env("consultation.feedback.submitted", fid, dict(item), 1, submitted)
            roll = self.rng.random()
            if roll < 0.1:
                item.update(overdue_stage="forward", forward_deadline_met=False)
                yield self.env("consultation.feedback.overdue", fid, dict(item), 2, submitted + timedelta(days=4))
                continue
            forwarded = submitted + timedelta(hours=self.rng.randrange(2, 90))
            item.update(status="forwarded", forwarded_at=forwarded.isoformat(), forward_deadline_met=True)
            yield self.env("consultation.feedback.forwarded", fid, dict(item), 2, forwarded)
            if roll < 0.9:
                responded = forwarded + timedelta(hours=self.rng.randrange(4, 150))
                item.update(status="responded", responded_at=responded.isoformat(),
                            follow_up_deadline_met=responded - forwarded < timedelta(days=7))
                yield self.env("consultation.feedback.responded", fid, dict(item), 3, responded)

    def policies(self, employees):
        for p in range(10):
            pid = f"POL-{p}"
            for seq, (state, verb) in enumerate([("draft", "drafted"), ("in_consultation", "consultation_opened"),
                                                 ("adopted", "adopted")], start=1):
                yield self.env(f"consultation.policy.{verb}", pid, {
                    "policy_id": pid, "code": f"PERWALI-{p}", "title": f"Peraturan Wali Kota {p}", "version": 1,
                    "state": state, "department_code": self.departments[p * 4] if p % 2 else None,
                    "changed_at": (START + timedelta(days=seq)).isoformat(), "reason": None}, seq, START)
        for i, emp in enumerate(employees[: len(employees) // 2]):
            yield self.env("personnel.socialization.attended", f"SES-{i % 50}", {
                "session_id": f"SES-{i % 50}", "policy_id": f"POL-{i % 10}", "employee_id": emp["employee_id"],
                "department_code": emp["department_code"], "held_on": "2026-04-02"}, 1, START)

    def build(self) -> list[Envelope]:
        """The departments, then every stream interleaved at random (each aggregate's events stay in order).

        Employees are registered throughout, so that the first and the last 10 % of the events have
        the same mix; a training record may arrive before its employee, which reporting tolerates.
        """
        people, employees = self.people()
        streams = [iter(people), iter(self.training(employees)), iter(self.survey()), iter(self.feedback()),
                   iter(self.policies(employees))]
        weights = [5, 100, 40, 30, 5]
        rest = []
        while streams:
            k = self.rng.choices(range(len(streams)), weights=weights)[0]
            try:
                rest.append(next(streams[k]))
            except StopIteration:
                del streams[k], weights[k]
        return self.departments_created() + rest


def publish_all(exchange: str, messages: list[tuple[str, bytes, str]], window: int = 5000) -> float:
    """Publish with pika and publisher confirms, keeping up to `window` unconfirmed; return seconds taken."""
    started = time.monotonic()
    state = {"next": 0, "acked": 0, "nacked": 0}

    def pump(channel):
        while state["next"] < len(messages) and state["next"] - state["acked"] < window:
            key, body, mid = messages[state["next"]]
            channel.basic_publish(exchange, key, body, pika.BasicProperties(
                content_type="application/cloudevents+json", delivery_mode=2, message_id=mid, type=key,
                user_id=pika.URLParameters(BROKER).credentials.username))
            state["next"] += 1

    def on_confirm(frame, channel=None):
        method = frame.method
        done = method.delivery_tag - state["acked"] if method.multiple else 1
        state["acked"] += done
        if isinstance(method, pika.spec.Basic.Nack):
            state["nacked"] += done
        if state["acked"] >= len(messages):
            connection.close()
        else:
            pump(channel_ref[0])

    channel_ref = []

    def on_channel(channel):
        channel_ref.append(channel)
        channel.confirm_delivery(on_confirm)
        pump(channel)

    connection = pika.SelectConnection(pika.URLParameters(BROKER),
                                       on_open_callback=lambda c: c.channel(on_open_callback=on_channel),
                                       on_open_error_callback=lambda c, err: c.ioloop.stop(),
                                       on_close_callback=lambda c, reason: c.ioloop.stop())
    connection.ioloop.start()
    if state["acked"] < len(messages):
        raise RuntimeError(f"only {state['acked']} of {len(messages)} messages were confirmed")
    if state["nacked"]:
        raise RuntimeError(f"the broker refused {state['nacked']} message(s)")
    return time.monotonic() - started


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the scratch database and queues go too
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the city-sized history; 0.1 for a quick run")
    parser.add_argument("--reads", type=int, default=200, help="report reads per scope for the latency figures")
    parser.add_argument("--batch-size", type=int, help="consumer batch size (default: the reporting worker's)")
    parser.add_argument("--with-announcer", action="store_true",
                        help="also run the announcer loop (reporting.report.updated) during ingest")
    args = parser.parse_args()

    suffix = uuid.uuid4().hex[:8]
    server = make_url(DATABASE.replace("postgresql://", "postgresql+psycopg://", 1))
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    db_name = f"asn_bench_reporting_{suffix}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{db_name}"'))
    db = Database(server.set(database=db_name).render_as_string(hide_password=False))
    exchange = f"asn.bench-{suffix}"
    from services.reporting.worker import reporting_settings

    overrides = {"consumer_batch_size": args.batch_size} if args.batch_size else {}
    settings = reporting_settings(database_url=db.url, broker_url=BROKER, events_exchange=exchange, jwt_secret=JWT,
                                  migrate_on_start=False, **overrides)
    print(f"consumer batch {settings.consumer_batch_size}, prefetch {settings.consumer_prefetch}", flush=True)
    from services.reporting.handlers import SUBSCRIPTIONS

    queue = service_queue(settings, sorted(SUBSCRIPTIONS), name=f"reporting.bench-{suffix}")
    try:
        upgrade("reporting", db)
        with Connection(BROKER) as conn:
            declare(conn, settings, [queue])
        t = time.monotonic()
        history = History(args.scale).build()
        messages = [(e.type, e.to_json(), e.id) for e in history]
        del history
        print(f"built {len(messages):,} envelopes in {time.monotonic() - t:.1f} s", flush=True)
        seconds = publish_all(exchange, messages)
        print(f"published {len(messages):,} with confirms in {seconds:.1f} s ({len(messages) / seconds:,.0f}/s)",
              flush=True)
        ingest = run_ingest(settings, db, queue, len(messages), args.with_announcer)
        del messages
        reads = read_latency(settings, db, args.reads)
    finally:
        db.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        admin.dispose()
        with Connection(BROKER) as conn:
            channel = conn.default_channel
            for name in (queue.name, f"{queue.name}.dlq"):
                channel.queue_delete(name)
            for name in (exchange, f"{exchange}.dlx"):
                channel.exchange_delete(name)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ingest: {ingest['overall']:,.0f} events/s overall, first 10 %: {ingest['first10']:,.0f}/s, "
          f"last 10 %: {ingest['last10']:,.0f}/s ({ingest['events']:,} events in {ingest['seconds']:.1f} s)")
    print(f"department report (Flask test client, admin): p50 {reads['dept_p50']:.1f} ms, p99 {reads['dept_p99']:.1f} ms")
    print(f"city report (Flask test client, admin): p50 {reads['city_p50']:.1f} ms, p99 {reads['city_p99']:.1f} ms")
    print(f"peak RSS: {peak:.0f} MB")
    print(f"ingest_events_per_s={ingest['overall']:.0f} first10_per_s={ingest['first10']:.0f} "
          f"last10_per_s={ingest['last10']:.0f} department_p99_ms={reads['dept_p99']:.1f} "
          f"city_p99_ms={reads['city_p99']:.1f} peak_rss_mb={peak:.0f}")
    return 0


def run_ingest(settings, db: Database, queue, total: int, with_announcer: bool) -> dict:
    from services.reporting.config import load_config
    from services.reporting.db.models import plumbing
    from services.reporting.handlers import SUBSCRIPTIONS
    from services.reporting.workflow.announce import ReportAnnouncer
    from shared.consumer import EventConsumer

    consumer = EventConsumer(settings, db, plumbing["inbox"], SUBSCRIPTIONS, queue)
    stop, ready = threading.Event(), threading.Event()
    threads = [threading.Thread(target=consumer.run, args=(stop, ready), daemon=True)]
    if with_announcer:
        threads.append(threading.Thread(target=ReportAnnouncer(settings, db, load_config().rules).run, args=(stop,), daemon=True))
    from services.reporting.db.maintenance import analyze, autovacuum_on

    stand_in = not autovacuum_on(db)
    if stand_in:
        print("this PostgreSQL runs without autovacuum: the bench runs ANALYZE every 20 s, as autovacuum would",
              flush=True)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    marks, last_print, last_analyze = {}, started, started
    while consumer.applied_total + consumer.dead_lettered_total < total:
        done = consumer.applied_total
        now = time.monotonic()
        for fraction in (0.1, 0.9):
            if done >= fraction * total and fraction not in marks:
                marks[fraction] = (now, done)
        if stand_in and now - last_analyze > 20:
            analyze(db)
            last_analyze = now
        if now - last_print > 10:
            print(f"  applied {done:,} of {total:,} ({done / (now - started):,.0f}/s)", flush=True)
            last_print = now
        time.sleep(0.01)
    finished = time.monotonic()
    stop.set()
    for thread in threads:
        thread.join(30)
    if consumer.dead_lettered_total:
        print(f"WARNING: {consumer.dead_lettered_total} event(s) dead-lettered", flush=True)
    t10, n10 = marks.get(0.1, (finished, total))
    t90, n90 = marks.get(0.9, (started, 0))
    return {"events": total, "seconds": finished - started, "overall": total / (finished - started),
            "first10": n10 / max(t10 - started, 1e-6), "last10": (total - n90) / max(finished - t90, 1e-6)}


def read_latency(settings, db: Database, reads: int) -> dict:
    from services.reporting.app import create_app
    from shared.web.auth import issue_token

    app = create_app(settings, db=db)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {issue_token(settings, 'bench', 'admin')}"}
    result = {}
    for name, path, count in (("dept", "/api/v1/reports/OPD07?period=2026", reads),
                              ("city", "/api/v1/reports/city?period=2026", max(20, reads // 2))):
        client.get(path, headers=headers)  # warm-up
        timings = []
        for _ in range(count):
            t = time.perf_counter()
            resp = client.get(path, headers=headers)
            timings.append((time.perf_counter() - t) * 1000)
            assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
        result[f"{name}_p50"], result[f"{name}_p99"] = statistics.median(timings), percentile(timings, 99)
    return result


if __name__ == "__main__":
    sys.exit(main())
