"""Broker users of a test's own, through RabbitMQ's management API: for processes that, like a
deployment, refuse to start with a short password such as guest's (shared/startup.py)."""
from __future__ import annotations

import base64
import contextlib
import json
import secrets
import urllib.request
from urllib.parse import quote, unquote, urlparse


def _call(broker_url: str, method: str, path: str, body=None) -> None:
    url = urlparse(broker_url)
    auth = base64.b64encode(f"{url.username}:{url.password}".encode()).decode()
    request = urllib.request.Request(f"http://{url.hostname}:15672/api{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Basic {auth}"})
    urllib.request.urlopen(request, timeout=30).close()


@contextlib.contextmanager
def broker_user(broker_url: str, name: str):
    """A user with a long random password and full rights on the URL's vhost; yields its AMQP URL."""
    url = urlparse(broker_url)
    vhost = unquote(url.path[1:]) or "/"
    password = secrets.token_hex(16)
    _call(broker_url, "PUT", f"/users/{name}", {"password": password, "tags": ""})
    _call(broker_url, "PUT", f"/permissions/{quote(vhost, safe='')}/{name}",
          {"configure": ".*", "write": ".*", "read": ".*"})
    try:
        yield f"amqp://{name}:{password}@{url.hostname}:{url.port or 5672}/{url.path[1:]}"
    finally:
        _call(broker_url, "DELETE", f"/users/{name}")
