"""Idempotency-Key for retried public writes: the same key and body replay the first answer.

The fingerprint leaves the invitation token out: a hash over token + answers could be matched against
the printed tokens to link them, which is exactly what the token design forbids.
"""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from flask import Response, jsonify, request
from flask_smorest import abort
from sqlalchemy import select

from services.survey.db.models import plumbing

KEYS = plumbing["idempotency_keys"]


def idempotency_key(scope: str) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= 100 or not key.isprintable():
        abort(422, message="Idempotency-Key must be 1-100 printable characters.",
              errors={"Idempotency-Key": ["1-100 printable characters"]})
    return f"{scope}:{key}"


def fingerprint(data: dict, leave_out: tuple[str, ...] = ("token",)) -> str:
    body = {k: v for k, v in data.items() if k not in leave_out}
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def replay(session, key: str, print_: str) -> Response | None:
    """The stored answer for this key, or None if it is new; a different body under the key is a 422."""
    row = session.execute(select(KEYS).where(KEYS.c.key == key)).first()
    if row is None:
        return None
    if row.fingerprint != print_:
        abort(422, message="This Idempotency-Key was already used with a different request.",
              errors={"Idempotency-Key": ["already used with a different request"]})
    resp = jsonify(row.response)
    resp.status_code = row.status
    return resp


def remember(session, key: str, print_: str, status: int, body: dict) -> Response:
    session.execute(KEYS.insert().values(key=key, fingerprint=print_, status=status, response=body,
                                         created_at=datetime.now(UTC)))
    resp = jsonify(body)
    resp.status_code = status
    return resp
