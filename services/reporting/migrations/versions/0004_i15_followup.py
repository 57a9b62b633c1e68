"""feedback facts: re-routings, reopenings, the citizen's satisfaction, time paused waiting for the citizen

Revision ID: 0004_i15_followup
Revises: 0003
Create Date: 2026-12-01 10:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_i15_followup'
down_revision: str | Sequence[str] | None = '0004_i17_coverage'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Facts projected before these were announced: no re-routing, reopening or pause is known of them.
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reroute_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('reopen_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('citizen_satisfied', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('responded_by', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('paused_hours', sa.Float(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('paused_working_days', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        for column in ('paused_working_days', 'paused_hours', 'responded_by', 'citizen_satisfied', 'reopen_count',
                       'reroute_count'):
            batch_op.drop_column(column)
