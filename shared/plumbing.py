"""The tables every service has besides its own: outbox, inbox and idempotency keys."""
from __future__ import annotations

from sqlalchemy import MetaData, Table

from shared.inbox import inbox_table
from shared.outbox import outbox_table
from shared.web.idempotency import idempotency_table


def add_plumbing_tables(metadata: MetaData) -> dict[str, Table]:
    """Add `outbox`, `inbox` and `idempotency_keys` to a service's metadata, so its migrations create them."""
    return {"outbox": outbox_table(metadata), "inbox": inbox_table(metadata),
            "idempotency_keys": idempotency_table(metadata)}
