"""The Idempotency-Key header: a retried write returns the first answer instead of doing the work twice.

The one module that reads the header, for every service. It follows the IETF draft "The
Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header):

- 400 when the key is malformed, or missing where the endpoint requires one;
- 422 when a key is used again with a different request (method, path or body);
- 409 while the first request with that key is still running;
- a replay returns the stored status and body, marked `Idempotent-Replayed: true`;
- keys are scoped per caller (the token's subject; the public share one scope) and per endpoint;
- keys older than `IDEMPOTENCY_KEY_TTL_HOURS` are pruned by the worker.

The key's row is written in the same database transaction as the write itself, so either both
exist or neither does: a crash in between cannot leave a key without its effect, nor an effect
that a retry repeats. On PostgreSQL a transaction-scoped advisory lock on the key tells a
concurrent second request that the first is still running; SQLite serialises writers anyway.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from copy import deepcopy
from datetime import UTC, datetime, timedelta

from flask import Response, make_response, request
from flask_smorest import abort
from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table, delete, select, text
from sqlalchemy.orm import Session

from shared.web.app_factory import service_context
from shared.web.auth import current_principal

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9._:+/=~-]{8,255}$")
KEY_RULE = "8-255 letters, digits or . _ : + / = ~ - (a UUID is ideal)"


def idempotency_table(metadata: MetaData) -> Table:
    return Table(
        "idempotency_keys", metadata,
        Column("key", String(200), primary_key=True),  # sha256 of caller, scope and the client's key
        Column("fingerprint", String(64), nullable=False),
        Column("status", Integer, nullable=False),
        Column("response", JSON, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )


def read_key(required: bool) -> str | None:
    """The client's key from the header (a plain token or a quoted structured-field string)."""
    raw = request.headers.get(HEADER)
    if raw is None:
        if required:
            abort(400, message=f"This endpoint needs an {HEADER} header: {KEY_RULE}.")
        return None
    key = raw.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not KEY_PATTERN.match(key):
        abort(400, message=f"{HEADER} must be {KEY_RULE}.")
    return key


def _fingerprint(leave_out: tuple[str, ...]) -> str:
    """What the request asked for: method, path with query, and body (JSON compared by content, not spacing)."""
    body = request.get_json(silent=True)
    if isinstance(body, dict):
        canonical = json.dumps({k: v for k, v in body.items() if k not in leave_out}, sort_keys=True)
    elif body is not None:
        canonical = json.dumps(body, sort_keys=True)
    else:
        canonical = request.get_data(as_text=True)
    return hashlib.sha256(f"{request.method} {request.full_path}\n{canonical}".encode()).hexdigest()


def _lock_id(stored_key: str) -> int:
    return int.from_bytes(bytes.fromhex(stored_key[:16]), "big", signed=True)


def _replay(row) -> Response:
    response = Response(json.dumps(row.response, ensure_ascii=False), status=row.status,
                        mimetype="application/json")
    response.headers[REPLAYED_HEADER] = "true"
    return response


def run_once(session: Session, table: Table, scope: str, key: str, leave_out: tuple[str, ...], work) -> Response:
    """Do `work()` once for this key inside `session`'s transaction, or answer as the draft says."""
    principal = current_principal()
    caller = principal.subject if principal is not None else "public"
    stored_key = hashlib.sha256(f"{caller}\n{scope}\n{key}".encode()).hexdigest()
    fingerprint = _fingerprint(leave_out)
    if session.get_bind().dialect.name == "postgresql":
        running = not session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"),
                                      {"k": _lock_id(stored_key)}).scalar()
        if running:
            abort(409, message=f"A request with this {HEADER} is still being processed; retry later.",
                  headers={"Retry-After": "1"})
    row = session.execute(select(table.c.fingerprint, table.c.status, table.c.response)
                          .where(table.c.key == stored_key)).first()
    if row is not None:
        if row.fingerprint != fingerprint:
            abort(422, message=f"This {HEADER} was already used for a different request; use a new key.",
                  errors={HEADER: ["already used for a different request"]})
        return _replay(row)
    response = make_response(work())
    if response.status_code < 400 and response.is_json:
        session.execute(table.insert().values(key=stored_key, fingerprint=fingerprint,
                                              status=response.status_code, response=response.get_json(),
                                              created_at=datetime.now(UTC)))
    return response


def idempotent(scope: str, *, required: bool = False, leave_out: tuple[str, ...] = ()):
    """Decorate a write view: it runs in one transaction, passed to it as `session`, once per key.

    Put it below `@blp.arguments(...)` and above `@blp.response(...)`, so that it sees the
    serialised answer. `leave_out` names body fields that must not enter the fingerprint (a
    survey's invitation token, which must never be linkable to the answers).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            key = read_key(required)
            ctx = service_context()
            with ctx.transaction() as session:
                if key is None:
                    return view(*args, session=session, **kwargs)
                table = ctx.tables["idempotency_keys"]
                return run_once(session, table, scope, key, leave_out,
                                lambda: view(*args, session=session, **kwargs))

        wrapper._apidoc = deepcopy(getattr(wrapper, "_apidoc", {}))
        wrapper._apidoc.setdefault("arguments", {}).setdefault("parameters", []).append({
            "in": "header", "name": HEADER, "required": required,
            "description": f"Send the same key when retrying; the first answer is replayed ({KEY_RULE}).",
            "schema": {"type": "string", "pattern": KEY_PATTERN.pattern},
        })
        return wrapper

    return decorator


def prune(session: Session, table: Table, older_than: timedelta, now: datetime | None = None) -> int:
    """Forget keys older than `older_than`; return how many were removed."""
    cutoff = (now or datetime.now(UTC)) - older_than
    return session.execute(delete(table).where(table.c.created_at < cutoff)).rowcount or 0
