"""Generates docs/asyncapi.yaml, the event catalogue, from the payload schemas in code.

    python scripts/asyncapi.py          # rewrite docs/asyncapi.yaml
    python scripts/asyncapi.py --check  # exit 1 if the committed file differs (CI runs this as a test)

The schemas in each service's events.py (EMITS) are the single source; this file only renders them.
"""
from __future__ import annotations

import argparse
import copy
import importlib
import sys
from pathlib import Path

import yaml
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import fields, validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.personnel.config import Config as PersonnelConfig  # noqa: E402
from services.personnel.handlers import inbound_subscriptions  # noqa: E402
from shared.envelope import schema_uri  # noqa: E402

SERVICES = ("personnel", "consultation", "survey", "reporting")
TARGET = ROOT / "docs" / "asyncapi.yaml"
SAMPLES = {fields.Integer: 1, fields.Float: 3.25, fields.Boolean: False, fields.Date: "2026-03-10",
           fields.DateTime: "2026-03-10T02:15:00Z", fields.AwareDateTime: "2026-03-10T02:15:00Z"}


def _choice(field):
    """A value a validator accepts: the field's own example, else the first allowed choice."""
    if "example" in field.metadata:
        # A copy: the same list in the schema and in a message's example would become a YAML alias.
        return copy.deepcopy(field.metadata["example"])
    for validator in field.validators:
        if isinstance(validator, validate.OneOf):
            return next(iter(validator.choices))
    return None


def example(schema) -> dict:
    out = {}
    for name, field in schema.fields.items():
        chosen = _choice(field)
        if chosen is not None:
            out[name] = chosen
        elif isinstance(field, fields.Nested):
            out[name] = example(field.schema)
        elif isinstance(field, fields.List):
            out[name] = ["government", "community"]
        elif isinstance(field, fields.Dict):
            inner = field.value_field
            if isinstance(inner, fields.Dict):
                out[name] = {"gender": {"laki_laki": 3, "perempuan": 4}}
            elif isinstance(inner, fields.Float):
                out[name] = {f"u{i}": 3.25 for i in range(1, 10)}
            else:
                out[name] = {f"u{i}": 3 for i in range(1, 10)}
        else:
            out[name] = next((v for t, v in SAMPLES.items() if type(field) is t), f"<{name}>")
    return out


def envelope_schema() -> dict:
    return {
        "type": "object",
        "required": ["specversion", "id", "source", "type", "time", "subject", "datacontenttype",
                     "dataschema", "sequence", "correlationid", "data"],
        "properties": {
            "specversion": {"const": "1.0"}, "id": {"type": "string", "format": "uuid"},
            "source": {"type": "string", "example": "/asn/personnel"}, "type": {"type": "string"},
            "time": {"type": "string", "format": "date-time"}, "subject": {"type": "string"},
            "datacontenttype": {"const": "application/json"}, "dataschema": {"type": "string", "format": "uri"},
            "sequence": {"type": "integer", "minimum": 0,
                         "description": "The aggregate's version; higher is newer. Ignore older ones."},
            "correlationid": {"type": "string"}, "data": {"type": "object"},
        },
    }


INBOUND = inbound_subscriptions(PersonnelConfig())  # what partners may send (the schemas, not the settings)


