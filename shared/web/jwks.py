"""The identity provider's published signing keys (JWKS), cached, and read again when a token names a new one.

The provider rotates its keys: it publishes a new key beside the old one, signs with the new
one, and later removes the old one. So a token whose `kid` is unknown makes the cache read the
key set again at once (a new key is accepted without a restart), and a read replaces the whole
set (a removed key is refused from then on). Reading also happens when the set is older than
JWKS_CACHE_SECONDS. Unknown `kid`s cannot make the service hammer the provider: at most
REFETCHES_PER_MINUTE such reads a minute.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

import jwt
import requests

REFETCHES_PER_MINUTE = 10
TIMEOUT_SECONDS = 5


def fetch_json(url: str) -> dict:
    response = requests.get(url, timeout=TIMEOUT_SECONDS)
    response.raise_for_status()
    return response.json()


class ProviderDocuments:
    """The provider's discovery document, read once and kept (its endpoints do not move)."""

    def __init__(self, metadata_url: str, fetch: Callable[[str], dict] = fetch_json):
        self.metadata_url, self.fetch = metadata_url, fetch
        self._metadata: dict | None = None

    @property
    def metadata(self) -> dict:
        if self._metadata is None:
            self._metadata = self.fetch(self.metadata_url)
        return self._metadata


class KeySet:
    """Signing keys by `kid`, from the provider's jwks_uri."""

    def __init__(self, documents: ProviderDocuments, max_age_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.documents, self.max_age, self.clock = documents, max_age_seconds, clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._read_at: float | None = None
        self._refetches: deque[float] = deque()
        self._lock = threading.Lock()
        self.generation = 0

    def _read(self) -> None:
        document = self.documents.fetch(self.documents.metadata["jwks_uri"])
        keys = {}
        for data in document.get("keys", []):
            if data.get("use", "sig") != "sig" or "kid" not in data or data.get("kty") == "oct":
                continue
            try:
                keys[data["kid"]] = key = jwt.PyJWK(data)
                key.declared_alg = data.get("alg")  # the algorithm the provider limits the key to, if any
            except jwt.PyJWTError:
                continue  # a key type this library cannot use: never a key we accept
        self._keys, self._read_at = keys, self.clock()
        self.generation += 1  # tokens verified with an earlier set are verified again (shared/web/auth.py)

    def _may_refetch(self) -> bool:
        now = self.clock()
        while self._refetches and now - self._refetches[0] > 60:
            self._refetches.popleft()
        if len(self._refetches) >= REFETCHES_PER_MINUTE:
            return False
        self._refetches.append(now)
        return True

    def key(self, kid: str | None) -> jwt.PyJWK | None:
        """The key with this id, reading the set again if it is stale or the id is new; None if unknown."""
        with self._lock:
            if self._read_at is None or self.clock() - self._read_at > self.max_age:
                self._read()
            elif kid not in self._keys and self._may_refetch():
                self._read()
            return self._keys.get(kid or "")
