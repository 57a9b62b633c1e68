"""outbox: who acted (actor_subject, actor_name) on every event recorded from now on

Revision ID: 0005_outbox_actor
Revises: 0003
Create Date: 2026-12-01 12:00:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0005_outbox_actor'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('actor_subject', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('actor_name', sa.String(length=200), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('actor_name')
        batch.drop_column('actor_subject')
