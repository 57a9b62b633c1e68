"""Command-line tools for operators and developers: migrations, dev tokens, dead-letter queues.

    python -m shared.cli token --role admin
    python -m shared.cli token --role operator --department DINKES
    python -m shared.cli migrate personnel
    python -m shared.cli dlq list reporting | requeue reporting | drop-applied reporting | purge reporting
    python -m shared.cli broker-definitions --out definitions.json     # users, permissions, queues
    python -m shared.cli broker-setup --management-url http://rabbitmq:15672
    python -m shared.cli certificate /certs --host layanan.tebingtinggikota.go.id
"""
from __future__ import annotations

import argparse
import json
import sys

from shared.config import load_settings

SERVICES = ("personnel", "consultation", "survey", "reporting")


def cmd_token(args) -> int:
    from shared.web.auth import issue_token

    settings = load_settings("cli")
    if not settings.jwt_secret:
        print("development tokens are for all-in-one mode and tests; deployments sign in at the identity provider",
              file=sys.stderr)
        return 2
    print(issue_token(settings, args.sub or f"dev-{args.role}", args.role, args.department, args.ttl, args.name))
    return 0


def cmd_migrate(args) -> int:
    from shared.db import Database
    from shared.migrations import upgrade

    for service in args.services or SERVICES:
        upgrade(service, Database(load_settings(service).database_url))
        print(f"{service}: migrated")
    return 0


def cmd_makemigration(args) -> int:
    from alembic import command

    from shared.migrations import alembic_config

    command.revision(alembic_config(args.service, args.url), message=args.message, autogenerate=True,
                     rev_id=args.rev_id)
    return 0


def applied_check(service: str, settings):
    """(source, id) -> whether the service's inbox holds the event: it was applied."""
    import importlib

    from shared.db import Database
    from shared.inbox import processed_ids

    inbox = importlib.import_module(f"services.{service}.db.models").plumbing["inbox"]
    db = Database(settings.database_url)

    def applied(source: str, event_id: str) -> bool:
        with db.sessions() as session:
            return bool(processed_ids(session, inbox, [(source, event_id)]))

    return applied


def cmd_dlq(args) -> int:
    from shared.dead_letters import drop_applied, list_dead_letters, purge, requeue

    settings = load_settings(args.service)
    if args.action == "list":
        for item in list_dead_letters(settings, limit=args.limit, applied=applied_check(args.service, settings)):
            print(json.dumps(item, ensure_ascii=False, default=str))
    elif args.action == "drop-applied":
        print(f"dropped {drop_applied(settings, applied_check(args.service, settings))} message(s) "
              "that were already applied")
    elif args.action == "requeue":
        print(f"requeued {requeue(settings, limit=args.limit)} message(s)")
    elif args.action == "purge":
        print(f"purged {purge(settings)} message(s)")
    return 0


def _secret(env, name: str) -> str | None:
    """A credential from NAME, or from the file NAME_FILE names (Docker and Kubernetes secrets)."""
    if env.get(name):
        return env[name]
    if env.get(f"{name}_FILE"):
        with open(env[f"{name}_FILE"], encoding="utf-8") as fh:
            return fh.read().strip()
    return None


def _broker_definitions(args) -> dict:
    import os

    from shared.broker_definitions import definitions, password_variable, users_of
    from shared.partners import load_partners

    env = os.environ
    # The definitions are a deployment's whatever this tool's own BROKER_URL (it talks to the management
    # API, never AMQP): not all-in-one mode, so BROKER_PUBLISHERS names the users as the services expect.
    # No database either: without one, the settings would make a SQLite folder in the working directory,
    # which the image's non-root user may not write (compose's broker-definitions runs there).
    settings = load_settings("broker-setup", queue_namespace=args.namespace or "", broker_url="amqp://",
                             database_url="sqlite://")
    partners = load_partners(args.partners or env.get("INBOUND_PARTNERS_FILE") or None)
    passwords, missing = {}, []
    for user in users_of(settings, partners):
        passwords[user] = _secret(env, password_variable(user)) or ""
        if len(passwords[user]) < 12:
            missing.append(password_variable(user))
    if missing:
        raise SystemExit(f"set a password of at least 12 characters in: {', '.join(missing)} (or ..._FILE)")
    admin_user = env.get("BROKER_ADMIN_USER")
    admin = (admin_user, _secret(env, "BROKER_ADMIN_PASSWORD") or "") if admin_user else None
    from pathlib import Path

    from shared.broker_definitions import SUBSCRIPTIONS_FILE, load_subscriptions

    subscriptions = load_subscriptions(Path(args.subscriptions) if args.subscriptions else SUBSCRIPTIONS_FILE)
    return definitions(settings, passwords, partners, vhost=args.vhost, admin=admin, subscriptions=subscriptions)


