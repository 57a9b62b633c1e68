"""The events personnel consumes: type → handler, in one visible registry."""
from __future__ import annotations

from services.personnel.known_policies import POLICY_EVENT_TYPES, PolicyPayload, apply_policy_state
from shared.consumer import Subscription

SUBSCRIPTIONS: dict[str, Subscription] = {
    **{event_type: Subscription(PolicyPayload(), apply_policy_state) for event_type in POLICY_EVENT_TYPES},
}
