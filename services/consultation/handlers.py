"""The events consultation consumes: type → handler, in one visible registry."""
from __future__ import annotations

from shared.consumer import Subscription

SUBSCRIPTIONS: dict[str, Subscription] = {}