def cmd_broker_definitions(args) -> int:
    text = json.dumps(_broker_definitions(args), indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


def cmd_broker_setup(args) -> int:
    """Apply the definitions to a running broker through its management API (idempotent: a re-run changes nothing)."""
    import base64
    import os
    import urllib.request

    body = json.dumps(_broker_definitions(args)).encode()
    user = os.environ.get("BROKER_ADMIN_USER") or "guest"
    password = _secret(os.environ, "BROKER_ADMIN_PASSWORD") or "guest"
    request = urllib.request.Request(f"{args.management_url.rstrip('/')}/api/definitions", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": "Basic " +
                                              base64.b64encode(f"{user}:{password}".encode()).decode()})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - an operator-given URL
        print(f"broker definitions applied ({response.status})")
def cmd_certificate(args) -> int:
    """A self-signed TLS certificate for the reverse proxy, unless the directory holds one already."""
    import datetime
    from pathlib import Path

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    folder = Path(args.directory)
    cert_file, key_file = folder / "tls.crt", folder / "tls.key"
    if cert_file.exists() and key_file.exists():
        print(f"{cert_file} is there already: kept")
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, args.host),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kota Tebing Tinggi (self-signed)")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=args.days))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(args.host)]), critical=False)
            .sign(key, hashes.SHA256()))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_file.chmod(0o600)
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    print(f"wrote a self-signed certificate for {args.host} to {cert_file} (valid {args.days} days)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    token = sub.add_parser("token", help="issue a development JWT for all-in-one mode (signed with its JWT_SECRET)")
    token.add_argument("--role", required=True, choices=("admin", "operator", "viewer"))
    token.add_argument("--department", help="the OPD code an operator is scoped to")
    token.add_argument("--sub", help="subject (user id)")
    token.add_argument("--name", help="display name (what histories show)")
    token.add_argument("--ttl", type=int, default=8 * 3600, help="lifetime in seconds")
    token.set_defaults(fn=cmd_token)
    migrate = sub.add_parser("migrate", help="upgrade service databases to the latest schema")
    migrate.add_argument("services", nargs="*", choices=SERVICES + ((),), default=())
    migrate.set_defaults(fn=cmd_migrate)
    make = sub.add_parser("makemigration", help="autogenerate a migration (developers)")
    make.add_argument("service", choices=SERVICES)
    make.add_argument("message")
    make.add_argument("--url", required=True, help="a database at the current head")
    make.add_argument("--rev-id")
    make.set_defaults(fn=cmd_makemigration)
    dlq = sub.add_parser("dlq", help="inspect, requeue, drop the already applied, or purge a service's dead-letter queue")
    dlq.add_argument("action", choices=("list", "requeue", "drop-applied", "purge"))
    dlq.add_argument("service", choices=SERVICES)
    dlq.add_argument("--limit", type=int, default=100)
    dlq.set_defaults(fn=cmd_dlq)
    for name, fn, help_ in (("broker-definitions", cmd_broker_definitions,
                             "render the broker's users, permissions, exchanges and queues (RabbitMQ definitions)"),
                            ("broker-setup", cmd_broker_setup,
                             "apply them to a running broker through its management API")):
        command = sub.add_parser(name, help=help_)
        command.add_argument("--vhost", default="/")
        command.add_argument("--partners", help="the partner registry (default: INBOUND_PARTNERS_FILE)")
        command.add_argument("--namespace", help="a prefix for queue names (tests only)")
        command.add_argument("--subscriptions", help="each service's event types (default: "
                                                     "deploy/rabbitmq/subscriptions.yaml)")
        if name == "broker-definitions":
            command.add_argument("--out", help="write to this file instead of standard output")
        else:
            command.add_argument("--management-url", default="http://127.0.0.1:15672")
        command.set_defaults(fn=fn)
    cert = sub.add_parser("certificate", help="make a self-signed TLS certificate for the proxy (kept if one exists)")
    cert.add_argument("directory")
    cert.add_argument("--host", default="localhost")
    cert.add_argument("--days", type=int, default=825)
    cert.set_defaults(fn=cmd_certificate)
    args = parser.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
