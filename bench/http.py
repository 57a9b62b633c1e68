"""Benchmark: personnel's POST /api/v1/training-records under gunicorn, against a plain Flask + SQLAlchemy Core app.

    python bench/http.py [--step-seconds 5] [--rates 50,100,...] [--employees 300]

Each app runs under gunicorn as docker-compose.yml starts personnel's web (2 workers x 4
threads, gthread, and the repository's gunicorn.conf.py, as the image has) on this machine's PostgreSQL, in a scratch database of personnel's schema
with the same seeded department, programme and employees. An async load generator (its own
process, keep-alive connections, at most --max-in-flight requests at once) sends requests at
a fixed rate, open loop: each request's latency counts from when it was due, so a server that
falls behind shows it. The rate rises step by step, each step run against both apps in turn (so
that both meet the same moments of a shared machine); a step is sustained when every request
succeeded (201), the achieved rate is within 5 % of the target and p99 < 50 ms; a step that
fails is run up to twice more before the rise stops (the machine is shared). Then the gap between the
highest sustained rate and the first failed one is halved three times, apps in turn. Each record
is new (its own employee/date and certificate number). `personnel_rate` and `plain_rate` are
the highest sustained rates; `ratio = personnel_rate / plain_rate`; `*_cpu_ms`, the CPU time
of each app's gunicorn workers per request (from /proc), which moves least with the load; `*_db_cpu_ms`,
the same for the PostgreSQL backends serving each app's database. See bench/http_apps.py for
the two apps. Needs TEST_DATABASE_URL (or BENCH_DATABASE_URL).
"""
from __future__ import annotations

import sys
from pathlib import Path

# The repository root, not bench/, first on the path: this file's name would hide the standard http package.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import multiprocessing as mp  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import psycopg  # noqa: E402

from shared.config import load_settings  # noqa: E402
from shared.web.auth import issue_token  # noqa: E402
from tests.support import seed  # noqa: E402
from tests.support.databases import DatabaseFactory  # noqa: E402

DATABASE = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL",
                                                                  "postgresql://postgres@127.0.0.1:5432/postgres")
BROKER = os.environ.get("BENCH_BROKER_URL") or os.environ.get("TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
SECRET = "bench-http-secret-0123456789abcdef0123"
P99_LIMIT_MS = 50.0
TRIES = 3  # a step fails only if it fails this many times in a row
WARM_UP_SECONDS = 5
REFINE = 3  # halvings of the gap between the last sustained and the first failed rate (1/8 of a step)
REQUEST_TIMEOUT = 10.0  # seconds: a request still unanswered then counts as an error (the bench never hangs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_database(db, employees: int) -> list[str]:
    """A department, a programme and `employees` employees, through personnel's own API (test client)."""
    from services.personnel.app import create_app

    settings = load_settings("personnel", database_url=db.url, broker_url=BROKER, jwt_secret=SECRET,
                             migrate_on_start=False)
    client = create_app(settings, db=db).test_client()
    admin = {"Authorization": f"Bearer {issue_token(settings, 'bench-admin', 'admin', name='Bench')}"}
    seed.department(client, admin, code="DINKES")
    seed.programme(client, admin, code="TEKNIS-01", jp=12)
    return [seed.employee(client, admin)["id"] for _ in range(employees)]


def start_gunicorn(app: str, db_url: str, port: int, log) -> subprocess.Popen:
    """gunicorn serving `app`; its output goes to the file `log` (a pipe nobody reads would fill and stop the app)."""
    env = {**os.environ, "DATABASE_URL": db_url, "BROKER_URL": BROKER, "JWT_SECRET": SECRET}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
         "--worker-class", "gthread", "--log-level", "warning", app],
        # In the repository, as compose's run in /app: gunicorn imports the app from there and reads ./gunicorn.conf.py.
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            time.sleep(1.0)  # both workers up
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn {app} exited; its output is in {log.name}") from None
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"gunicorn {app} did not start")


