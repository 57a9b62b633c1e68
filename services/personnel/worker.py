"""The personnel worker: outbox relay, the consumer of the events personnel subscribes to, and inbound messages."""
from __future__ import annotations

from services.personnel.config import load_config
from services.personnel.db.models import plumbing
from services.personnel.handlers import INBOUND_TYPES, SUBSCRIPTIONS, inbound_subscriptions
from shared.consumer import EventConsumer, registered_partners
from shared.topology import inbound_exchange, service_queue
from shared.worker import run_worker, standard_loops

SERVICE = "personnel"


def inbound_consumer(settings, db, config) -> EventConsumer:
    """The consumer of `asn.inbound`: its own queue (and DLQ), the same inbox as the events, and only
    registered partners' messages."""
    queue = service_queue(settings, sorted(INBOUND_TYPES), exchange=inbound_exchange(settings),
                          name=f"{settings.queue_namespace}{SERVICE}.inbound")
    return EventConsumer(settings, db, plumbing["inbox"], inbound_subscriptions(config), queue=queue,
                         check_sender=registered_partners(settings, config.partners))


def loops(settings, db, config):
    """Everything this worker runs, as (name, loop) pairs; all-in-one mode runs the same."""
    return [*standard_loops(settings, db, plumbing, SUBSCRIPTIONS), ("inbound", inbound_consumer(settings, db, config).run)]


def main(settings=None, config=None, stop=None, install_signals=True):
    run_worker(SERVICE, loops, config=config or load_config(), settings=settings, stop=stop,
               install_signals=install_signals)


if __name__ == "__main__":
    main()
