"""docker-compose.yml on a real Docker engine: the images built with the real Dockerfile, the
application containers started with docker-compose 1.29, and checked from inside.

Run by `.ci/compose-engine`, which installs the engine, starts it and builds the base image;
elsewhere this module skips (REQUIRE_ENGINE=1 makes that a failure). The override file
`.ci/compose-engine.yml` changes only the base image, the broker and database (this machine's),
the identity provider (the test OpenID provider) and the proxy (stand-ins: their images cannot be
pulled), and the network (host, so all traffic stays on loopback). The .env is .env.example with
every placeholder replaced, as an operator does: the services refuse to start with a placeholder.

What it proves, in order: the one-shot containers (the broker's definitions, the proxy's
certificate) finish with status 0 and every other container becomes healthy; the processes run as the non-root
user and migrated the databases as that service's own role; PID 1 of each container is the
service's own process (no shell that would swallow SIGTERM); each web worker read the image's
gunicorn.conf.py (it froze its startup objects out of the full garbage collections); the loop works over HTTP through the
published ports; `docker-compose stop` in the middle of a load of writes loses nothing and every
process exits by itself on SIGTERM within its grace time; `--scale reporting-worker=3` counts
nothing twice; a crashed container comes back by its restart policy and the loop resumes.
Figures are printed (run with -s) and summed up on one "engine figures" line.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
import requests
import yaml

from shared.broker_definitions import password_variable
from tests.support import compose
from tests.support.oidc import ADMIN, OPERATOR_DINKES

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("personnel", "consultation", "survey", "reporting")
PROJECT = "asn-engine"
VHOST = "asn-engine"
DB_PREFIX = "asn_engine_"
PERSONNEL, CONSULTATION, REPORTING = (f"http://127.0.0.1:{p}/api/v1" for p in (8001, 8002, 8004))
JP = 2  # each training record of the load counts this many JP in the report
FIGURES: dict[str, object] = {}

pytestmark = pytest.mark.engine


def _missing(reason: str):
    if os.environ.get("REQUIRE_ENGINE") == "1":
        pytest.fail(f"REQUIRE_ENGINE=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def run(*args, check=True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
                             f"{result.stderr[-3000:]}")
    return result


class Stack:
    """docker-compose with the real file and the CI override, plus what the test reads from the engine."""

    def __init__(self, base_image: str, broker_urls: dict[str, str], server_url: str, operators_env: dict[str, str]):
        self.env = {**os.environ, "ASN_BASE_IMAGE": base_image, "ENGINE_DB_PREFIX": DB_PREFIX,
                    "ENGINE_BROKER_PUBLISHERS": ",".join(f"{svc}={broker_user(svc)}" for svc in SERVICES),
                    **{f"ENGINE_BROKER_URL_{svc.upper()}": url for svc, url in broker_urls.items()}}
        self.server_url = server_url
        self.acknowledged: list[str] = []
        self.employee_id = ""
        self.spec = compose.load(ROOT / "docker-compose.yml", operators_env)
        folder = Path(tempfile.mkdtemp(prefix="asn-engine-"))
        env_file = folder / ".env"
        env_file.write_text("".join(f"{k}={v}\n" for k, v in operators_env.items()))
        # What runs once and exits (rabbitmq waits for the definitions, the proxy for its certificate):
        # the other containers are the ones that must stay up and healthy.
        self.one_shot = sorted({name for service in self.spec["services"].values()
                                for name, dep in (service.get("depends_on") or {}).items()
                                if isinstance(dep, dict) and dep.get("condition") == "service_completed_successfully"})
        self.long_running = len(self.spec["services"]) - len(self.one_shot)

        # docker-compose 1.29 merges the two files and interpolates; its client then refuses published
        # ports on host networking (the engine would only warn), and an override cannot remove a list
        # entry in 1.29, so the merged file drops `ports` of the host-networked services: with host
        # networking, each web process listens on its published port (8001-8004) itself.
        merged = yaml.safe_load(run("docker-compose", "--env-file", str(env_file), "-f", "docker-compose.yml",
                                    "-f", ".ci/compose-engine.yml", "config", cwd=ROOT, env=self.env).stdout)
        for service in merged["services"].values():
            if service.get("network_mode") == "host":
                service.pop("ports", None)
        self.file = folder / "docker-compose.merged.yml"
        self.file.write_text(yaml.safe_dump(merged, sort_keys=False))

    def dc(self, *args, check=True, timeout=600):
        return run("docker-compose", "-p", PROJECT, "--project-directory", str(ROOT), "-f", str(self.file), *args,
                   check=check, cwd=ROOT, env=self.env, timeout=timeout)

    def containers(self, service: str | None = None, running_only=False) -> list[dict]:
        filters = ["--filter", f"label=com.docker.compose.project={PROJECT}"]
        if service:
            filters += ["--filter", f"label=com.docker.compose.service={service}"]
        ids = run("docker", "ps", "-q", *([] if running_only else ["-a"]), *filters).stdout.split()
        return json.loads(run("docker", "inspect", *ids).stdout) if ids else []

    def app_containers(self, running_only=True) -> list[dict]:
        return [c for c in self.containers(running_only=running_only)
                if c["Config"]["Labels"]["com.docker.compose.service"].endswith(("-web", "-worker"))]

    def wait_healthy(self, expected: int, timeout=180) -> float:
        """Seconds until `expected` containers of the project run and all report healthy."""
        start = time.monotonic()
        deadline = start + timeout
        while time.monotonic() < deadline:
            states = [(c["Name"], c["State"]["Status"], (c["State"].get("Health") or {}).get("Status"))
                      for c in self.containers(running_only=True)]
            if len(states) >= expected and all(h == "healthy" for _n, _s, h in states):
                return time.monotonic() - start
            time.sleep(1)
        raise AssertionError(f"not all healthy after {timeout}s: {states}\n{self.logs()}")

    def logs(self, tail=40) -> str:
        return self.dc("logs", "--no-color", f"--tail={tail}", check=False).stdout[-12000:]

    def sql(self, service: str, query: str, *params):
        url = self.server_url.rsplit("/", 1)[0] + f"/{DB_PREFIX}{service}"
        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(query, params).fetchall()

    def grace(self, service: str) -> float:
        text = str(self.spec["services"][service].get("stop_grace_period", "10s"))
        return float(text.rstrip("s"))


def broker_user(svc: str) -> str:
    return f"{VHOST}-{svc}"


def prepare(server_url: str) -> dict[str, str]:
    """A vhost of the test's on this machine's RabbitMQ with the broker's definitions made by the
    project's own `python -m shared.cli broker-definitions` (a user per service, named for this test, with
    exactly the permissions a deployment gives it, so the services prove them enough), and scratch
    databases with one role each. Returns each service's BROKER_URL."""
    if os.geteuid() != 0 or not shutil.which("rabbitmqctl"):
        _missing("the engine test needs rabbitmqctl as root")
    run("rabbitmqctl", "delete_vhost", VHOST, check=False)
    run("rabbitmqctl", "add_vhost", VHOST)
    passwords = {svc: secrets.token_hex(12) for svc in SERVICES}
    env = {**os.environ, "BROKER_PUBLISHERS": ",".join(f"{svc}={broker_user(svc)}" for svc in SERVICES),
           **{password_variable(broker_user(svc)): password for svc, password in passwords.items()}}
    env.pop("BROKER_ADMIN_USER", None)  # no administrator of the test's in the definitions
    env.pop("INBOUND_PARTNERS_FILE", None)  # no partner user on the machine's broker
    # Rendered by the project's own tool and imported as the broker imports them at boot (rabbitmqctl needs
    # no management plugin).
    definitions = Path(tempfile.mkdtemp(prefix="asn-engine-broker-")) / "definitions.json"
    run(sys.executable, "-m", "shared.cli", "broker-definitions", "--vhost", VHOST, "--out", str(definitions),
        cwd=ROOT, env=env)
    # rabbitmqctl reads the file as the rabbitmq user: the folder and file are opened to it for that moment.
    definitions.parent.chmod(0o755)
    definitions.chmod(0o644)
    try:
        run("rabbitmqctl", "import_definitions", str(definitions))
    finally:
        shutil.rmtree(definitions.parent)
    urls = {svc: f"amqp://{broker_user(svc)}:{password}@127.0.0.1:5672/{VHOST}" for svc, password in passwords.items()}
    with psycopg.connect(server_url, autocommit=True) as conn:
        for svc in SERVICES:
            name = f"{DB_PREFIX}{svc}"
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')
            conn.execute(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE')
            conn.execute(f'CREATE DATABASE "{name}" OWNER "{name}"')
    return urls


def cleanup(server_url: str) -> None:
    run("rabbitmqctl", "delete_vhost", VHOST, check=False)
    for svc in SERVICES:
        run("rabbitmqctl", "delete_user", broker_user(svc), check=False)
    with psycopg.connect(server_url, autocommit=True) as conn:
        for svc in SERVICES:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_PREFIX}{svc}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{DB_PREFIX}{svc}"')


