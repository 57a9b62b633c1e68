"""The CloudEvents 1.0 envelope (structured JSON mode): the one home of the event format."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

CONTENT_TYPE = "application/cloudevents+json"
TYPE_PATTERN = re.compile(r"^[a-z]+(\.[a-z_]+){2,}$")
SOURCE_PATTERN = re.compile(r"^/\S+$")
KIND_NAMES = {str: "a string", int: "an integer", dict: "a JSON object"}


class EnvelopeError(ValueError):
    """The bytes are not a valid event envelope; the message says why."""


def schema_uri(event_type: str, version: int = 1) -> str:
    """The `dataschema` of an event type; the JSON Schemas are published in docs/asyncapi.yaml."""
    return f"urn:tebingtinggi:asn:schema:{event_type}:{version}"


def _check(raw: dict) -> tuple[dict, dict[str, str]]:
    """The envelope's rules: the parsed values, and a message per attribute that breaks them.

    Plain checks rather than a schema library: this runs for every message a consumer reads.
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}

    def need(name: str, kind: type):
        value = raw.get(name)
        if value is None:
            errors[name] = "missing"
        elif not isinstance(value, kind) or isinstance(value, bool):
            errors[name] = f"must be {KIND_NAMES[kind]}"
        else:
            return value
        return None

    if raw.get("specversion") != "1.0":
        errors["specversion"] = "must be '1.0'"
    if (event_id := need("id", str)) is not None:
        try:
            values["id"] = str(uuid.UUID(event_id))
        except ValueError:
            errors["id"] = "must be a UUID"
    if (source := need("source", str)) is not None and not SOURCE_PATTERN.match(source):
        errors["source"] = "must be a path such as /asn/personnel"
    if (type_ := need("type", str)) is not None and not TYPE_PATTERN.match(type_):
        errors["type"] = "must look like <service>.<entity>.<verb>"
    if (moment := need("time", str)) is not None:
        try:
            values["time"] = datetime.fromisoformat(moment)
            if values["time"].tzinfo is None:
                errors["time"] = "must carry a time zone (RFC 3339)"
        except ValueError:
            errors["time"] = "must be an RFC 3339 date-time"
    if (subject := need("subject", str)) is not None and not 1 <= len(subject) <= 200:
        errors["subject"] = "must be 1-200 characters"
    if raw.get("datacontenttype") != "application/json":
        errors["datacontenttype"] = "must be 'application/json'"
    need("dataschema", str)
    if (sequence := need("sequence", int)) is not None and sequence < 0:
        errors["sequence"] = "must be 0 or more"
    need("correlationid", str)
    need("data", dict)
    return values, errors


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
        return orjson.dumps(self.to_dict(), option=orjson.OPT_NON_STR_KEYS)


def parse_envelope(body: bytes | str) -> Envelope:
    """Decode and validate an envelope, or raise EnvelopeError with the reason."""
    try:
        raw = orjson.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise EnvelopeError(f"body is not JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise EnvelopeError("body is not a JSON object")
    values, errors = _check(raw)
    if errors:
        raise EnvelopeError(f"invalid CloudEvents envelope: {errors}")
    return Envelope(
        type=raw["type"], source=raw["source"], subject=raw["subject"], data=raw["data"],
        sequence=raw["sequence"], id=values["id"], time=values["time"],
        correlationid=raw["correlationid"], dataschema=raw["dataschema"],
    )
