"""improvement: the actions of consultation's improvement plans, as read model

Revision ID: 0005_i21_improvement
Revises: 0004_i16_consultation
Create Date: 2026-12-01 09:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_i21_improvement'
down_revision: str | Sequence[str] | None = '0004_i16_consultation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        'improvement_actions',
        sa.Column('action_id', sa.String(length=36), nullable=False),
        sa.Column('plan_id', sa.String(length=36), nullable=False),
        sa.Column('policy_id', sa.String(length=36), nullable=False),
        sa.Column('policy_code', sa.String(length=60), nullable=False),
        sa.Column('policy_title', sa.String(length=300), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('plan_state', sa.String(length=20), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('origin', sa.String(length=20), nullable=False),
        sa.Column('source_scope', sa.String(length=40), nullable=True),
        sa.Column('rule', sa.String(length=60), nullable=True),
        sa.Column('figure', sa.String(length=200), nullable=True),
        sa.Column('subject', sa.String(length=60), nullable=True),
        sa.Column('value', sa.Float(), nullable=True),
        sa.Column('threshold', sa.Float(), nullable=True),
        sa.Column('recommendation_text', sa.String(), nullable=True),
        sa.Column('description', sa.String(), nullable=False),
        sa.Column('owner_department', sa.String(length=40), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=False),
        sa.Column('changes_text', sa.Boolean(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('done_at', MOMENT, nullable=True),
        sa.Column('done_on_time', sa.Boolean(), nullable=True),
        sa.Column('overdue_at', MOMENT, nullable=True),
        sa.Column('dropped_at', MOMENT, nullable=True),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('action_id'),
    )
    op.create_index('ix_improvement_actions_plan_id', 'improvement_actions', ['plan_id'])
    op.create_index('ix_improvement_actions_source_scope', 'improvement_actions', ['source_scope'])
    op.create_index('ix_improvement_actions_owner_department', 'improvement_actions', ['owner_department'])


def downgrade() -> None:
    op.drop_table('improvement_actions')
