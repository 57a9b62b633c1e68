"""The CloudEvents 1.0 envelope (structured JSON mode): the one home of the event format."""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from marshmallow import INCLUDE, Schema, ValidationError, fields, validate

CONTENT_TYPE = "application/cloudevents+json"
TYPE_PATTERN = re.compile(r"^[a-z]+(\.[a-z_]+){2,}$")


class EnvelopeError(ValueError):
    """The bytes are not a valid event envelope; the message says why."""


def schema_uri(event_type: str, version: int = 1) -> str:
    """The `dataschema` of an event type; the JSON Schemas are published in docs/asyncapi.yaml."""
    return f"urn:tebingtinggi:asn:schema:{event_type}:{version}"


class EnvelopeSchema(Schema):
    class Meta:
        unknown = INCLUDE  # other CloudEvents extensions are allowed and kept

    specversion = fields.String(required=True, validate=validate.Equal("1.0"))
    id = fields.UUID(required=True)
    source = fields.String(required=True, validate=validate.Regexp(r"^/\S+$"))
    type = fields.String(required=True, validate=validate.Regexp(TYPE_PATTERN))
    time = fields.AwareDateTime(required=True, format="iso")
    subject = fields.String(required=True, validate=validate.Length(min=1, max=200))
    datacontenttype = fields.String(required=True, validate=validate.Equal("application/json"))
    dataschema = fields.String(required=True)
    sequence = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    correlationid = fields.String(required=True)
    data = fields.Dict(required=True)


@dataclass(frozen=True)
class Envelope:
    """One event as it travels between services."""

    type: str
    source: str
    subject: str
    data: dict[str, Any]
    sequence: int
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: datetime = field(default_factory=lambda: datetime.now(UTC))
    correlationid: str = ""
    dataschema: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "specversion": "1.0",
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "time": self.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "subject": self.subject,
            "datacontenttype": "application/json",
            "dataschema": self.dataschema or schema_uri(self.type),
            "sequence": self.sequence,
            "correlationid": self.correlationid or self.id,
            "data": self.data,
        }

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False).encode()


_schema = EnvelopeSchema()


def parse_envelope(body: bytes | str) -> Envelope:
    """Decode and validate an envelope, or raise EnvelopeError with the reason."""
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise EnvelopeError(f"body is not JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise EnvelopeError("body is not a JSON object")
    try:
        valid = _schema.load(raw)
    except ValidationError as exc:
        raise EnvelopeError(f"invalid CloudEvents envelope: {exc.messages}") from None
    return Envelope(
        type=valid["type"], source=valid["source"], subject=valid["subject"], data=valid["data"],
        sequence=valid["sequence"], id=str(valid["id"]), time=valid["time"],
        correlationid=valid["correlationid"], dataschema=valid["dataschema"],
    )
