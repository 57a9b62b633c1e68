"""When the broker is unreachable, HTTP writes still succeed, and every event arrives once it is back."""
from dataclasses import replace
from urllib.parse import urlparse

import pytest

from tests.integration.test_training_loop import jp_of
from tests.support import scratch, seed
from tests.support.proxy import CuttableProxy
from tests.support.workers import running, wait_for


def record_training_while(personnel, tokens, n):
    admin = tokens("admin")
    seed.department(personnel.client, admin)
    seed.programme(personnel.client, admin, jp=2)
    emp = seed.employee(personnel.client, admin)
    return admin, emp


def test_writes_succeed_during_an_outage_and_nothing_is_lost(personnel, reporting, tokens, broker_url):
    target = urlparse(broker_url)
    proxy = CuttableProxy(target.hostname, target.port or 5672)
    proxy.start()
    via_proxy = broker_url.replace(f"{target.hostname}:{target.port or 5672}", f"127.0.0.1:{proxy.port}")
    personnel.settings = replace(personnel.settings, broker_url=via_proxy)
    reporting.settings = replace(reporting.settings, broker_url=via_proxy, heartbeat=2)
    admin, emp = record_training_while(personnel, tokens, 0)
    with running(relay=personnel.relay()), running(consumer=reporting.consumer()):
        seed.training(personnel.client, admin, emp["id"])
        wait_for(lambda: jp_of(reporting) == 2, message="the first event before the outage")
        proxy.cut()
        for day in range(11, 31):  # every write during the outage must succeed (20 trainings, each its own)
            seed.training(personnel.client, admin, emp["id"], end=f"2026-03-{day}")
        assert jp_of(reporting) == 2
        proxy.start()
        wait_for(lambda: jp_of(reporting) == 42, timeout=60, message="all 21 records after the broker is back")
    proxy.cut()


@pytest.mark.broker_restart
def test_rabbitmq_stopped_and_started_loses_nothing(personnel, reporting, tokens):
    """The real thing, on a RabbitMQ node of the test's own: `stop_app`, writes, `start_app`."""
    scratch.require()
    node = scratch.ScratchRabbit()
    node.start()
    try:
        personnel.settings = replace(personnel.settings, broker_url=node.url)
        reporting.settings = replace(reporting.settings, broker_url=node.url)
        admin, emp = record_training_while(personnel, tokens, 0)
        with running(relay=personnel.relay()), running(consumer=reporting.consumer()):
            seed.training(personnel.client, admin, emp["id"])
            wait_for(lambda: jp_of(reporting) == 2, message="the first event")
            node.stop_app()
            try:
                for day in range(11, 21):
                    seed.training(personnel.client, admin, emp["id"], end=f"2026-03-{day}")
            finally:
                node.start_app()
            wait_for(lambda: jp_of(reporting) == 22, timeout=90, message="all 11 records after start_app")
    finally:
        node.close()