@pytest.fixture(scope="module")
def stack(database_server, oidc_provider):
    base_image = os.environ.get("ASN_BASE_IMAGE")
    if not base_image:
        _missing("ASN_BASE_IMAGE is unset: this test runs from .ci/compose-engine, which prepares the engine")
    if not shutil.which("docker-compose") or run("docker", "info", check=False).returncode != 0:
        _missing("no docker-compose or no running Docker engine")
    server_url = database_server.server_url.render_as_string(hide_password=False).replace(
        "postgresql+psycopg://", "postgresql://")
    broker_urls = prepare(server_url)
    stack = Stack(base_image, broker_urls, server_url, compose.operators_env(ROOT / ".env.example", oidc_provider))
    stack.dc("down", "--remove-orphans", "--volumes", check=False)
    # Host networking: each web process binds its port on this machine itself. Another process on
    # one of them (a developer's compose test, say) would answer in its place, so wait for them.
    poll(lambda: not [p for p in (8001, 8002, 8003, 8004) if port_in_use(p)], timeout=180,
         message="ports 8001-8004 to be free on this machine")
    try:
        yield stack
    finally:
        stack.dc("down", "--remove-orphans", "--volumes", "--timeout", "45", check=False)
        cleanup(server_url)
        if FIGURES:
            print("\nengine figures: " + ", ".join(f"{k}={v}" for k, v in FIGURES.items()))


