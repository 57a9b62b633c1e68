"""The consultation service's tables."""
from __future__ import annotations

from shared.db import service_base
from shared.outbox import add_plumbing_tables

Base = service_base()
metadata = Base.metadata
plumbing = add_plumbing_tables(metadata)
