"""docker-compose.yml, proven without a Docker engine.

Every application service of the compose file starts here as a local process with the same
command and environment the compose file gives it (container host names mapped to 127.0.0.1,
its volumes to files and folders here), against the real PostgreSQL, with the compose file's init
script creating the per-service databases and roles, and a RabbitMQ node of the test's own that
loads at boot the definitions (a user per service and partner) rendered by the compose file's
broker-definitions command. The .env is .env.example with every placeholder replaced by a random
value, as an operator does; the identity provider is the test OpenID provider (configured
like deploy/keycloak/) instead of the Keycloak container. The whole loop is then driven over HTTP
with the provider's tokens. A compose file whose commands or variables are wrong fails this test,
and so does one whose services would start with the placeholders of .env.example.
"""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pika
import pytest
import requests

from tests.support import compose, scratch, services
from tests.support.oidc import ADMIN, OPERATOR_DINKES

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("personnel", "consultation", "survey", "reporting")


@pytest.fixture(scope="module")
def compose_env(oidc_provider):
    env = compose.operators_env(ROOT / ".env.example", oidc_provider)
    return env, compose.load(ROOT / "docker-compose.yml", env)


def web_port(container: dict) -> int:
    return int(container["ports"][0].split(":")[-1])


def test_the_compose_file_is_complete(compose_env):
    _env, spec = compose_env
    names = set(spec["services"])
    assert {"rabbitmq", "postgres"} <= names
    for svc in SERVICES:
        web, worker = spec["services"][f"{svc}-web"], spec["services"][f"{svc}-worker"]
        for container in (web, worker):
            assert container["healthcheck"]["test"] and container["restart"] == "unless-stopped"
            assert all(dep.get("condition") == "service_healthy" for dep in container["depends_on"].values())
        assert "gunicorn" in " ".join(web["command"]) and web["build"]["args"]["SERVICE"] == svc
    assert {"postgres-data", "rabbitmq-data", "proxy-certs"} <= set(spec["volumes"])
    for svc in SERVICES:
        web = spec["services"][f"{svc}-web"]
        assert web["ports"][0].startswith("127.0.0.1:"), "a service's own port is for the host alone: the proxy is the way in"
        assert web["environment"]["TRUSTED_PROXY_HOPS"] == "1" and "JWT_SECRET" not in web["environment"]
        # Its own broker user, which the definitions allow to publish only its own events.
        assert urlparse(web["environment"]["BROKER_URL"]).username == svc
    rabbit = spec["services"]["rabbitmq"]
    assert rabbit["depends_on"]["broker-definitions"]["condition"] == "service_completed_successfully"
    proxy = spec["services"]["proxy"]
    assert "nginx.conf.template" in proxy["volumes"][0] and spec["services"]["keycloak"]["command"][-1] == "--import-realm"
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        # Where the compose plugin exists, it must accept the file too.
        result = subprocess.run(["docker", "compose", "--env-file", ".env.example", "config", "-q"], cwd=ROOT,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def start_broker(spec, volumes: Path) -> scratch.ScratchRabbit:
    """Do locally what the broker-definitions and rabbitmq containers do: render the definitions with the
    compose file's own command and environment, then start a RabbitMQ node that loads them at boot
    through the compose file's configuration. The node is the test's own: the compose file names the
    broker users (personnel, ..., the partners), and users belong to a node, not to a vhost."""
    scratch.require()
    init = spec["services"]["broker-definitions"]
    paths = compose.mounts(init, ROOT, volumes)
    env = {"PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
           **{name: str(value) for name, value in init["environment"].items()}}
    rendered = subprocess.run([compose.map_paths(arg, paths) for arg in init["command"]], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert rendered.returncode == 0, f"broker-definitions failed: {rendered.stderr[-3000:]}"
    rabbit = compose.mounts(spec["services"]["rabbitmq"], ROOT, volumes)
    node = scratch.ScratchRabbit("compose")
    with open(node.dir / "rabbitmq.conf", "a") as conf:
        for inside, outside in rabbit.items():
            if inside.startswith("/etc/rabbitmq/conf.d/"):
                for line in outside.read_text().splitlines():
                    if "=" in line and not line.lstrip().startswith("#"):
                        key, _, value = line.partition("=")
                        conf.write(f"{key.strip()} = {compose.map_paths(value.strip(), rabbit)}\n")
    node.start()
    return node


def prepare_databases(spec, database_url):
    """Do locally what the postgres container does on first start."""
    if os.geteuid() != 0 or not shutil.which("psql"):
        services._unavailable("the compose test needs psql as root")
    pg = urlparse(database_url)
    pg_env = {**os.environ, **spec["services"]["postgres"]["environment"], "PGHOST": pg.hostname or "127.0.0.1",
              "PGPORT": str(pg.port or 5432), "POSTGRES_USER": pg.username or "postgres"}
    for svc in SERVICES:
        subprocess.run(["psql", "-U", pg_env["POSTGRES_USER"], "-d", "postgres", "-c",
                        f'DROP DATABASE IF EXISTS "{svc}" WITH (FORCE)'], env=pg_env, check=True, capture_output=True)
    subprocess.run(["bash", str(ROOT / "deploy/postgres/init-databases.sh")], env=pg_env, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def suite(compose_env, database_server, tmp_path_factory):
    env_file, spec = compose_env
    volumes = tmp_path_factory.mktemp("compose-volumes")
    prepare_databases(spec, database_server.server_url.render_as_string(hide_password=False))
    broker = start_broker(spec, volumes)
    # The operator's own way in: the administrator of the broker's definitions (RABBITMQ_USER).
    admin_url = f"amqp://{env_file['RABBITMQ_USER']}:{env_file['RABBITMQ_PASSWORD']}@127.0.0.1:{broker.port}/%2F"
    logs = tmp_path_factory.mktemp("compose-logs")
    procs = {}
    path = f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"
    try:
        for name, container in spec["services"].items():
            if "command" not in container or "image" not in container or not name.endswith(("-web", "-worker")):
                continue
            paths = compose.mounts(container, ROOT, volumes)
            environment = {k: compose.map_paths(compose.map_hosts(str(v), {"postgres": "127.0.0.1"}), paths)
                           .replace("@rabbitmq:5672/", f"@127.0.0.1:{broker.port}/")
                           for k, v in container["environment"].items()}
            if "WORKER_HEARTBEAT_FILE" in environment:
                environment["WORKER_HEARTBEAT_FILE"] = str(logs / f"{name}.alive")
            env = {"PATH": path, "HOME": os.environ.get("HOME", "/root"), **environment}
            log = open(logs / f"{name}.log", "w")
            procs[name] = (subprocess.Popen(container["command"], cwd=ROOT, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True), log)
        for svc in SERVICES:
            port = web_port(spec["services"][f"{svc}-web"])
            wait_ready(f"http://127.0.0.1:{port}/readyz", procs, logs)
        # Every consumer's queue exists from the broker's start (its definitions), before any event.
        assert all(queue_exists(admin_url, f"{svc}.events") for svc in SERVICES)
        yield {"env": env_file, "procs": procs, "logs": logs, "admin_url": admin_url}
    finally:
        for proc, _log in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc, log in procs.values():
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
            log.close()
        broker.close()


def wait_ready(url, procs, logs, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dead = [n for n, (p, _) in procs.items() if p.poll() is not None]
        if dead:
            raise AssertionError(f"{dead} exited: " + (logs / f"{dead[0]}.log").read_text()[-3000:])
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} was not ready after {timeout}s")


def queue_exists(broker_url, name):
    conn = pika.BlockingConnection(pika.URLParameters(broker_url))
    try:
        conn.channel().queue_declare(name, passive=True)
        return True
    except pika.exceptions.ChannelClosedByBroker:
        return False
    finally:
        conn.close()


def poll(fn, timeout=30, message="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {message}; last: {last}")


def test_the_web_processes_refuse_the_placeholders_of_env_example(compose_env):
    _env, spec = compose_env
    raw = compose.load(ROOT / "docker-compose.yml", compose.read_env_file(ROOT / ".env.example"))
    container = raw["services"]["survey-web"]
    environment = {k: compose.map_hosts(str(v), {"postgres": "127.0.0.1", "rabbitmq": "127.0.0.1"})
                   for k, v in container["environment"].items()}
    env = {"PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}", **environment}
    done = subprocess.run(container["command"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "survey: refusing to start:" in done.stderr and "placeholder" in done.stderr


def test_the_whole_loop_over_http_with_the_compose_processes(suite, oidc_provider):
    def bearer(account, service):
        return {"Authorization": f"Bearer {oidc_provider.user_token(account, f'asn-{service}')}"}

    admin = {svc: bearer(ADMIN, svc) for svc in SERVICES}
    operator = {svc: bearer(OPERATOR_DINKES, svc) for svc in SERVICES}
    personnel, consultation, survey, reporting = (f"http://127.0.0.1:{p}/api/v1" for p in (8001, 8002, 8003, 8004))

    def report():
        return requests.get(f"{reporting}/reports/DINKES?period=2026", headers=admin["reporting"]).json()

    # Formulation and implementation: a department, an employee, training.
    assert requests.post(f"{personnel}/departments", json={"code": "DINKES", "name": "Dinas Kesehatan",
                                                           "type": "dinas"}, headers=admin["personnel"]).status_code == 201
    assert requests.post(f"{personnel}/training-programmes", json={
        "code": "PELAYANAN-01", "title": "Pelayanan Prima", "kind": "teknis", "jp": 24}, headers=admin["personnel"]).status_code == 201
    emp = requests.post(f"{personnel}/employees", json={
        "nip": "198503212010012003", "name": "Rina Lubis", "employee_type": "PNS", "department_code": "DINKES",
        "rank": "III/b", "position_type": "pelaksana"}, headers=operator["personnel"])
    assert emp.status_code == 201, emp.text
    rec = requests.post(f"{personnel}/training-records", json={
        "employee_id": emp.json()["id"], "programme_code": "PELAYANAN-01", "start_date": "2026-04-06",
        "end_date": "2026-04-08"}, headers=operator["personnel"])
    assert rec.status_code == 201, rec.text
    first = poll(lambda: (r := report()).get("sections") and r["sections"]["competence"]["jp"]["all"]["average_jp"] == 24 and r,
                 message="the training (24 JP) in the report")
    revision = first["revision"]

    # Evaluation: a complaint, forwarded and answered by the department. Consultation checks DINKES against
    # its copy of personnel's departments, which its worker keeps from personnel's events.
    receipt = poll(lambda: (r := requests.post(f"{consultation}/feedback", json={
        "kind": "pengaduan", "category": "waktu_layanan", "department_code": "DINKES",
        "text": "Pelayanan di loket sangat lambat, mohon ditingkatkan."})).status_code != 422 and r,
        message="DINKES known to consultation")
    assert receipt.status_code == 201, receipt.text
    items = requests.get(f"{consultation}/feedback", headers=admin["consultation"]).json()["items"]
    fid = items[0]["id"]
    assert requests.post(f"{consultation}/feedback/{fid}/forward", json={"department_code": "DINKES"},
                         headers=admin["consultation"]).status_code == 200
    responded = requests.post(f"{consultation}/feedback/{fid}/respond",
                              json={"response": "Loket tambahan dibuka mulai Senin."}, headers=operator["consultation"])
    assert responded.status_code == 200, responded.text
    after_feedback = poll(lambda: (r := report())["sections"]["responsiveness"]["n"] == 1
                          and r["sections"]["responsiveness"]["first_response"].get("n") and r,
                          message="the complaint and its response in the report")
    assert after_feedback["revision"] > revision

    # Public satisfaction: an SKM campaign and five responses. Survey knows DINKES from personnel's
    # department event, which its worker consumed meanwhile.
    campaign = poll(lambda: (r := requests.post(f"{survey}/campaigns", json={
        "department_code": "DINKES", "service_unit": "Puskesmas Rambutan", "period_type": "yearly",
        "period_year": 2026, "population": 200}, headers=operator["survey"])).status_code != 422 and r,
        message="survey to learn DINKES from personnel's event")
    assert campaign.status_code == 201, campaign.text
    cid = campaign.json()["id"]
    assert requests.post(f"{survey}/campaigns/{cid}/open", headers=operator["survey"]).status_code == 200
    for score in (4, 4, 3, 3, 4):
        answered = requests.post(f"{survey}/campaigns/{cid}/responses",
                                 json={"answers": {f"u{i}": score for i in range(1, 10)}})
        assert answered.status_code == 201, answered.text
    final = poll(lambda: (r := report())["sections"]["satisfaction"]["n"] == 5 and r,
                 message="the survey responses in the report")
    assert final["sections"]["satisfaction"]["mutu"] == "A"  # 18 fours and... mean 3.6 x 25 = 90.00
    assert final["revision"] > after_feedback["revision"]
    for name in ("personnel-worker", "reporting-worker"):
        assert (suite["logs"] / f"{name}.alive").exists(), "the worker's health-check heartbeat is missing"
