"""BROKER_URL with several nodes: connect() skips the ones that do not answer (the cluster test does it for real)."""
import time

import pytest
from kombu.exceptions import OperationalError

from shared.broker import connect
from shared.config import load_settings

DEAD = "amqp://guest:guest@127.0.0.1:1/%2F"  # nothing listens on port 1


def test_connect_takes_the_first_node_that_answers(broker_url):
    for url in (f"{DEAD};{broker_url}", f"{DEAD};{DEAD};{broker_url}"):
        started = time.monotonic()
        with connect(load_settings("personnel", broker_url=url, jwt_secret="x" * 32)) as conn:
            assert conn.connected
            assert conn.port != 1 and conn.connection is not None
        assert time.monotonic() - started < 5, "a refused node must cost no back-off"


def test_connect_fails_at_once_when_no_node_answers():
    with pytest.raises((OperationalError, OSError)):
        connect(load_settings("personnel", broker_url=f"{DEAD};{DEAD};{DEAD}", jwt_secret="x" * 32))