# -- the load generator ---------------------------------------------------------------------
async def _request(reader, writer, port, path, body: bytes, token: str) -> int:
    writer.write(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                 f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    length, keep = 0, True
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "connection" and value.strip().lower() == "close":
            keep = False
    await reader.readexactly(length)
    if not keep:
        raise ConnectionResetError("server closes")
    return int(status_line.split()[1])


async def _run_step(port, rate, seconds, bodies, token, max_in_flight):
    n = int(rate * seconds)
    free: asyncio.Queue = asyncio.Queue()
    for _ in range(max_in_flight):
        free.put_nowait(None)
    latencies, errors = [], []
    t0 = time.perf_counter() + 0.05

    async def one(i, conn):
        due = t0 + i / rate
        try:
            if conn is None:
                conn = await asyncio.open_connection("127.0.0.1", port)
            status = await asyncio.wait_for(_request(*conn, port, "/api/v1/training-records", next(bodies), token),
                                            REQUEST_TIMEOUT)
            if status != 201:
                errors.append(status)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            errors.append(repr(exc))
            conn = None
        latencies.append((time.perf_counter() - due) * 1000)
        free.put_nowait(conn)

    tasks = []
    for i in range(n):
        delay = t0 + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        conn = await free.get()  # at most max_in_flight at once: a server that falls behind makes requests late
        tasks.append(asyncio.create_task(one(i, conn)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - t0
    while not free.empty():
        conn = free.get_nowait()
        if conn is not None:
            conn[1].close()
    latencies.sort()
    return {"n": n, "rate": rate, "achieved": n / elapsed, "p50": latencies[len(latencies) // 2],
            "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)], "errors": len(errors),
            "first_error": errors[0] if errors else None}


def _bodies(employees, offset):
    i = offset
    base = date(2001, 1, 1)
    while True:
        day = base + timedelta(days=i // len(employees))
        yield json.dumps({"employee_id": employees[i % len(employees)], "programme_code": "TEKNIS-01",
                          "start_date": day.isoformat(), "end_date": day.isoformat(), "jp": 2,
                          "certificate_number": f"BENCH-{i}"}).encode()
        i += 1


def _load_process(targets, databases, rates, seconds, token, max_in_flight, out):
    """Each rate against each app in turn (so both meet the same moment of a shared machine), until each fails."""
    async def run():
        bodies = {name: _bodies(employees, 0) for name, (_port, employees, _pid) in targets.items()}
        for name, (port, _employees, _pid) in targets.items():  # warm-up: connections, caches, prepared statements
            await _run_step(port, min(rates), WARM_UP_SECONDS, bodies[name], token, max_in_flight)
        results = {name: [] for name in targets}
        cpu_before = {name: workers_cpu(pid) for name, (_port, _e, pid) in targets.items()}
        db_before = {name: backends_cpu(db_name) for name, db_name in databases.items()}
        sent = dict.fromkeys(targets, 0)

        async def step_with_retries(name, port, rate):
            # Up to TRIES: on a shared machine one step's tail may be someone else's (a checkpoint, a neighbour).
            for _ in range(TRIES):
                step = await _run_step(port, rate, seconds, bodies[name], token, max_in_flight)
                sent[name] += step["n"]
                print(_line(name, step), flush=True)
                if _sustained(step):
                    break
            return step
        for rate in rates:
            for name, (port, _employees, _pid) in targets.items():
                if results[name] and not _sustained(results[name][-1]):
                    continue  # this one stopped rising
                results[name].append(await step_with_retries(name, port, rate))
            if all(not _sustained(steps[-1]) for steps in results.values()):
                break
        # The list's steps are coarse (300, 400, 500: a ratio of 0.75 or 1.0): halve the gap between
        # each app's highest sustained rate and its first failed one, REFINE times, apps in turn.
        bounds = {name: _bounds(steps) for name, steps in results.items()}
        for _ in range(REFINE):
            for name, (port, _employees, _pid) in targets.items():
                low, high = bounds[name]
                if high is None or high - low <= 10:
                    continue
                rate = (low + high) // 2
                step = await step_with_retries(name, port, rate)
                results[name].append(step)
                bounds[name] = (rate, high) if _sustained(step) else (low, rate)
        # CPU per request of each app's gunicorn workers: moves far less with the machine's load than a rate
        cpu_ms = {name: (workers_cpu(pid) - cpu_before[name]) / sent[name] * 1000
                  for name, (_port, _e, pid) in targets.items()}
        db_cpu_ms = {}
        for name, db_name in databases.items():
            after = backends_cpu(db_name)
            db_cpu_ms[name] = (sum(after.values()) - sum(db_before[name].get(pid, 0.0) for pid in after)) \
                / sent[name] * 1000
        return results, cpu_ms, db_cpu_ms

    out.put(asyncio.run(run()))


def _process_cpu(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds user + system so far) of a process, from Linux's /proc; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backends_cpu(database: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving `database` (the server runs on this machine)."""
    with psycopg.connect(DATABASE, autocommit=True) as conn:
        pids = [pid for (pid,) in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> "
                                               "pg_backend_pid()", (database,))]
    return {pid: cpu[1] for pid in pids if (cpu := _process_cpu(pid)) is not None}


def workers_cpu(master: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn master's worker processes (Linux /proc)."""
    processes = (_process_cpu(int(stat.parent.name)) for stat in Path("/proc").glob("[0-9]*/stat"))
    return sum(cpu for parent, cpu in filter(None, processes) if parent == master)


def _bounds(steps) -> tuple[int, int | None]:
    """The highest sustained rate (0 if none) and the first failed rate above it (None: it never failed)."""
    low = max([step["rate"] for step in steps if _sustained(step)], default=0)
    high = min([step["rate"] for step in steps if not _sustained(step) and step["rate"] > low], default=None)
    return low, high


def _sustained(step) -> bool:
    return step["errors"] == 0 and step["p99"] < P99_LIMIT_MS and step["achieved"] >= 0.95 * step["rate"]


def _line(name, step) -> str:
    return (f"{name:9s} {step['rate']:>5}/s -> {step['achieved']:7.1f}/s, p50 {step['p50']:6.1f} ms, "
            f"p99 {step['p99']:7.1f} ms, errors {step['errors']}"
            + (f" ({step['first_error']})" if step["errors"] else "")
            + ("" if _sustained(step) else "  <- not sustained") + f"  (load {os.getloadavg()[0]:.1f})")


def measure(apps: dict, token, args) -> tuple[dict[str, int], dict[str, float], dict[str, float]]:
    """Start each app under gunicorn, drive them side by side; each one's highest sustained rate, and the CPU
    ms per request of its workers and of its database's backends."""
    procs, targets, logs, databases = [], {}, {}, {}
    try:
        for name, (app, db_url, employees) in apps.items():
            port = free_port()
            log = tempfile.NamedTemporaryFile("w", prefix=f"bench-http-{name}-", suffix=".log", delete=False)
            logs[name] = log.name
            procs.append(start_gunicorn(app, db_url, port, log))
            targets[name] = (port, employees, procs[-1].pid)
            databases[name] = db_url.rsplit("/", 1)[1].split("?")[0]
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        load = ctx.Process(target=_load_process, args=(targets, databases, args.rates, args.step_seconds, token,
                                                       args.max_in_flight, out))
        load.start()
        results, cpu_ms, db_cpu_ms = out.get(timeout=60 + 2 * TRIES * (len(args.rates) + REFINE) * (args.step_seconds + 30))
        load.join(10)
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    for name, path in logs.items():
        errors = [line for line in Path(path).read_text().splitlines() if "ERROR" in line]
        print(f"{name}: {len(errors)} error line(s) in the app's log {path}" + (f", first: {errors[0]}" if errors else ""))
    return {name: max([step["rate"] for step in steps if _sustained(step)], default=0)
            for name, steps in results.items()}, cpu_ms, db_cpu_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", type=lambda s: [int(x) for x in s.split(",")],
                        default=[50, 100, 150, 200, 250, 300, 400, 500, 600, 700, 800, 1000, 1200, 1500])
    parser.add_argument("--step-seconds", type=float, default=5.0)
    parser.add_argument("--employees", type=int, default=300)
    parser.add_argument("--max-in-flight", type=int, default=32)
    args = parser.parse_args()

    factory = DatabaseFactory(DATABASE)
    try:
        personnel_db, plain_db = factory.fresh("personnel"), factory.fresh("personnel")
        employees = seed_database(personnel_db, args.employees)
        plain_employees = seed_database(plain_db, args.employees)
        settings = load_settings("personnel", jwt_secret=SECRET)
        token = issue_token(settings, "bench-operator", "admin", name="Bench")
        best, cpu_ms, db_cpu_ms = measure({"personnel": ("bench.http_apps:personnel()", personnel_db.url, employees),
                        "plain": ("bench.http_apps:plain()", plain_db.url, plain_employees)}, token, args)
        personnel_rate, plain_rate = best["personnel"], best["plain"]
    finally:
        factory.close()
    ratio = personnel_rate / plain_rate if plain_rate else 0.0
    print(f"personnel_rate={personnel_rate} plain_rate={plain_rate} ratio={ratio:.2f} p99_limit_ms={P99_LIMIT_MS:.0f} "
          f"personnel_cpu_ms={cpu_ms['personnel']:.2f} plain_cpu_ms={cpu_ms['plain']:.2f} "
          f"personnel_db_cpu_ms={db_cpu_ms['personnel']:.2f} plain_db_cpu_ms={db_cpu_ms['plain']:.2f} "
          f"load_avg={os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
