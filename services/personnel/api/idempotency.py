"""The Idempotency-Key header: a retried write returns the first answer instead of doing the work twice.

A retried training record would otherwise count its JP twice. The key and the answer are
stored in the plumbing `idempotency_keys` table in the same transaction as the write, so
either both exist or neither does; two racing requests with one key end in one write and
a 409 (the key's primary key).
"""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from flask import Response
from flask_smorest import abort
from marshmallow import EXCLUDE, Schema, fields, validate
from sqlalchemy import select

from services.personnel.db.models import plumbing
from shared.web.auth import current_principal

HEADER = "Idempotency-Key"
KEYS = plumbing["idempotency_keys"]


class IdempotencyHeaderSchema(Schema):
    """For @blp.arguments(..., location="headers", as_kwargs=True): the view gets `idempotency_key`."""

    class Meta:
        unknown = EXCLUDE  # every other header

    idempotency_key = fields.String(
        data_key=HEADER, validate=validate.Regexp(r"^[A-Za-z0-9._:-]{8,100}$", error=(
            "Use 8-100 letters, digits, '.', '_', ':' or '-' (a UUID is ideal).")),
        metadata={"description": "Send the same key when retrying; the first answer is replayed."})


class Idempotency:
    """One write's key (if the client sent one) and the fingerprint of what it asked for."""

    def __init__(self, scope: str, request_data, key: str | None):
        # Scoped per caller and endpoint, so one client's key never replays another's answer.
        self.key = f"{current_principal().subject}:{scope}:{key}"[:200] if key else None
        text = json.dumps(request_data, sort_keys=True, default=str)
        self.fingerprint = hashlib.sha256(text.encode()).hexdigest()

    def replay(self, session) -> Response | None:
        """The first answer to this key, or None if the key is new; 422 if it came with another request."""
        if self.key is None:
            return None
        row = session.execute(select(KEYS.c.fingerprint, KEYS.c.status, KEYS.c.response)
                              .where(KEYS.c.key == self.key)).first()
        if row is None:
            return None
        if row.fingerprint != self.fingerprint:
            abort(422, message=f"This {HEADER} was already used for a different request; use a new key.",
                  errors={HEADER: ["already used for a different request"]})
        return self._response(row.response, row.status, replayed=True)

    def answer(self, session, status: int, body: dict) -> Response:
        """The answer to send, remembered under the key when there is one."""
        if self.key is not None:
            session.execute(KEYS.insert().values(key=self.key, fingerprint=self.fingerprint, status=status,
                                                 response=body, created_at=datetime.now(UTC)))
        return self._response(body, status)

    @staticmethod
    def _response(body: dict, status: int, replayed: bool = False) -> Response:
        resp = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")
        if replayed:
            resp.headers["Idempotent-Replayed"] = "true"
        return resp