def build() -> dict:
    channels, messages = {}, {}
    spec = APISpec("asn", "1", "3.0.3", plugins=[MarshmallowPlugin()])
    for service in SERVICES:
        emits = importlib.import_module(f"services.{service}.events").EMITS
        for event_type, schema_cls in sorted(emits.items()):
            name = schema_cls.__name__
            if name not in spec.components.schemas:
                spec.components.schema(name, schema=schema_cls)
            msg_id = event_type.replace(".", "_")
            messages[msg_id] = {
                "name": event_type,
                "title": event_type,
                "summary": (schema_cls.__doc__ or "").strip().splitlines()[0] if schema_cls.__doc__ else event_type,
                "contentType": "application/cloudevents+json",
                "headers": {"type": "object", "description": "AMQP properties: type and message_id equal the "
                            "envelope's type and id; delivery_mode 2 (persistent)."},
                "payload": {"allOf": [{"$ref": "#/components/schemas/CloudEventEnvelope"},
                                      {"type": "object", "properties": {
                                          "type": {"const": event_type},
                                          "source": {"const": f"/asn/{service}"},
                                          "dataschema": {"const": schema_uri(event_type)},
                                          "data": {"$ref": f"#/components/schemas/{name}"}}}]},
                "examples": [{"name": "example", "payload": {
                    "specversion": "1.0", "id": "7d0f5a3e-2c1b-4e8f-9a6d-1b2c3d4e5f60",
                    "source": f"/asn/{service}", "type": event_type, "time": "2026-03-10T02:15:00Z",
                    "subject": "4b7c9e2a-0d1f-4a5b-8c3d-2e1f0a9b8c7d", "datacontenttype": "application/json",
                    "dataschema": schema_uri(event_type), "sequence": 1,
                    "correlationid": "c0ffee00-0000-4000-8000-000000000001", "data": example(schema_cls())}}],
            }
            channels[event_type] = {
                "address": event_type,
                "description": f"Routing key `{event_type}` on the topic exchange `asn.events`.",
                "messages": {msg_id: {"$ref": f"#/components/messages/{msg_id}"}},
                "bindings": {"amqp": {"is": "routingKey", "exchange": {
                    "name": "asn.events", "type": "topic", "durable": True, "autoDelete": False, "vhost": "/"}}},
            }
    for event_type, subscription in sorted(INBOUND.items()):
        schema_cls = type(subscription.schema)
        name = schema_cls.__name__
        spec.components.schema(name, schema=schema_cls)
        msg_id = event_type.replace(".", "_")
        messages[msg_id] = {
            "name": event_type, "title": event_type,
            "summary": (schema_cls.__doc__ or event_type).strip().splitlines()[0],
            "description": "Sent BY a registered partner system (deploy/rabbitmq/partners.yaml) to the exchange "
                           "`asn.inbound`, with the AMQP user_id of its own broker user; personnel consumes it.",
            "contentType": "application/cloudevents+json",
            "payload": {"allOf": [{"$ref": "#/components/schemas/CloudEventEnvelope"},
                                  {"type": "object", "properties": {
                                      "type": {"const": event_type},
                                      "data": {"$ref": f"#/components/schemas/{name}"}}}]},
            "examples": [{"name": "example", "payload": {
                "specversion": "1.0", "id": "5e0a2b1c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "source": "/lms/bkpsdm",
                "type": event_type, "time": "2026-03-10T09:00:00Z", "subject": "198001012005011001:TEKNIS-01",
                "datacontenttype": "application/json", "dataschema": schema_uri(event_type), "sequence": 1,
                "correlationid": "5e0a2b1c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "data": example(schema_cls())}}],
        }
        channels[event_type] = {
            "address": event_type,
            "description": f"Routing key `{event_type}` on the topic exchange `asn.inbound` (partners send).",
            "messages": {msg_id: {"$ref": f"#/components/messages/{msg_id}"}},
            "bindings": {"amqp": {"is": "routingKey", "exchange": {
                "name": "asn.inbound", "type": "topic", "durable": True, "autoDelete": False, "vhost": "/"}}},
        }
    schemas = {"CloudEventEnvelope": envelope_schema(), **spec.to_dict()["components"]["schemas"]}
    operations = {f"{'send' if c in INBOUND else 'receive'}_{m}": {
        "action": "send" if c in INBOUND else "receive", "channel": {"$ref": f"#/channels/{c}"},
        "messages": [{"$ref": f"#/channels/{c}/messages/{m}"}]}
        for c, ch in channels.items() for m in ch["messages"]}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Kota Tebingtinggi ASN policy loop: events", "version": "1.0.0",
                 "description": "Every event the services publish on the topic exchange `asn.events` (AMQP 0-9-1, "
                                "RabbitMQ), and what partner systems may send to `asn.inbound`. Envelope: CloudEvents 1.0, structured JSON mode. Generated from the "
                                "schemas in code by scripts/asyncapi.py; see docs/events.md for how to bind a queue "
                                "and what delivery guarantees you get."},
        "defaultContentType": "application/cloudevents+json",
        "servers": {"rabbitmq": {"host": "rabbitmq:5672", "protocol": "amqp", "protocolVersion": "0.9.1",
                                 "description": "The city's RabbitMQ (see docker-compose.yml)."}},
        "channels": channels,
        "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }


def render() -> str:
    return "# Generated by scripts/asyncapi.py from the schemas in code. Do not edit by hand.\n" + yaml.safe_dump(
        build(), sort_keys=False, allow_unicode=True, width=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not TARGET.exists() or TARGET.read_text() != text:
            print("docs/asyncapi.yaml is out of date: run `python scripts/asyncapi.py`", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(text)
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(build()['channels'])} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
