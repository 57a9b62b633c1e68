"""The Idempotency-Key header: a retried write returns the first answer instead of doing the work twice.

The key and the response are stored in the plumbing `idempotency_keys` table in the same
transaction as the write, so either both exist or neither does.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from flask import Response, request
from flask_smorest import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import plumbing

HEADER = "Idempotency-Key"
_KEY_RE = re.compile(r"^[A-Za-z0-9._:-]{8,100}$")
keys = plumbing["idempotency_keys"]


def requested_key(scope: str) -> str | None:
    """The scoped key from the header, None without one, 400 if it is malformed."""
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    if not _KEY_RE.match(raw.strip()):
        abort(400, message=f"{HEADER} must be 8-100 letters, digits, '.', '_', ':' or '-' (a UUID is ideal).")
    return f"{scope}:{raw.strip()}"


def fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def replay(session: Session, key: str, print_: str) -> Response | None:
    """The stored response for this key, or None if the key is new; 422 if it came with another body."""
    row = session.execute(select(keys.c.fingerprint, keys.c.status, keys.c.response)
                          .where(keys.c.key == key)).first()
    if row is None:
        return None
    if row.fingerprint != print_:
        abort(422, message=f"This {HEADER} was already used for a different request; use a new key.")
    resp = Response(json.dumps(row.response, ensure_ascii=False), status=row.status, mimetype="application/json")
    resp.headers["Idempotent-Replayed"] = "true"
    return resp


def remember(session: Session, key: str, print_: str, status: int, body: dict) -> None:
    session.execute(keys.insert().values(key=key, fingerprint=print_, status=status, response=body,
                                         created_at=datetime.now(UTC)))
