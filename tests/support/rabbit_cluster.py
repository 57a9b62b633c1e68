"""A 3-node RabbitMQ cluster on this machine's loopback address, for failover tests.

Three `rabbitmq-server` nodes from the machine's own installation, each with its own node name,
AMQP and distribution ports, configuration, data and log folders under a temporary directory,
the same Erlang cookie, no plugins (so no management listener), joined with
`rabbitmqctl join_cluster`. The machine's own node (5672) is never touched: every command names
its node with `-n`, and the environment file in /etc/rabbitmq is replaced by an empty one.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/rabbitmq/bin")


def available() -> str | None:
    """Why a cluster cannot be started here, or None."""
    if not (BIN / "rabbitmq-server").exists():
        return "no rabbitmq-server under /usr/lib/rabbitmq/bin"
    if os.geteuid() != 0:
        return "starting RabbitMQ nodes needs root here"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Node:
    name: str  # e.g. asn-c1-1234@localhost
    port: int
    dist_port: int
    home: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/%2F"


class Cluster:
    def __init__(self, root: Path, size: int = 3):
        self.root = root
        tag = os.getpid()
        (root / ".erlang.cookie").write_text(f"ASNCLUSTERTEST{tag}")
        (root / ".erlang.cookie").chmod(0o400)
        self.nodes = [Node(f"asn-c{i}-{tag}@localhost", free_port(), free_port(), root / f"node{i}")
                      for i in range(1, size + 1)]
        for node in self.nodes:
            node.home.mkdir()
            (node.home / "rabbitmq.conf").write_text(
                f"listeners.tcp.1 = 127.0.0.1:{node.port}\n"
                "cluster_partition_handling = pause_minority\n"
            )
            (node.home / "enabled_plugins").write_text("[].\n")
            (node.home / "rabbitmq-env.conf").write_text("")

    @property
    def url(self) -> str:
        """BROKER_URL naming every node, in order, separated by ';' (kombu's failover list)."""
        return ";".join(node.url for node in self.nodes)

    def _env(self, node: Node) -> dict:
        return {
            **os.environ,
            "HOME": str(self.root),  # the shared Erlang cookie
            "RABBITMQ_NODENAME": node.name,
            "RABBITMQ_NODE_PORT": str(node.port),
            "RABBITMQ_DIST_PORT": str(node.dist_port),
            "RABBITMQ_CONFIG_FILE": str(node.home / "rabbitmq.conf"),
            "RABBITMQ_CONF_ENV_FILE": str(node.home / "rabbitmq-env.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(node.home / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(node.home / "mnesia"),
            "RABBITMQ_LOG_BASE": str(node.home / "log"),
            "RABBITMQ_PID_FILE": str(node.home / "pid"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }

    def ctl(self, node: Node, *args: str, tool: str = "rabbitmqctl", timeout: float = 120,
            check: bool = True) -> str:
        result = subprocess.run([str(BIN / tool), "-n", node.name, *args], env=self._env(node),
                                capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} on {node.name}: {result.stdout}{result.stderr}")
        return result.stdout

    def start_node(self, node: Node, timeout: float = 90) -> None:
        log = open(node.home / "server.log", "a")
        node.process = subprocess.Popen([str(BIN / "rabbitmq-server")], env=self._env(node), stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        log.close()
        self.await_node(node, timeout)

    def await_node(self, node: Node, timeout: float = 90) -> None:
        """Wait until the node's Erlang VM answers (ping), then until RabbitMQ on it has booted."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if node.process is not None and node.process.poll() is not None:
                raise RuntimeError(f"{node.name} exited: {(node.home / 'server.log').read_text()[-2000:]}")
            if subprocess.run([str(BIN / "rabbitmqctl"), "-n", node.name, "-q", "ping"], env=self._env(node),
                              capture_output=True, timeout=30).returncode == 0:
                self.ctl(node, "await_startup", "--timeout", str(max(1, int(deadline - time.monotonic()))),
                         timeout=timeout)
                return
            time.sleep(0.5)
        raise TimeoutError(f"{node.name} did not start in {timeout}s")

    def start(self) -> None:
        first, *others = self.nodes
        for node in self.nodes:
            log = open(node.home / "server.log", "a")
            node.process = subprocess.Popen([str(BIN / "rabbitmq-server")], env=self._env(node), stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
            log.close()
        for node in self.nodes:
            self.await_node(node)
        for node in others:
            self.ctl(node, "stop_app")
            self.ctl(node, "join_cluster", first.name)
            self.ctl(node, "start_app")
        running = self.running_nodes()
        if sorted(running) != sorted(n.name for n in self.nodes):
            raise RuntimeError(f"cluster formed with {running}")

    def running_nodes(self, via: Node | None = None) -> list[str]:
        via = via or next(n for n in self.nodes if n.process is not None and n.process.poll() is None)
        status = json.loads(self.ctl(via, "cluster_status", "--formatter", "json"))
        return status["running_nodes"]

    def stop_node(self, node: Node) -> None:
        """A clean stop of the whole node (`rabbitmqctl stop`), as an operator or a host shutdown does."""
        self.ctl(node, "stop")
        if node.process is not None:
            node.process.wait(timeout=60)
            node.process = None

    def kill_node(self, node: Node) -> None:
        """A crash: the node's Erlang VM killed at once, its clients' sockets reset."""
        os.killpg(node.process.pid, signal.SIGKILL)
        node.process.wait(timeout=30)
        node.process = None

    def queues(self, via: Node) -> dict[str, dict]:
        """name -> {type, leader, members} of every queue in the default vhost, as the cluster sees it."""
        rows = json.loads(self.ctl(via, "list_queues", "-q", "--formatter", "json", "name", "type", "leader",
                                   "members") or "[]")
        return {row["name"]: row for row in rows}

    def stop(self) -> None:
        for node in self.nodes:
            if node.process is None or node.process.poll() is not None:
                continue
            try:
                self.ctl(node, "stop", timeout=60, check=False)
                node.process.wait(timeout=30)
            except (subprocess.TimeoutExpired, OSError):
                os.killpg(node.process.pid, signal.SIGKILL)
                node.process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)