@pytest.fixture(scope="module")
def headers(oidc_provider):
    """An admin's and DINKES's operator's bearer tokens from the identity provider, valid for every
    service's API (one audience each) for the length of the test."""
    audiences = [f"asn-{svc}" for svc in SERVICES]
    expires = int(time.time()) + 3 * 3600
    return tuple({"Authorization": "Bearer " + oidc_provider.sign(oidc_provider.claims(audiences, account, exp=expires))}
                 for account in (ADMIN, OPERATOR_DINKES))


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def poll(fn, timeout=60, message="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = fn()
        except (requests.RequestException, ValueError, KeyError) as exc:
            last = repr(exc)
        else:
            if last:
                return last
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}; last: {last}")


def report(admin):
    return requests.get(f"{REPORTING}/reports/DINKES?period=2026", headers=admin, timeout=10).json()


def jp_total(admin):
    body = requests.get(f"{REPORTING}/training-hours?year=2026", headers=admin, timeout=10).json()
    return {d["department_code"]: d["jp_total"] for d in body["departments"]}.get("DINKES", 0)


def load_dates():
    """Distinct (start, end) pairs in 2026 up to today: personnel refuses a second record with the same
    employee, programme and dates (the same training), so each write of the load is a training of its own."""
    first, last = date(2026, 1, 1), min(date.today(), date(2026, 12, 31))
    days = (last - first).days
    for span in range(days + 1):
        for offset in range(days + 1 - span):
            start = first + timedelta(days=offset)
            yield start.isoformat(), (start + timedelta(days=span)).isoformat()


