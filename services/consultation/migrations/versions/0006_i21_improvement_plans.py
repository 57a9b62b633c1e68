"""improvement plans (rencana tindak lanjut) per policy and evaluation period, and their actions

Revision ID: 0006_i21_improvement_plans
Revises: 0005_i16_policy_text
Create Date: 2026-12-01 09:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_i21_improvement_plans'
down_revision: str | Sequence[str] | None = '0005_i16_policy_text'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        'improvement_plans',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('policy_id', sa.String(length=36), sa.ForeignKey('policies.id'), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('created_at', MOMENT, nullable=False),
        sa.Column('created_by', sa.String(length=200), nullable=True),
        sa.Column('adopted_at', MOMENT, nullable=True),
        sa.Column('adopted_by', sa.String(length=200), nullable=True),
        sa.Column('updated_at', MOMENT, nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('policy_id', 'period', name='uq_improvement_plans_policy_period'),
    )
    op.create_index('ix_improvement_plans_policy_id', 'improvement_plans', ['policy_id'])
    op.create_table(
        'improvement_actions',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('plan_id', sa.String(length=36), sa.ForeignKey('improvement_plans.id'), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('origin', sa.String(length=20), nullable=False),
        sa.Column('source_scope', sa.String(length=40), nullable=True),
        sa.Column('rule', sa.String(length=60), nullable=True),
        sa.Column('figure', sa.String(length=200), nullable=True),
        sa.Column('subject', sa.String(length=60), nullable=True),
        sa.Column('value', sa.Float(), nullable=True),
        sa.Column('threshold', sa.Float(), nullable=True),
        sa.Column('recommendation_text', sa.Text(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('owner_department', sa.String(length=40), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=False),
        sa.Column('policy_article', sa.Integer(), nullable=True),
        sa.Column('policy_version', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('created_at', MOMENT, nullable=False),
        sa.Column('started_at', MOMENT, nullable=True),
        sa.Column('done_at', MOMENT, nullable=True),
        sa.Column('dropped_at', MOMENT, nullable=True),
        sa.Column('evidence_note', sa.Text(), nullable=True),
        sa.Column('drop_reason', sa.Text(), nullable=True),
        sa.Column('overdue_at', MOMENT, nullable=True),
        sa.Column('updated_by', sa.String(length=200), nullable=True),
        sa.Column('attachment_id', sa.String(length=36), nullable=True),
        sa.Column('attachment_name', sa.String(length=100), nullable=True),
        sa.Column('attachment_type', sa.String(length=40), nullable=True),
        sa.Column('attachment_size', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_improvement_actions_plan_id', 'improvement_actions', ['plan_id'])
    op.create_index('ix_improvement_actions_owner_department', 'improvement_actions', ['owner_department'])
    op.create_index('ix_improvement_actions_open_deadline', 'improvement_actions', ['state', 'deadline'])


def downgrade() -> None:
    op.drop_table('improvement_actions')
    op.drop_table('improvement_plans')
