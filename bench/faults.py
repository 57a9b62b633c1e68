"""Fault injection: the suite's processes under load, one fault at a time; what users wrote must all arrive, once.

    python bench/faults.py                       # every experiment (about 6 minutes here)
    python bench/faults.py --short               # CI: a consumer killed, PostgreSQL restarted, two relays across a restart
    python bench/faults.py --experiments postgres-restart,broker-restart

The eight application processes of docker-compose.yml (a web and a worker per service) run here
as local processes with the compose file's own commands and environment (.env.example with every
placeholder a random value, as an operator fills it in; host names mapped to loopback, each web
on a free port). They run against servers of the script's own, so that they can be restarted and
starved without touching the machine's: a PostgreSQL cluster made with initdb on another port,
given its databases and roles by deploy/postgres/init-databases.sh, and a RabbitMQ node that
loads, at boot, the definitions rendered by the compose file's broker-definitions command (a
broker user per service, each allowed only its own routing keys and queues). Staff tokens come
from the test OpenID provider (tests/oidc), configured like deploy/keycloak/.

Each experiment gets its own department and employees, then drives a bounded load: training
records through personnel's API (staff) and feedback through consultation's public API (one
address per citizen, as the proxy forwards it), each write with its own Idempotency-Key and
retried with that key after a 5xx, a 409 or a broken connection, as a client should. While the
load runs it injects one fault, heals it, and waits until reporting agrees. Then it compares:

- lost: acknowledged writes (a 201) missing from the producer's database or from reporting's
  tables or figures once reporting has converged (or the wait timed out);
- applied_twice: rows or figures beyond what was acknowledged (a producer row no 201 stands for,
  an employee's JP tally in reporting above the sum of their records, a figure above the count);
- dlq: messages that reached any dead-letter queue during the experiment;
- http_5xx: 5xx answers the clients saw (they retried them; not a failure by itself);
- converge_s: seconds from the later of the heal and the last acknowledged write until reporting
  held every acknowledged write.

One line per experiment, then a summary line; the exit status is 1 when anything was lost,
applied twice or dead-lettered. Needs root (scratch servers, iptables), Node.js with
tests/oidc installed, and the venv. Never touches the machine's own RabbitMQ or PostgreSQL.
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import queue
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # the root, not bench/ (bench/http.py would hide http)

import pika  # noqa: E402
import requests  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from tests.support import compose, oidc, scratch  # noqa: E402

SERVICES = ("personnel", "consultation", "survey", "reporting")
PROCESSES = [f"{svc}-{kind}" for svc in SERVICES for kind in ("web", "worker")]
YEAR = 2026
HEALTHY_WATERMARK = "0.4"


def log(message: str) -> None:
    print(f"# {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def wait_until(fn, timeout: float, message: str, interval: float = 0.3):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            last = fn()
            if last:
                return last
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {message}; last: {last}")


# --------------------------------------------------------------------------------------------------
# The suite: scratch servers, the identity provider, and the compose file's processes


class Suite:
    """The compose file's eight processes on scratch servers, under a supervisor that restarts a process
    that exits, as `restart: unless-stopped` does."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True)
        self.env = {name: (secrets.token_hex(24) if "change-me" in value else value)
                    for name, value in compose.read_env_file(ROOT / ".env.example").items()}
        self.procs: dict[str, subprocess.Popen] = {}
        self.wanted: set[str] = set()  # processes the supervisor keeps running
        self.restarts: dict[str, int] = {}  # restarts of processes that exited without being killed
        self.killed: set[str] = set()
        self.lock = threading.RLock()
        self.ports = {svc: scratch.free_port() for svc in SERVICES}
        self.provider = self.pg = self.rabbit = None
        self._stop = threading.Event()

    # -- infrastructure -----------------------------------------------------------------------------
    def start(self) -> None:
        self.provider = oidc.start_provider(self.workdir / "oidc")
        for svc in SERVICES:
            self.env[f"{svc.upper()}_OIDC_CLIENT_SECRET"] = self.provider.client_secret(f"asn-{svc}")
        self.env["OIDC_ISSUER"] = self.provider.issuer
        self.env["OIDC_METADATA_URL"] = f"{self.provider.issuer}/.well-known/openid-configuration"
        self.spec = compose.load(ROOT / "docker-compose.yml", self.env)
        self.volumes = {"broker-definitions": self.workdir / "definitions",
                        "attachments": self.workdir / "attachments"}
        for path in self.volumes.values():
            path.mkdir()

        log("scratch PostgreSQL: initdb")
        self.pg = scratch.ScratchPostgres()
        self.pg.start()
        pg_env = {**os.environ, **self.spec["services"]["postgres"]["environment"], "PGHOST": "127.0.0.1",
                  "PGPORT": str(self.pg.port), "POSTGRES_USER": "postgres"}
        subprocess.run(["bash", str(ROOT / "deploy/postgres/init-databases.sh")], env=pg_env, check=True,
                       capture_output=True)

        log("broker definitions, as the compose file renders them; scratch RabbitMQ loads them at boot")
        self._run_once("broker-definitions")
        self.rabbit = scratch.ScratchRabbit("faults")
        with open(self.rabbit.dir / "rabbitmq.conf", "a") as conf:
            conf.write(f"load_definitions = {self.volumes['broker-definitions'] / 'definitions.json'}\n")
        self.rabbit.start()
        admin = self.spec["services"]["broker-definitions"]["environment"]
        self.admin_amqp = (f"amqp://{admin['BROKER_ADMIN_USER']}:{admin['BROKER_ADMIN_PASSWORD']}"
                           f"@127.0.0.1:{self.rabbit.port}/%2F")
        self._declare_tap()
        self.engines = {svc: sa.create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{self.pg.port}/{svc}",
                                              pool_pre_ping=True) for svc in SERVICES}

        log("starting the eight processes")
        for name in PROCESSES:
            self.spawn(name)
        for svc in SERVICES:
            wait_until(lambda svc=svc: requests.get(f"{self.url(svc)}/readyz", timeout=5).status_code == 200,
                       120, f"{svc}-web ready")
        threading.Thread(target=self._supervise, daemon=True, name="supervisor").start()

    def close(self) -> None:
        self._stop.set()
        with self.lock:
            self.wanted.clear()
            for name in list(self.procs):
                self.terminate(name)
        for engine in getattr(self, "engines", {}).values():
            engine.dispose()
        for server in (self.rabbit, self.pg):
            if server is not None:
                server.close()
        if self.provider is not None:
            self.provider.stop()

    # -- the compose file's processes ----------------------------------------------------------------
    def _local(self, value: str) -> str:
        """A value of the compose file as it reads on this machine: servers and mounts."""
        value = value.replace("@postgres:5432/", f"@127.0.0.1:{self.pg.port}/")
        if self.rabbit is not None:
            value = value.replace("@rabbitmq:5672/", f"@127.0.0.1:{self.rabbit.port}/")
        return value

    def _mounts(self, container: dict) -> dict[str, str]:
        mounts = {}
        for volume in container.get("volumes", []):
            source, target = volume.split(":")[:2]
            local = ROOT / source if source.startswith("./") else self.volumes[source]
            mounts[target] = str(local)
        return mounts

    def _command(self, name: str) -> tuple[list[str], dict]:
        container = self.spec["services"][name.split("#")[0]]
        mounts = self._mounts(container)

        def local(value: str) -> str:
            value = self._local(value)
            for target, source in mounts.items():
                if value == target or value.startswith(target + "/"):
                    value = source + value[len(target):]
            return value

        command = [local(arg) for arg in container["command"]]
        if name.endswith("-web"):  # each web on a port of its own: other runs may hold 8001-8004
            svc = name.split("-")[0]
            command = [re.sub(r"0\.0\.0\.0:\d+", f"127.0.0.1:{self.ports[svc]}", arg) for arg in command]
        environment = {k: local(str(v)) for k, v in container.get("environment", {}).items()}
        if "WORKER_HEARTBEAT_FILE" in environment:
            environment["WORKER_HEARTBEAT_FILE"] = str(self.logs / f"{name}.alive")
        path = f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"
        return command, {"PATH": path, "HOME": os.environ.get("HOME", "/root"), **environment}

    def _run_once(self, name: str) -> None:
        command, env = self._command(name)
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{name} failed: {done.stderr[-2000:]}")

    def spawn(self, name: str) -> None:
        """Start `name` (e.g. reporting-worker, or reporting-worker#2 for a second replica)."""
        command, env = self._command(name)
        with self.lock:
            out = open(self.logs / f"{name}.log", "a")  # noqa: SIM115 - the child holds it
            self.procs[name] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                                start_new_session=True)
            out.close()
            self.wanted.add(name)

    def wait_alive(self, name: str, timeout: float = 90) -> None:
        """Until the worker's health-check heartbeat is fresh: migrations done, every loop running."""
        beat = self.logs / f"{name}.alive"
        started = time.time()
        wait_until(lambda: beat.exists() and beat.stat().st_mtime > started, timeout, f"{name} running")

    def kill9(self, name: str) -> None:
        """kill -9, as the kernel's OOM killer or a power cut would; the supervisor brings it back."""
        with self.lock:
            self.killed.add(name)
            os.killpg(self.procs[name].pid, signal.SIGKILL)

    def terminate(self, name: str) -> None:
        """`docker compose stop`: SIGTERM, the grace period, then SIGKILL."""
        with self.lock:
            self.wanted.discard(name)
            proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def _supervise(self) -> None:
        while not self._stop.is_set():
            with self.lock:
                for name in list(self.wanted):
                    proc = self.procs.get(name)
                    if proc is not None and proc.poll() is not None:
                        if name in self.killed:
                            self.killed.discard(name)
                        else:
                            self.restarts[name] = self.restarts.get(name, 0) + 1
                        log(f"{name} exited ({proc.returncode}); restarting it")
                        self.spawn(name)
            self._stop.wait(1.0)

    def url(self, svc: str) -> str:
        return f"http://127.0.0.1:{self.ports[svc]}"

    # -- what the checks read -------------------------------------------------------------------------
    def query(self, svc: str, sql: str, **params) -> list:
        with self.engines[svc].connect() as conn:
            return list(conn.execute(sa.text(sql), params))

    def dead_letters(self) -> int:
        out = self.rabbit.ctl("list_queues", "-q", "--no-table-headers", "name", "messages")
        total = 0
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0].endswith(".dlq"):
                total += int(parts[1])
        return total

    TAP = "bench.faults.tap"

    def _declare_tap(self) -> None:
        """A queue of the script's own that hears the load's events, to count what a relay published twice."""
        conn = pika.BlockingConnection(pika.URLParameters(self.admin_amqp))
        channel = conn.channel()
        channel.queue_declare(self.TAP, durable=True, arguments={"x-queue-type": "quorum"})
        for key in ("personnel.training.#", "consultation.feedback.#"):
            channel.queue_bind(self.TAP, "asn.events", key)
        conn.close()

    def drain_tap(self) -> list[str]:
        """The message ids (event ids) the tap heard since the last call."""
        conn = pika.BlockingConnection(pika.URLParameters(self.admin_amqp))
        channel, ids = conn.channel(), []
        while True:
            method, properties, _body = channel.basic_get(self.TAP, auto_ack=True)
            if method is None:
                break
            ids.append(properties.message_id)
        conn.close()
        return ids

    def worker_waiting_on_a_lock(self, svc: str) -> str | None:
        """The worker process whose session in `svc`'s database waits on a lock, found by its client port."""
        ports = {row[0] for row in self.query(svc, "SELECT client_port FROM pg_stat_activity WHERE datname = :d "
                                                   "AND wait_event_type = 'Lock'", d=svc)}
        sockets = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) in ports:
                    sockets.add(f"socket:[{fields[9]}]")
        with self.lock:
            candidates = {name: proc.pid for name, proc in self.procs.items() if name.split("#")[0] == f"{svc}-worker"}
        for name, pid in candidates.items():
            with contextlib.suppress(OSError):
                fds = Path(f"/proc/{pid}/fd")
                if any(os.readlink(fds / fd) in sockets for fd in os.listdir(fds)):
                    return name
        return None

    def unpublished(self, svc: str) -> int:
        return self.query(svc, "SELECT count(*) FROM outbox WHERE published_at IS NULL")[0][0]