LOAD_DATES = load_dates()  # one sequence for every load of the module: the records accumulate
LOAD_DATES_LOCK = threading.Lock()


class Writer(threading.Thread):
    """A steady load of training records through personnel's published port.

    Each write carries an Idempotency-Key and is retried with the same key until it is answered,
    as a careful client does, so that a write whose answer was cut off by the stop is neither
    lost nor made twice: in the end the acknowledged ids must be exactly personnel's records.
    """

    def __init__(self, operator, employee_id: str):
        super().__init__(daemon=True)
        self.operator, self.employee_id = operator, employee_id
        self.stop = threading.Event()
        self.acknowledged: list[str] = []
        self.retries = 0

    def run(self):
        session = requests.Session()
        while not self.stop.is_set():
            key = secrets.token_hex(16)
            with LOAD_DATES_LOCK:
                start, end = next(LOAD_DATES)
            while True:
                try:
                    resp = session.post(f"{PERSONNEL}/training-records", timeout=10,
                                        headers={**self.operator, "Idempotency-Key": key}, json={
                                            "employee_id": self.employee_id, "programme_code": "ENGINE-LOAD",
                                            "start_date": start, "end_date": end})
                    if resp.status_code == 201:
                        self.acknowledged.append(resp.json()["id"])
                        break
                except requests.RequestException:
                    session = requests.Session()
                self.retries += 1
                time.sleep(0.1)


def settle(stack: Stack, label: str, writer: Writer, admin: dict) -> tuple[int, int]:
    """After a load: (lost, applied twice), from personnel's records and outbox, and reporting's inbox and figure."""
    stack.acknowledged += writer.acknowledged  # every load's, since the records accumulate
    acknowledged = stack.acknowledged
    records = {r for (r,) in stack.sql("personnel", "SELECT id FROM training_records")}
    load = {r for (r,) in stack.sql("personnel", "SELECT r.id FROM training_records r JOIN training_programmes p "
                                                 "ON p.id = r.programme_id WHERE p.code = %s", "ENGINE-LOAD")}
    missing_acknowledged = len(set(acknowledged) - records)
    (expected,) = stack.sql("personnel", "SELECT coalesce(sum(jp), 0) FROM training_records WHERE revoked_at IS NULL")[0]
    events = {e for (e,) in stack.sql("personnel", "SELECT event_id FROM outbox WHERE type LIKE %s",
                                      "personnel.training.%")}
    try:
        poll(lambda: jp_total(admin) == expected, timeout=90, message=f"{label}: JP {expected} in reporting")
    except AssertionError:
        pass  # counted below
    inbox = stack.sql("reporting", "SELECT event_id, count(*) FROM inbox WHERE type LIKE %s GROUP BY event_id",
                      "personnel.training.%")
    applied = {e for e, _n in inbox}
    lost = missing_acknowledged + len(events - applied)
    twice = sum(n - 1 for _e, n in inbox) + len(load - set(acknowledged))  # a write made twice by a retry
    figure = jp_total(admin)
    print(f"  {label}: {len(writer.acknowledged)} writes acknowledged ({writer.retries} retries), {len(records)} records, {len(events)} events; "
          f"reporting applied {len(applied & events)}, JP {figure} of {expected}: lost {lost}, applied twice {twice}")
    assert figure == expected, f"{label}: reporting shows {figure} JP, personnel's records add up to {expected}"
    return lost, twice


def test_images_build_with_the_real_dockerfile(stack):
    started = time.monotonic()
    stack.dc("build")
    FIGURES["build_s"] = round(time.monotonic() - started, 1)
    for svc in SERVICES:
        image = stack.spec["services"][f"{svc}-web"]["image"]
        info = json.loads(run("docker", "image", "inspect", image).stdout)[0]
        assert info["Config"]["User"] == "asn", f"{image} must run as the non-root user"
        size = round(info["Size"] / 1e6)
        FIGURES[f"image_{svc}_MB"] = size
        print(f"  {image}: {size} MB")


