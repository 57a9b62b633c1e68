"""A RabbitMQ node and a PostgreSQL cluster of the test's own, to stop, restart and starve at will.

Fault tests must never stop the machine's own broker or database (other tests use them), so
these start private ones from the same Debian packages: a RabbitMQ node with its own node
name, ports and data folder, and a PostgreSQL cluster made with `initdb` in a temporary folder,
both on the loopback address. Both need root (CI runs as root); `available()` says whether the
machine can do it.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

RABBIT_BIN = Path("/usr/lib/rabbitmq/bin")
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), Path("/nonexistent"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def available() -> str | None:
    """None if scratch servers can run here, else the reason why not."""
    if os.geteuid() != 0:
        return "scratch RabbitMQ/PostgreSQL need root"
    if not (RABBIT_BIN / "rabbitmq-server").exists():
        return "no RabbitMQ server package"
    if not (PG_BIN / "initdb").exists():
        return "no PostgreSQL server package"
    return None


def require() -> None:
    """Skip the calling test where scratch servers cannot run, or fail it under REQUIRE_SERVICES=1."""
    from tests.support.services import _unavailable

    reason = available()
    if reason is not None:
        _unavailable(reason)


def _wait_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s")


class ScratchRabbit:
    """One RabbitMQ node: `url`, `stop()`, `start()`, `ctl(...)` (rabbitmqctl against this node)."""

    def __init__(self, name: str = "scratch"):
        self.dir = Path(tempfile.mkdtemp(prefix="rabbit-"))
        self.port, self.dist_port = free_port(), free_port()
        self.node = f"{name}{self.port}@localhost"
        (self.dir / "rabbitmq.conf").write_text(f"listeners.tcp.local = 127.0.0.1:{self.port}\n"
                                                "loopback_users = none\n")
        (self.dir / "env.conf").write_text("")
        (self.dir / "plugins").write_text("[].\n")
        self.env = {**os.environ, "HOME": str(self.dir), "RABBITMQ_CONF_ENV_FILE": str(self.dir / "env.conf"),
                    "RABBITMQ_NODENAME": self.node, "RABBITMQ_CONFIG_FILE": str(self.dir / "rabbitmq"),
                    "RABBITMQ_MNESIA_BASE": str(self.dir / "mnesia"), "RABBITMQ_LOG_BASE": str(self.dir / "log"),
                    "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.dir / "plugins"),
                    "RABBITMQ_DIST_PORT": str(self.dist_port), "ERL_EPMD_ADDRESS": "127.0.0.1"}

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/%2F"

    def ctl(self, *args: str, timeout: float = 60) -> str:
        out = subprocess.run([str(RABBIT_BIN / "rabbitmqctl"), "-n", self.node, *args], env=self.env,
                             capture_output=True, text=True, timeout=timeout, check=True)
        return out.stdout

    def start(self, timeout: float = 60) -> None:
        subprocess.run([str(RABBIT_BIN / "rabbitmq-server"), "-detached"], env=self.env, check=True)
        deadline = time.monotonic() + timeout
        while True:  # the node answers the CLI only once it has registered with epmd
            try:
                self.ctl("await_startup", timeout=timeout)
                break
            except subprocess.CalledProcessError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        _wait_port(self.port, timeout)

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self.ctl("stop")

    def stop_app(self) -> None:
        self.ctl("stop_app")

    def start_app(self) -> None:
        self.ctl("start_app")
        _wait_port(self.port, 60)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class ScratchPostgres:
    """One PostgreSQL cluster (trust auth): `url`, `stop()`, `start()`, `restart()`."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="pg-"))
        self.port = free_port()
        shutil.chown(self.dir, "postgres")
        self._pg("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres")

    def _pg(self, tool: str, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / tool), *args], check=True,
                       capture_output=True, timeout=120)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "-o", options,
                 action, *extra)

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._ctl("stop", "-m", "fast")

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")

    def close(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
