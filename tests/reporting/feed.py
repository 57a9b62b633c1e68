"""Applying events to reporting's database directly, the way its consumer does."""
from __future__ import annotations

from services.reporting.db.models import plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from shared.envelope import parse_envelope
from shared.inbox import mark_processed, processed_ids


class Feed:
    """Applies events the way the consumer does: tolerant-reader payload, inbox, handler, one transaction."""

    def __init__(self, db):
        self.db = db

    def __call__(self, *envelopes):
        with self.db.transaction() as session:
            for env in envelopes:
                env = parse_envelope(env.to_json())  # exactly what travels on the wire
                if processed_ids(session, plumbing["inbox"], [(env.source, env.id)]):
                    continue
                sub = SUBSCRIPTIONS[env.type]
                sub.handle(session, env, sub.schema.load(env.data))
                mark_processed(session, plumbing["inbox"], [env])