# --------------------------------------------------------------------------------------------------
# The load: training records and feedback, each with an Idempotency-Key, retried as a client should


class Tokens:
    """Staff access tokens per audience from the provider (they live 300 s: taken again when refused)."""

    def __init__(self, provider):
        self.provider, self.cache, self.lock = provider, {}, threading.Lock()

    def headers(self, svc: str, fresh: bool = False) -> dict:
        with self.lock:
            if fresh or svc not in self.cache or time.monotonic() - self.cache[svc][1] > 200:
                self.cache[svc] = (self.provider.user_token(oidc.ADMIN, f"asn-{svc}"), time.monotonic())
            return {"Authorization": f"Bearer {self.cache[svc][0]}"}


@dataclass
class Outcome:
    """What the clients saw."""

    training: dict = field(default_factory=dict)  # record id -> (employee id, jp)
    feedback: list = field(default_factory=list)  # tracking ids
    http_5xx: int = 0
    retries: int = 0
    refused: list = field(default_factory=list)  # 4xx other than 401/409/429: a client error, or a bug
    gave_up: int = 0
    last_ack: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def write(session: requests.Session, tokens: Tokens, outcome: Outcome, svc: str, path: str, body: dict,
          staff: bool, extra_headers: dict | None = None, give_up_after: float = 180) -> dict | None:
    """POST once in effect: the same Idempotency-Key on every attempt until a 201 or a refusal."""
    key = str(uuid.uuid4())
    deadline = time.monotonic() + give_up_after
    fresh, delay = False, 0.2
    while time.monotonic() < deadline:
        headers = {"Idempotency-Key": key, **(extra_headers or {})}
        if staff:
            headers.update(tokens.headers(svc, fresh=fresh))
        try:
            response = session.post(f"{path}", json=body, headers=headers, timeout=15)
        except requests.RequestException:
            response = None
        if response is not None and response.status_code == 201:
            with outcome.lock:
                outcome.last_ack = time.monotonic()
            return response.json()
        if response is not None and response.status_code == 401 and not fresh:
            fresh = True
            continue
        if response is not None and 400 <= response.status_code < 500 and response.status_code not in (409, 429):
            with outcome.lock:
                outcome.refused.append(f"{response.status_code} {path}: {response.text[:200]}")
            return None
        with outcome.lock:
            outcome.retries += 1
            if response is not None and response.status_code >= 500:
                outcome.http_5xx += 1
        time.sleep(delay)
        delay = min(delay * 2, 3.0)
    with outcome.lock:
        outcome.gave_up += 1
    return None


