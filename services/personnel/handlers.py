"""The events personnel consumes: type → handler, in one visible registry."""
from __future__ import annotations

from shared.consumer import Subscription

# Filled by the socialization work: consultation.policy.* keeps a local copy of policies.
SUBSCRIPTIONS: dict[str, Subscription] = {}
