"""Talking to RabbitMQ with plain pika, as another city system would (never through our kombu code)."""
from __future__ import annotations

import json
import time

import pika

from shared.envelope import Envelope


def training_event(record_id="rec-1", jp=12, sequence=1, status="completed", revoked=False, **data) -> Envelope:
    payload = {"record_id": record_id, "employee_id": "emp-1", "department_code": "DINKES",
               "employee_type": "PNS", "position_type": "pelaksana", "programme_code": "TEKNIS-01",
               "kind": "teknis", "leadership_level": None, "jp": jp, "status": status,
               "start_date": "2026-03-09", "end_date": "2026-03-10", "year": 2026, "revoked": revoked, **data}
    return Envelope(type="personnel.training.recorded", source="/asn/personnel", subject=record_id,
                    data=payload, sequence=sequence)


class Wire:
    def __init__(self, broker_url: str, exchange: str):
        self.params = pika.URLParameters(broker_url)
        self.conn = pika.BlockingConnection(self.params)
        self.channel = self.conn.channel()
        self.channel.confirm_delivery()
        self.exchange = exchange
        self.channel.exchange_declare(exchange, "topic", durable=True)

    def publish_raw(self, routing_key: str, body: bytes, message_id: str = "", type_: str = "",
                    user_id: str | None = "") -> None:
        """Publish as the connection's own broker user (user_id=None: without naming it)."""
        user = self.params.credentials.username if user_id == "" else user_id
        self.channel.basic_publish(self.exchange, routing_key, body, pika.BasicProperties(
            content_type="application/cloudevents+json", delivery_mode=2, message_id=message_id or None,
            type=type_ or None, user_id=user))

    def publish(self, env: Envelope) -> None:
        self.publish_raw(env.type, env.to_json(), env.id, env.type)

    def listen(self, *routing_keys: str) -> str:
        queue = self.channel.queue_declare("", exclusive=True).method.queue
        for key in routing_keys:
            self.channel.queue_bind(queue, self.exchange, key)
        return queue

    def get(self, queue: str, timeout: float = 10.0):
        """The next message on the queue as (properties, headers, body dict or bytes), or None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            method, props, body = self.channel.basic_get(queue, auto_ack=True)
            if method is not None:
                try:
                    return props, props.headers or {}, json.loads(body)
                except ValueError:
                    return props, props.headers or {}, body
            time.sleep(0.05)
        return None

    def drain(self, queue: str, expected: int, timeout: float = 15.0) -> list:
        out = []
        deadline = time.monotonic() + timeout
        while len(out) < expected and time.monotonic() < deadline:
            got = self.get(queue, timeout=max(0.1, deadline - time.monotonic()))
            if got is not None:
                out.append(got)
        return out

    def close(self) -> None:
        self.conn.close()
