"""Reads docker-compose.yml the way `docker compose` would, so tests can run its services as local processes."""
from __future__ import annotations

import re
import secrets
from pathlib import Path

import yaml

_VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's variable syntax: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, and $$ for $."""

    def replace(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group(1), match.group(2), match.group(3)
        value = env.get(name)
        if op in (":-", "-"):
            return value if value or (op == "-" and value is not None) else arg
        if op in (":?", "?") and not value:
            raise KeyError(f"compose variable {name} is required: {arg}")
        return value or ""

    return _VAR.sub(replace, text)


def load(compose_file: Path, env: dict[str, str]) -> dict:
    """The compose file with every variable substituted."""
    raw = yaml.safe_load(compose_file.read_text())

    def walk(node):
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str):
            return interpolate(node, env)
        return node

    return walk(raw)


def map_hosts(value: str, hosts: dict[str, str]) -> str:
    """Point URLs at local hosts, as a container's DNS would point them at other containers."""
    for name, address in hosts.items():
        value = re.sub(rf"(?<=[@/]){re.escape(name)}(?=:)", address, value)
    return value


def mounts(container: dict, root: Path, named: Path) -> dict[str, Path]:
    """A container's volumes as {path inside: path on this machine}: a bind mount (`./x:/y`) is the
    project's own file, a named volume (`attachments:/data`) a folder under `named` (one per volume name,
    so that containers sharing a volume share the folder, as the engine does)."""
    found = {}
    for volume in container.get("volumes", []):
        source, target = volume.split(":")[:2]
        if source.startswith((".", "/")):
            found[target] = (root / source).resolve()
        else:
            (named / source).mkdir(parents=True, exist_ok=True)
            found[target] = named / source
    return found


def map_paths(value: str, paths: dict[str, Path]) -> str:
    """A path inside the container (or under one of its mounts) as the same file on this machine."""
    for inside, outside in sorted(paths.items(), key=lambda item: -len(item[0])):
        if value == inside or value.startswith(inside.rstrip("/") + "/"):
            return str(outside) + value[len(inside.rstrip("/")):]
    return value


SERVICES = ("personnel", "consultation", "survey", "reporting")


def operators_env(example: Path, oidc_provider=None) -> dict[str, str]:
    """.env.example as an operator fills it in: every placeholder a random value (long enough for
    shared/startup.py); with the test OpenID provider, its issuer and each service's client secret."""
    env = {name: (secrets.token_hex(24) if "change-me" in value else value)
           for name, value in read_env_file(example).items()}
    if oidc_provider is not None:
        for svc in SERVICES:
            env[f"{svc.upper()}_OIDC_CLIENT_SECRET"] = oidc_provider.client_secret(f"asn-{svc}")
        env["OIDC_ISSUER"] = oidc_provider.issuer
        env["OIDC_METADATA_URL"] = f"{oidc_provider.issuer}/.well-known/openid-configuration"
    return env
