"""consultation: comments on policies, and the policies' rounds and adoptions

Revision ID: 0004_i16_consultation
Revises: 0005_outbox_actor
Create Date: 2026-12-10 09:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_i16_consultation'
down_revision: str | Sequence[str] | None = '0005_outbox_actor'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POLICY_COLUMNS = (('closes_on', sa.Date()), ('consultation_round', sa.Integer()),
                  ('consulted_version', sa.Integer()), ('adopted_version', sa.Integer()),
                  ('adopted_at', sa.DateTime(timezone=True)), ('unanswered_at_adoption', sa.Integer()),
                  ('articles_changed', sa.Integer()))


def upgrade() -> None:
    op.create_table(
        'policy_comments',
        sa.Column('comment_id', sa.String(length=36), nullable=False),
        sa.Column('policy_id', sa.String(length=36), nullable=False),
        sa.Column('department_code', sa.String(length=40), nullable=True),
        sa.Column('policy_version', sa.Integer(), nullable=False),
        sa.Column('article_number', sa.Integer(), nullable=True),
        sa.Column('moderation', sa.String(length=20), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('answer_outcome', sa.String(length=20), nullable=True),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('comment_id'),
    )
    op.create_index('ix_policy_comments_policy_id', 'policy_comments', ['policy_id'], unique=False)
    op.create_index('ix_policy_comments_submitted_at', 'policy_comments', ['submitted_at'], unique=False)
    with op.batch_alter_table('policies', schema=None) as batch_op:
        for name, kind in POLICY_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('policies', schema=None) as batch_op:
        for name, _kind in reversed(POLICY_COLUMNS):
            batch_op.drop_column(name)
    op.drop_index('ix_policy_comments_submitted_at', table_name='policy_comments')
    op.drop_index('ix_policy_comments_policy_id', table_name='policy_comments')
    op.drop_table('policy_comments')