def test_every_container_becomes_healthy(stack):
    started = time.monotonic()
    stack.dc("up", "-d")
    expected = stack.long_running
    stack.wait_healthy(expected)
    for service in stack.one_shot:
        (done,) = stack.containers(service)
        assert (done["State"]["Status"], done["State"]["ExitCode"]) == ("exited", 0), \
            f"{service}: {done['State']}\n{stack.dc('logs', '--no-color', service, check=False).stdout[-3000:]}"
    FIGURES["time_to_healthy_s"] = round(time.monotonic() - started, 1)
    print(f"  all {expected} containers healthy {FIGURES['time_to_healthy_s']} s after `docker-compose up -d`")


def test_non_root_processes_own_pid_1_and_migrated_as_their_role(stack):
    for c in stack.app_containers():
        service = c["Config"]["Labels"]["com.docker.compose.service"]
        svc = service.rsplit("-", 1)[0]
        assert run("docker", "exec", c["Id"], "id", "-u").stdout.strip() == "10001"
        status = run("docker", "exec", c["Id"], "cat", "/proc/1/status").stdout
        uid_line = next(line for line in status.splitlines() if line.startswith("Uid:"))
        assert uid_line.split()[1:3] == ["10001", "10001"], f"{service}: PID 1 is not the asn user: {uid_line}"
        argv = run("docker", "exec", c["Id"], "cat", "/proc/1/cmdline").stdout.split("\0")
        if service.endswith("-web"):
            assert Path(argv[0]).name in ("gunicorn", "python", "python3") and "gunicorn" in " ".join(argv[:2]), \
                f"{service}: PID 1 is {argv[:3]}, not gunicorn (a shell in front would swallow SIGTERM)"
        else:
            assert argv[:3] == ["python", "-m", f"services.{svc}.worker"], f"{service}: PID 1 is {argv[:3]}"
    for svc in SERVICES:
        role = f"{DB_PREFIX}{svc}"
        owners = stack.sql(svc, "SELECT tableowner FROM pg_tables WHERE tablename IN ('alembic_version', 'outbox')")
        assert owners and all(o == role for (o,) in owners), f"{svc}: migrated by {owners}, not by {role}"
        (superuser,) = stack.sql(svc, "SELECT rolsuper FROM pg_roles WHERE rolname = %s", role)[0]
        assert superuser is False
    print("  PID 1 is gunicorn or the worker, uid 10001, in every app container; "
          "every database migrated by its own non-superuser role")


def test_the_web_workers_read_the_images_gunicorn_settings(stack):
    # ./gunicorn.conf.py in the image's working directory: each worker freezes its app out of the full
    # garbage collections (shared/long_lived.py), and says so once as it starts.
    for svc in SERVICES:
        logs = stack.dc("logs", "--no-color", f"{svc}-web", check=False).stdout
        assert "objects built at start frozen" in logs, f"{svc}-web: gunicorn did not read /app/gunicorn.conf.py"
    print("  every web worker froze its startup objects (gunicorn.conf.py read in the image)")