def nip(n: int) -> str:
    """A well-formed NIP (birth date, appointment month, sex, sequence), unique per n."""
    born = date(1975, 1, 1) + timedelta(days=n // 999)
    return f"{born:%Y%m%d} 200501 1 {n % 999 + 1:03d}"


_employee_numbers = itertools.count(1)


@dataclass
class Plan:
    training: int
    feedback: int
    rate: float  # writes per second, both kinds together
    threads: int = 6


def seed_experiment(suite: Suite, tokens: Tokens, code: str, employees: int = 8) -> list[str]:
    """A department and its employees for one experiment (so that its figures are its own)."""
    base, session, outcome = suite.url("personnel") + "/api/v1", requests.Session(), Outcome()
    assert write(session, tokens, outcome, "personnel", f"{base}/departments",
                 {"code": code, "name": f"Dinas Uji {code}", "type": "dinas"}, staff=True), outcome.refused
    ids = []
    for _ in range(employees):
        n = next(_employee_numbers)
        made = write(session, tokens, outcome, "personnel", f"{base}/employees", {
            "nip": nip(n), "name": f"Pegawai Uji {n}", "employee_type": "PNS", "department_code": code,
            "rank": "III/a", "position_title": "Analis", "position_type": "pelaksana"}, staff=True)
        assert made, outcome.refused
        ids.append(made["id"])
    # Consultation accepts feedback for a department it knows from personnel's events.
    wait_until(lambda: suite.query("consultation", "SELECT 1 FROM departments WHERE code = :c", c=code), 90,
               f"consultation to learn {code}")
    return ids


def run_load(suite: Suite, tokens: Tokens, code: str, employees: list[str], plan: Plan, outcome: Outcome,
             started: threading.Event) -> None:
    """The writes, spread over time at `plan.rate`, by `plan.threads` clients; returns when all are answered."""
    tasks: queue.Queue = queue.Queue()
    kinds = ["training"] * plan.training + ["feedback"] * plan.feedback
    random.Random(code).shuffle(kinds)
    t0 = time.monotonic()
    for i, kind in enumerate(kinds):
        tasks.put((t0 + i / plan.rate, i, kind))
    personnel, consultation = suite.url("personnel") + "/api/v1", suite.url("consultation") + "/api/v1"

    def client():
        session = requests.Session()
        while True:
            try:
                at, i, kind = tasks.get_nowait()
            except queue.Empty:
                return
            time.sleep(max(0.0, at - time.monotonic()))
            started.set()
            if kind == "training":
                employee, jp = employees[i % len(employees)], 1 + i % 12
                start = date(YEAR, 1, 1) + timedelta(days=(i // len(employees)) % 300)
                made = write(session, tokens, outcome, "personnel", f"{personnel}/training-records", {
                    "employee_id": employee, "programme_code": "FAULTS-01", "jp": jp,
                    "start_date": start.isoformat(), "end_date": start.isoformat()}, staff=True)
                if made:
                    with outcome.lock:
                        outcome.training[made["id"]] = (employee, jp)
            else:
                # A citizen behind the proxy: the proxy's X-Forwarded-For names them (each their own limit).
                citizen = {"X-Forwarded-For": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"}
                made = write(session, tokens, outcome, "consultation", f"{consultation}/feedback", {
                    "kind": "pengaduan", "category": "waktu_layanan", "department_code": code,
                    "text": f"Antrean di loket pelayanan terlalu lama (uji gangguan {i})."},
                    staff=False, extra_headers=citizen)
                if made:
                    with outcome.lock:
                        outcome.feedback.append(made["tracking_id"])

    threads = [threading.Thread(target=client, daemon=True) for _ in range(plan.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --------------------------------------------------------------------------------------------------
# The comparison


def compare(suite: Suite, tokens: Tokens, code: str, employees: list[str], outcome: Outcome) -> dict:
    """Producers' databases and reporting's tables and figures against what was acknowledged."""
    acked_records = set(outcome.training)
    rows = suite.query("personnel", "SELECT id FROM training_records WHERE employee_id = ANY(:e)", e=employees)
    personnel_ids = {r[0] for r in rows}
    feedback_rows = suite.query("consultation", "SELECT tracking_id, id FROM feedback WHERE department_code = :c",
                                c=code)
    feedback_ids = dict(feedback_rows)
    acked_feedback = set(outcome.feedback)
    facts = dict(suite.query("reporting", "SELECT record_id, jp FROM training_facts WHERE record_id = ANY(:r)",
                             r=list(acked_records)))
    reported_feedback = {r[0] for r in suite.query(
        "reporting", "SELECT feedback_id FROM feedback_items WHERE department_code = :c", c=code)}
    tallies = dict(suite.query("reporting", "SELECT employee_id, q1 + q2 + q3 + q4 FROM employee_jp "
                                            "WHERE employee_id = ANY(:e) AND year = :y", e=employees, y=YEAR))
    expected_jp: dict[str, int] = {}
    for employee, jp in outcome.training.values():
        expected_jp[employee] = expected_jp.get(employee, 0) + jp
    wanted_feedback = {feedback_ids[t] for t in acked_feedback if t in feedback_ids}
    return {
        "producer_lost": len(acked_records - personnel_ids) + len(acked_feedback - set(feedback_ids)),
        "producer_extra": len(personnel_ids - acked_records) + len(set(feedback_ids) - acked_feedback),
        "reporting_missing": len(acked_records - set(facts)) + len(wanted_feedback - reported_feedback),
        "reporting_extra": len(reported_feedback - set(feedback_ids.values())),
        "tally_over": sum(1 for e in employees if tallies.get(e, 0) > expected_jp.get(e, 0)),
        "tally_under": sum(1 for e in employees if tallies.get(e, 0) < expected_jp.get(e, 0)),
    }


def figures(suite: Suite, tokens: Tokens, code: str) -> dict:
    """What staff read in reporting: the department's training hours and its report's feedback count."""
    base = suite.url("reporting") + "/api/v1"
    hours = requests.get(f"{base}/training-hours", params={"year": YEAR, "department_code": code},
                         headers=tokens.headers("reporting"), timeout=30).json()
    row = next((r for r in hours["departments"] if r["department_code"] == code), {"jp_total": 0, "records": 0})
    report = requests.get(f"{base}/reports/{code}", params={"period": str(YEAR)},
                          headers=tokens.headers("reporting"), timeout=30).json()
    feedback_n = (report.get("sections") or {}).get("responsiveness", {}).get("n", 0)
    return {"jp": row["jp_total"] or 0, "records": row["records"], "feedback": feedback_n}


# --------------------------------------------------------------------------------------------------
# The experiments: each a context manager that is entered mid-load (the fault) and left to heal it


@dataclass
class Experiment:
    name: str
    doc: str
    inject: object  # (suite, context) -> None: the fault, up to its heal
    replicas: tuple[str, ...] = ()  # extra processes for the experiment (e.g. a second relay)
    when: str = "early"  # "early": soon after the load starts; "consumer-busy": once reporting is applying it


def kill_mid_batch(*services: str):
    """kill -9 a worker while it provably holds a batch. Its replicas are frozen (SIGSTOP) for 3 s, so that a
    backlog builds up; the script then row-locks what the batch must write (the outbox rows a relay marks
    after the broker's confirm; the employees' JP tallies a consumer's transaction updates) and lets them go.
    The worker whose database session then waits on that lock is in the middle of its batch, a relay between
    the confirm and the mark, a consumer inside its transaction: that one is killed, then the lock released."""
    def inject(suite: Suite, ctx: dict) -> None:
        for svc in services:
            names = [n for n in suite.procs if n.split("#")[0] == f"{svc}-worker"]
            for name in names:
                os.killpg(suite.procs[name].pid, signal.SIGSTOP)
            time.sleep(3)
            with suite.engines[svc].connect() as conn:
                if svc == "reporting":
                    conn.execute(sa.text("SELECT 1 FROM employee_jp WHERE employee_id = ANY(:e) FOR UPDATE"),
                                 {"e": ctx["employees"]})
                else:
                    conn.execute(sa.text("SELECT 1 FROM outbox WHERE published_at IS NULL FOR UPDATE"))
                for name in names:
                    os.killpg(suite.procs[name].pid, signal.SIGCONT)
                try:
                    victim = wait_until(lambda svc=svc: suite.worker_waiting_on_a_lock(svc), 20,
                                        f"a {svc} worker blocked in its batch", interval=0.02)
                except TimeoutError:
                    victim = names[0]
                    log(f"no {svc} worker reached the lock in 20 s: killing {victim} anyway")
                suite.kill9(victim)
                ctx.setdefault("killed", []).append(victim)
                conn.rollback()
    return inject


class Skip(Exception):
    """The machine cannot run this experiment; the reason is printed on its line."""


def broker_restart(suite: Suite, ctx: dict) -> None:
    suite.rabbit.stop()
    time.sleep(5)
    suite.rabbit.start()


def postgres_restart(suite: Suite, ctx: dict) -> None:
    suite.pg.restart()  # pg_ctl restart -m fast: every open connection is cut


def amqp_drop(suite: Suite, ctx: dict) -> None:
    """Packets to and from the node's AMQP port vanish (a dead link, not a refused connection)."""
    if not shutil.which("iptables"):
        raise Skip("iptables is missing (apt-get install iptables): the dropped-port experiment needs it")
    port = str(suite.rabbit.port)
    rules = [["INPUT", "-i", "lo", "-p", "tcp", "--dport", port, "-j", "DROP"],
             ["INPUT", "-i", "lo", "-p", "tcp", "--sport", port, "-j", "DROP"]]
    comment = ["-m", "comment", "--comment", "asn-bench-faults"]
    for rule in rules:
        subprocess.run(["iptables", "-I", *rule, *comment], check=True)
    try:
        time.sleep(20)
    finally:
        for rule in rules:
            subprocess.run(["iptables", "-D", *rule, *comment], check=False)


def memory_alarm(suite: Suite, ctx: dict) -> None:
    suite.rabbit.ctl("set_vm_memory_high_watermark", "0.000001")  # every publisher blocked
    try:
        time.sleep(15)
    finally:
        suite.rabbit.ctl("set_vm_memory_high_watermark", HEALTHY_WATERMARK)


EXPERIMENTS = {e.name: e for e in (
    Experiment("kill-personnel-worker", "kill -9 personnel's worker between the broker's confirm and its mark",
               kill_mid_batch("personnel")),
    Experiment("kill-consultation-worker", "kill -9 consultation's worker between the broker's confirm and its mark",
               kill_mid_batch("consultation")),
    Experiment("kill-reporting-worker", "kill -9 reporting's worker inside its consumer's transaction",
               kill_mid_batch("reporting"), when="consumer-busy"),
    Experiment("broker-restart", "stop the RabbitMQ node, 5 s, start it", broker_restart),
    Experiment("postgres-restart", "pg_ctl restart -m fast of the PostgreSQL cluster", postgres_restart,
               when="consumer-busy"),
    Experiment("amqp-drop", "iptables DROP on the node's AMQP port for 20 s", amqp_drop),
    Experiment("memory-alarm", "RabbitMQ memory alarm (watermark 0.000001) for 15 s", memory_alarm),
    Experiment("two-workers-kill", "two replicas of personnel's and reporting's workers; kill -9 one of each",
               kill_mid_batch("personnel", "reporting"),
               replicas=("personnel-worker#2", "reporting-worker#2"), when="consumer-busy"),
    Experiment("two-relays-postgres-restart", "two relays each for personnel and consultation; PostgreSQL restart",
               postgres_restart, replicas=("personnel-worker#2", "consultation-worker#2"), when="consumer-busy"),
)}
SHORT = ("kill-reporting-worker", "postgres-restart", "two-relays-postgres-restart")


def in_flight_now(suite: Suite, code: str, outcome: Outcome) -> int:
    """Writes acknowledged but not yet in reporting (right after a kill -9: what the killed worker held)."""
    with outcome.lock:
        acked = len(outcome.training) + len(outcome.feedback)
    applied = suite.query("reporting", "SELECT (SELECT count(*) FROM training_facts WHERE department_code = :c)"
                                       " + (SELECT count(*) FROM feedback_items WHERE department_code = :c)", c=code)
    return acked - applied[0][0]


def run_experiment(suite: Suite, tokens: Tokens, experiment: Experiment, number: int, plan: Plan,
                   converge_timeout: float) -> dict:
    code = f"UJI{number:02d}"
    employees = seed_experiment(suite, tokens, code)
    for name in experiment.replicas:  # running before the load, so that the fault meets them at work
        suite.spawn(name)
        suite.wait_alive(name)
    dlq_before = suite.dead_letters()
    suite.drain_tap()
    outcome, started, ctx = Outcome(), threading.Event(), {"code": code, "employees": employees}
    load = threading.Thread(target=run_load, args=(suite, tokens, code, employees, plan, outcome, started))
    load.start()
    started.wait(30)
    skipped = None
    try:
        if experiment.when == "consumer-busy":  # reporting has applied some of this load, not all of it
            with contextlib.suppress(TimeoutError):
                wait_until(lambda: len(suite.query("reporting", "SELECT 1 FROM training_facts WHERE "
                                                   "department_code = :c LIMIT 10", c=code)) >= 10,
                           30, "reporting applying the load", interval=0.05)
        else:
            time.sleep(2)
        log(f"{experiment.name}: injecting ({experiment.doc})")
        experiment.inject(suite, ctx)
    except Skip as reason:
        skipped = str(reason)
    healed = time.monotonic()
    backlog = wait_until(lambda: (in_flight_now(suite, code, outcome),), 60, "the backlog")[0]
    # Catch-up: how long after the heal reporting holds every write acknowledged until then.
    with outcome.lock:
        before_heal = Outcome(training=dict(outcome.training), feedback=list(outcome.feedback))
    log(f"{experiment.name}: healed; {len(before_heal.training) + len(before_heal.feedback)} writes acknowledged")

    def caught_up(seen: Outcome):
        result = compare(suite, tokens, code, employees, seen)
        return result["reporting_missing"] == 0 and result["tally_under"] == 0

    try:
        wait_until(lambda: caught_up(before_heal), converge_timeout, "reporting to catch up", interval=0.25)
        converge_s = time.monotonic() - healed
    except TimeoutError:
        converge_s = float("nan")
    load.join()
    with contextlib.suppress(TimeoutError):  # the rest of the load; what is still missing then is lost
        wait_until(lambda: caught_up(outcome), converge_timeout, "every acknowledged write", interval=0.5)
    time.sleep(2)  # anything still in flight (a redelivery that would apply twice) lands now
    result = wait_until(lambda: compare(suite, tokens, code, employees, outcome), 60, "the comparison")
    shown = wait_until(lambda: figures(suite, tokens, code), 60, "reporting's figures")
    expected_jp = sum(jp for _e, jp in outcome.training.values())
    figure_lost = (max(0, len(outcome.training) - shown["records"]) + max(0, len(outcome.feedback) - shown["feedback"])
                   + (1 if shown["jp"] < expected_jp else 0))
    figure_extra = (max(0, shown["records"] - len(outcome.training)) + max(0, shown["feedback"] - len(outcome.feedback))
                    + (1 if shown["jp"] > expected_jp else 0))
    for name in experiment.replicas:
        suite.terminate(name)
    dlq = suite.dead_letters() - dlq_before
    heard = suite.drain_tap()
    if outcome.refused:
        log(f"{experiment.name}: refused writes: {outcome.refused[:3]}")
    return {
        "experiment": experiment.name,
        "lost": result["producer_lost"] + max(result["reporting_missing"], figure_lost),
        "applied_twice": result["producer_extra"] + result["reporting_extra"] + result["tally_over"] + figure_extra,
        "dlq": dlq,
        "http_5xx": outcome.http_5xx,
        "converge_s": f"{converge_s:.1f}",
        "acked": len(outcome.training) + len(outcome.feedback),
        "backlog_at_heal": backlog,
        **({"killed": ",".join(ctx["killed"])} if ctx.get("killed") else {}),
        # At least once: a relay killed between the broker's confirm and its mark publishes that batch
        # again after the restart; consumers' inboxes drop the copies (applied_twice counts any that got in).
        "published_twice": len(heard) - len(set(heard)),
        "retries": outcome.retries,
        "refused": len(outcome.refused),
        "gave_up": outcome.gave_up,
        **({"skipped": f'"{skipped}"'} if skipped else {}),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help=f"the CI version: {', '.join(SHORT)}")
    parser.add_argument("--experiments", help=f"comma-separated, from: {', '.join(EXPERIMENTS)}")
    parser.add_argument("--training", type=int, default=300, help="training records per experiment (default 300)")
    parser.add_argument("--feedback", type=int, default=100, help="feedback items per experiment (default 100)")
    parser.add_argument("--rate", type=float, default=20.0, help="writes per second (default 20)")
    parser.add_argument("--converge-timeout", type=float, default=180.0)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs) afterwards")
    args = parser.parse_args(argv)
    names = args.experiments.split(",") if args.experiments else list(SHORT if args.short else EXPERIMENTS)
    unknown = [n for n in names if n not in EXPERIMENTS]
    if unknown:
        parser.error(f"unknown experiment(s) {unknown}; known: {', '.join(EXPERIMENTS)}")
    reason = scratch.available() or oidc.unavailable_reason()
    if reason:
        print(f"faults: cannot run: {reason}", file=sys.stderr)
        return 2
    plan = Plan(training=args.training, feedback=args.feedback, rate=args.rate)

    workdir = Path(tempfile.mkdtemp(prefix="asn-faults-"))
    suite, results, began = Suite(workdir), [], time.monotonic()
    try:
        suite.start()
        tokens = Tokens(suite.provider)
        outcome = Outcome()
        write(requests.Session(), tokens, outcome, "personnel", suite.url("personnel") + "/api/v1/training-programmes",
              {"code": "FAULTS-01", "title": "Pelatihan Uji Gangguan", "kind": "teknis", "jp": 12}, staff=True)
        for number, name in enumerate(names, 1):
            result = run_experiment(suite, tokens, EXPERIMENTS[name], number, plan, args.converge_timeout)
            results.append(result)
            print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    finally:
        suite.close()
        if args.keep:
            log(f"logs kept in {workdir / 'logs'}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    totals = {k: sum(r[k] for r in results) for k in ("lost", "applied_twice", "dlq", "http_5xx", "acked")}
    converge = [float(r["converge_s"]) for r in results]
    worst = max(converge) if converge else 0.0
    ok = totals["lost"] == 0 and totals["applied_twice"] == 0 and totals["dlq"] == 0 and worst == worst
    print(" ".join([f"experiments={len(results)}", *(f"{k}={v}" for k, v in totals.items()),
                    f"max_converge_s={worst:.1f}", f"restarts={sum(suite.restarts.values())}",
                    f"wall_s={time.monotonic() - began:.0f}", f"ok={int(ok)}"]), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
