"""Sends one training completion into the suite, as a training provider's platform would: plain pika.

    python examples/send_training_completion.py --nip 198001012005011001 --programme TEKNIS-01 \
        --start 2026-03-09 --end 2026-03-10 [--jp 12] [--certificate CERT-1] \
        --url amqp://user:pass@rabbitmq:5672/%2F

Publishes a CloudEvents envelope of type `inbound.training.completed` to the exchange
`asn.inbound`, with publisher confirms. Personnel records it (once, however often it is sent:
reuse `--id` to resend the same completion) or dead-letters it to `personnel.inbound.dlq` with the reason.
"""
from __future__ import annotations

import argparse
import json
import uuid
from datetime import UTC, datetime

import pika


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="amqp://guest:guest@127.0.0.1:5672/%2F")
    parser.add_argument("--exchange", default="asn.inbound")
    parser.add_argument("--source", default="/lms/example-provider", help="your system's CloudEvents source")
    parser.add_argument("--id", default=None, help="the event id; resending with the same id records it once")
    parser.add_argument("--nip", required=True)
    parser.add_argument("--programme", required=True)
    parser.add_argument("--start", required=True)
    parser.add_argument("--end", required=True)
    parser.add_argument("--jp", type=int)
    parser.add_argument("--certificate")
    args = parser.parse_args()

    data = {"nip": args.nip, "programme_code": args.programme, "start_date": args.start, "end_date": args.end}
    if args.jp is not None:
        data["jp"] = args.jp
    if args.certificate:
        data["certificate_number"] = args.certificate
    event_id = args.id or str(uuid.uuid4())
    envelope = {
        "specversion": "1.0", "id": event_id, "source": args.source, "type": "inbound.training.completed",
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"), "subject": f"{args.nip}:{args.programme}",
        "datacontenttype": "application/json", "dataschema": "urn:tebingtinggi:asn:schema:inbound.training.completed:1",
        "sequence": 1, "correlationid": event_id, "data": data,
    }
    connection = pika.BlockingConnection(pika.URLParameters(args.url))
    channel = connection.channel()
    channel.exchange_declare(args.exchange, "topic", durable=True)
    channel.confirm_delivery()  # raises if the broker does not take it
    # user_id names your broker user: RabbitMQ checks it, and the suite accepts a message only from a
    # registered partner (deploy/rabbitmq/partners.yaml), so a message without it is refused.
    params = pika.URLParameters(args.url)
    channel.basic_publish(args.exchange, "inbound.training.completed", json.dumps(envelope).encode(),
                          pika.BasicProperties(content_type="application/cloudevents+json", delivery_mode=2,
                                               message_id=event_id, type="inbound.training.completed",
                                               user_id=params.credentials.username),
                          mandatory=True)
    connection.close()
    print(f"sent {event_id}")


if __name__ == "__main__":
    main()
