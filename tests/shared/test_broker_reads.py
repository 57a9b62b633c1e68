"""The chunked AMQP reader on the real RabbitMQ: every delivery arrives whole and in order, small or large."""
from kombu import Consumer, Producer, Queue

from shared.broker import connect


def test_a_burst_of_small_and_multi_frame_messages_arrives_whole_and_in_order(make_settings):
    sizes = [0, 1, 700, 4095, 65536, 70001, 300_000] * 40  # 300 kB spans several body frames and chunks
    received = []
    with connect(make_settings("reporting")) as conn:
        channel = conn.channel()
        name = channel.queue_declare(queue="", exclusive=True).queue
        producer = Producer(channel)
        for i, size in enumerate(sizes):
            producer.publish(b"x" * size, routing_key=name, headers={"i": i}, content_type="application/octet-stream")
        Consumer(channel, queues=[Queue(name, channel=channel, no_declare=True)], accept=None,
                 callbacks=[lambda body, message: (received.append((message.headers["i"], len(body))),
                                                   message.ack())]).consume()
        while len(received) < len(sizes):
            conn.drain_events(timeout=5)
        try:  # and a quiet queue still times out, with nothing left half-read
            conn.drain_events(timeout=0.2)
        except TimeoutError:
            pass
        producer.publish(b"last", routing_key=name, headers={"i": -1}, content_type="application/octet-stream")
        conn.drain_events(timeout=5)
    assert received == [*enumerate(sizes), (-1, 4)]
