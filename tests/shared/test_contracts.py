"""The contracts between services, checked: every subscription has a producer, and every consumer
reads what its producer publishes (the examples in docs/asyncapi.yaml, the catalogue other city
systems rely on)."""
import importlib

import pytest

from tests.shared.test_asyncapi import ALL_EMITS, CATALOGUE, SERVICES

INBOUND = importlib.import_module("services.personnel.handlers").inbound_subscriptions(
    importlib.import_module("services.personnel.config").Config())
DOCUMENTED_INBOUND = {c for c, ch in CATALOGUE["channels"].items()
                      if ch["bindings"]["amqp"]["exchange"]["name"] == "asn.inbound"}
SUBSCRIPTIONS = [(service, event_type, sub)
                 for service in SERVICES
                 for event_type, sub in importlib.import_module(f"services.{service}.handlers").SUBSCRIPTIONS.items()]
SUBSCRIPTIONS += [("personnel", event_type, sub) for event_type, sub in INBOUND.items()]


def example_data(event_type: str) -> dict:
    return CATALOGUE["components"]["messages"][event_type.replace(".", "_")]["examples"][0]["payload"]["data"]


def test_there_are_subscriptions_to_check():
    assert len(SUBSCRIPTIONS) > 20 and {s for s, _t, _sub in SUBSCRIPTIONS} == set(SERVICES)


@pytest.mark.parametrize(("service", "event_type", "sub"), SUBSCRIPTIONS,
                         ids=[f"{s}<-{t}" for s, t, _ in SUBSCRIPTIONS])
def test_every_subscription_has_a_producer_and_reads_its_example(service, event_type, sub):
    produced = event_type in ALL_EMITS
    inbound = event_type in DOCUMENTED_INBOUND and event_type in INBOUND
    assert produced or inbound, f"{service} subscribes to {event_type}, which no service emits and no partner may send"
    if produced:
        assert ALL_EMITS[event_type][0] != service, f"{service} consumes its own {event_type}"
    sub.schema.load(example_data(event_type))  # the consumer's own (tolerant) schema accepts the producer's example


def test_a_subscription_without_a_producer_would_fail_the_check():
    orphan = "personnel.pension.granted"
    assert orphan not in ALL_EMITS and orphan not in DOCUMENTED_INBOUND


def test_the_catalogue_names_exactly_the_inbound_types_personnel_accepts():
    assert DOCUMENTED_INBOUND == set(INBOUND)


def test_the_brokers_subscription_file_is_what_the_code_subscribes_to():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "scripts/broker_subscriptions.py", "--check"], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
