"""autovacuum per hot table (#20): the tables that grow with history and the ones updated on every batch

Revision ID: 0006_i20_autovacuum
Revises: 0005_outbox_actor
Create Date: 2026-12-01 12:00:00.000000

Storage parameters only (shared.migrations: GROWING, CHURNING; docs/operations.md, "Autovacuum"):
no rows change and no lock is held longer than the ALTER TABLE itself.
"""
from collections.abc import Sequence

from shared.migrations import CHURNING, GROWING, reset_autovacuum, set_autovacuum

# revision identifiers, used by Alembic.
revision: str = '0006_i20_autovacuum'
down_revision: str | Sequence[str] | None = '0005_outbox_actor'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = {"inbox": GROWING, "outbox": GROWING, "idempotency_keys": GROWING, "responses": GROWING,
          "campaign_tallies": CHURNING}


def upgrade() -> None:
    set_autovacuum(TABLES)


def downgrade() -> None:
    reset_autovacuum(TABLES)