def test_the_loop_over_http_through_the_published_ports(stack, headers):
    admin, operator = headers
    for svc in SERVICES:
        for published in stack.spec["services"][f"{svc}-web"]["ports"]:
            port = published.split(":")[-2]  # [address:]published:inside
            poll(lambda port=port: requests.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200,
                 message=f"port {port} ready")
    assert requests.post(f"{PERSONNEL}/departments", json={"code": "DINKES", "name": "Dinas Kesehatan",
                                                           "type": "dinas"}, headers=admin).status_code == 201
    for code, jp in (("PELAYANAN-01", 24), ("ENGINE-LOAD", JP)):
        assert requests.post(f"{PERSONNEL}/training-programmes", json={
            "code": code, "title": f"Pelatihan {code}", "kind": "teknis", "jp": jp}, headers=admin).status_code == 201
    emp = requests.post(f"{PERSONNEL}/employees", json={
        "nip": "198503212010012003", "name": "Rina Lubis", "employee_type": "PNS", "department_code": "DINKES",
        "rank": "III/b", "position_type": "pelaksana"}, headers=operator)
    assert emp.status_code == 201, emp.text
    stack.employee_id = emp.json()["id"]
    before = poll(lambda: report(admin).get("revision") is not None and report(admin), message="a first report")
    rec = requests.post(f"{PERSONNEL}/training-records", json={
        "employee_id": stack.employee_id, "programme_code": "PELAYANAN-01", "start_date": "2026-04-06",
        "end_date": "2026-04-08"}, headers=operator)
    assert rec.status_code == 201, rec.text
    after = poll(lambda: (r := report(admin))["revision"] > before["revision"]
                 and r["sections"]["competence"]["jp"]["all"]["average_jp"] == 24 and r,
                 message="the training record (24 JP) in the report, at a higher revision")
    receipt = requests.post(f"{CONSULTATION}/feedback", json={
        "kind": "pengaduan", "category": "waktu_layanan", "department_code": "DINKES",
        "text": "Pelayanan di loket sangat lambat, mohon ditingkatkan."})
    assert receipt.status_code == 201, receipt.text
    final = poll(lambda: (r := report(admin))["sections"]["responsiveness"]["n"] == 1 and r,
                 message="the complaint counted in the report")
    assert final["revision"] > after["revision"]
    print(f"  loop: report revision {before['revision']} -> {after['revision']} (training) -> "
          f"{final['revision']} (complaint)")


def test_stop_during_writes_loses_nothing_and_exits_on_sigterm(stack, headers):
    admin, operator = headers
    writer = Writer(operator, stack.employee_id)
    writer.start()
    poll(lambda: len(writer.acknowledged) >= 20, message="the load to get going")
    # The web process alone first: its own SIGTERM-to-exit time.
    started = time.monotonic()
    stack.dc("stop", "personnel-web")
    web_stop = time.monotonic() - started
    (web,) = stack.containers("personnel-web")
    assert web["State"]["ExitCode"] == 0, f"personnel-web exited {web['State']['ExitCode']} (killed, not SIGTERM)"
    assert web_stop < stack.grace("personnel-web"), f"personnel-web took {web_stop:.1f}s to stop"
    stack.dc("start", "personnel-web")
    poll(lambda: requests.get("http://127.0.0.1:8001/readyz", timeout=3).status_code == 200, message="web back")
    acknowledged = len(writer.acknowledged)
    poll(lambda: len(writer.acknowledged) >= acknowledged + 20, message="the load to resume")
    # Then the whole suite, writes still coming in.
    issued = datetime.now().astimezone()
    started = time.monotonic()
    stack.dc("stop")
    all_stop = time.monotonic() - started
    exits = {}
    for c in stack.app_containers(running_only=False):
        name = c["Config"]["Labels"]["com.docker.compose.service"]
        finished = datetime.fromisoformat(c["State"]["FinishedAt"][:26] + "+00:00")
        exits[name] = (c["State"]["ExitCode"], max(0.0, (finished - issued).total_seconds()))
    killed = {n: e for n, e in exits.items() if e[0] != 0 or e[1] >= stack.grace(n)}
    assert not killed, f"exited with a non-zero code or after the grace time (code, s): {killed}"
    stack.dc("up", "-d")
    stack.wait_healthy(stack.long_running)
    time.sleep(3)
    writer.stop.set()
    writer.join(15)
    lost, twice = settle(stack, "stop", writer, admin)
    FIGURES.update(web_sigterm_exit_s=round(web_stop, 1), stop_all_s=round(all_stop, 1), stop_writes=len(
        writer.acknowledged), stop_lost=lost, stop_applied_twice=twice)
    print(f"  personnel-web alone stopped in {web_stop:.1f} s (exit 0, grace {stack.grace('personnel-web'):.0f} s); "
          f"`docker-compose stop` took {all_stop:.1f} s, every process exited 0: "
          + ", ".join(f"{n} {s:.1f}s" for n, (_c, s) in sorted(exits.items())))
    assert (lost, twice) == (0, 0)


