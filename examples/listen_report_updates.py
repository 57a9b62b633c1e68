"""Listens to reporting.report.updated, as another city system would: plain pika, its own queue.

    python examples/listen_report_updates.py --url amqp://user:pass@rabbitmq:5672/%2F

Prints one line per updated evaluation report. Declares a durable quorum queue of its own
(`--queue`), so nothing is missed while it is not running.
"""
from __future__ import annotations

import argparse
import json

import pika


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="amqp://guest:guest@127.0.0.1:5672/%2F")
    parser.add_argument("--exchange", default="asn.events")
    parser.add_argument("--queue", default="example.report-updates")
    parser.add_argument("--max-messages", type=int, default=0, help="stop after this many (0: run forever)")
    parser.add_argument("--timeout", type=float, default=None, help="stop after this many idle seconds")
    args = parser.parse_args()

    connection = pika.BlockingConnection(pika.URLParameters(args.url))
    channel = connection.channel()
    channel.exchange_declare(args.exchange, "topic", durable=True)
    channel.queue_declare(args.queue, durable=True, arguments={"x-queue-type": "quorum"})
    channel.queue_bind(args.queue, args.exchange, "reporting.report.updated")
    channel.basic_qos(prefetch_count=20)
    print(f"listening on {args.queue} for reporting.report.updated", flush=True)

    seen_ids: set[str] = set()  # at-least-once delivery: deduplicate on the envelope id
    received = 0
    for method, _properties, body in channel.consume(args.queue, inactivity_timeout=args.timeout):
        if method is None:
            break
        event = json.loads(body)
        if event["id"] not in seen_ids:
            seen_ids.add(event["id"])
            data = event["data"]
            print(f"report {data['scope']} {data['period']} revision {data['revision']} as of {data['as_of']}: "
                  f"{json.dumps(data['headline'], ensure_ascii=False)}", flush=True)
            received += 1
        channel.basic_ack(method.delivery_tag)
        if args.max_messages and received >= args.max_messages:
            break
    channel.cancel()
    connection.close()


if __name__ == "__main__":
    main()