def test_three_reporting_workers_count_nothing_twice(stack, headers):
    admin, operator = headers
    stack.dc("up", "-d", "--scale", "reporting-worker=3")
    stack.wait_healthy(stack.long_running + 2)
    consumers = poll(lambda: next((int(line.split()[1]) for line in run(
        "rabbitmqctl", "-q", "list_queues", "-p", VHOST, "name", "consumers").stdout.splitlines()
        if line.split()[:1] == ["reporting.events"] and int(line.split()[1]) == 3), None),
        message="three consumers on reporting.events")
    writer = Writer(operator, stack.employee_id)
    writer.start()
    time.sleep(8)
    writer.stop.set()
    writer.join(15)
    lost, twice = settle(stack, "scale", writer, admin)
    FIGURES.update(scale_writes=len(writer.acknowledged), scale_lost=lost, scale_applied_twice=twice)
    print(f"  --scale reporting-worker=3: {consumers} consumers on reporting.events")
    assert (lost, twice) == (0, 0)


def crash(container: dict) -> None:
    """What an OOM kill or a segfault looks like to the engine: the container's main process dies by SIGKILL."""
    os.kill(container["State"]["Pid"], 9)


def test_a_killed_container_comes_back_and_the_loop_resumes(stack, headers):
    admin, operator = headers
    writer = Writer(operator, stack.employee_id)  # writes go on through the kill and the crashes
    writer.start()
    poll(lambda: len(writer.acknowledged) >= 20, message="the load to get going")
    # `docker kill` is, for the engine, an explicit stop: the restart policy leaves it down (also with
    # `restart: always`). Operators bring it back with `docker-compose up -d`, which this checks too.
    (victim, *_others) = stack.containers("reporting-worker", running_only=True)
    run("docker", "kill", victim["Id"])
    time.sleep(3)
    state = json.loads(run("docker", "inspect", victim["Id"]).stdout)[0]["State"]
    docker_kill_restarted = state["Running"]
    stack.dc("up", "-d", "--scale", "reporting-worker=3")
    # A crash: the restart policy (unless-stopped) brings the container back by itself.
    restarts = {}
    started = time.monotonic()
    for service in ("personnel-web", "reporting-worker"):
        target = stack.containers(service, running_only=True)[0]
        restarts[target["Id"]] = (service, target["RestartCount"])
        crash(target)
    for cid, (service, count) in restarts.items():
        poll(lambda cid=cid, count=count: json.loads(run("docker", "inspect", cid).stdout)[0]["RestartCount"] > count,
             message=f"{service} restarted by its restart policy")
    stack.wait_healthy(stack.long_running + 2)
    back = time.monotonic() - started
    # The loop resumes: writes acknowledged after the restart reach the report.
    after_restart = len(writer.acknowledged)
    poll(lambda: len(writer.acknowledged) >= after_restart + 20, message="personnel accepting writes again")
    writer.stop.set()
    writer.join(15)
    lost, twice = settle(stack, "kill", writer, admin)
    resumed = time.monotonic() - started
    FIGURES.update(crash_back_healthy_s=round(back, 1), crash_loop_resumed_s=round(resumed, 1),
                   docker_kill_restarted_by_policy=docker_kill_restarted, kill_writes=len(writer.acknowledged),
                   kill_lost=lost, kill_applied_twice=twice)
    print(f"  `docker kill`: restarted by the policy: {docker_kill_restarted} (an explicit stop for the engine; "
          f"`docker-compose up -d` brought it back); crashed personnel-web and reporting-worker: restarted, "
          f"healthy after {back:.1f} s, every write applied {resumed:.1f} s after the crash")
    assert (lost, twice) == (0, 0)


def test_no_process_was_refused_by_the_broker(stack):
    """Each service ran with only the broker permissions its deployment gives it: none was refused."""
    logs = stack.dc("logs", "--no-color").stdout
    assert logs.count("\n") > 100, "the containers' logs are missing"
    refused = [line for line in logs.splitlines() if "ACCESS_REFUSED" in line or "access_refused" in line
               or "NOT_ALLOWED" in line]
    assert not refused, "\n".join(refused[:10])
    print(f"  {logs.count(chr(10))} log lines, no ACCESS_REFUSED from the broker")
