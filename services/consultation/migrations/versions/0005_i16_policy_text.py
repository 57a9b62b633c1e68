"""policy text: articles per version, frozen versions, rounds of consultation, citizens' comments, meeting places and minutes

Revision ID: 0005_i16_policy_text
Revises: 0005_outbox_actor
Create Date: 2026-12-10 09:00:00

A policy written before articles existed had only a summary: each of its versions gets one
article holding that summary, so every policy has a text to read and compare. A consultation
open at the upgrade had no closing date: it gets one two weeks after the upgrade (BKPSDM may
close it earlier), so it neither closes at once nor stays open for ever.
"""
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = '0005_i16_policy_text'
down_revision: str | Sequence[str] | None = '0005_outbox_actor'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AFTER_CONSULTATION = ('adopted', 'in_implementation', 'under_evaluation', 'revised', 'retired')


def upgrade() -> None:
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opens_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closes_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('consultation_round', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('consulted_version', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('adopted_version', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('adopted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('adoption_unanswered', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('adoption_changed', sa.JSON(), nullable=True))
        batch_op.create_index('ix_policies_closes_on', ['closes_on'], unique=False)
    with op.batch_alter_table('policy_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('frozen_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('frozen_for', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('consultation_round', sa.Integer(), nullable=True))
    with op.batch_alter_table('consultation_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('minutes', sa.Text(), nullable=True))
    articles = op.create_table(
        'policy_articles',
        sa.Column('policy_id', sa.String(length=36), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=36), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('heading', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], ),
        sa.PrimaryKeyConstraint('policy_id', 'version', 'key'),
    )
    op.create_index('ix_policy_articles_version_number', 'policy_articles', ['policy_id', 'version', 'number'],
                    unique=False)
    op.create_table(
        'policy_comments',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('policy_id', sa.String(length=36), nullable=False),
        sa.Column('policy_version', sa.Integer(), nullable=False),
        sa.Column('article_key', sa.String(length=36), nullable=True),
        sa.Column('article_number', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('author_name', sa.String(length=80), nullable=True),
        sa.Column('contact_phone', sa.String(length=20), nullable=True),
        sa.Column('contact_email', sa.String(length=254), nullable=True),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('moderation', sa.String(length=20), nullable=False),
        sa.Column('moderation_reason', sa.Text(), nullable=True),
        sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('moderated_by', sa.String(length=200), nullable=True),
        sa.Column('answer_outcome', sa.String(length=20), nullable=True),
        sa.Column('answer_reason', sa.Text(), nullable=True),
        sa.Column('answered_in_version', sa.Integer(), nullable=True),
        sa.Column('answered_in_article', sa.Integer(), nullable=True),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answered_by', sa.String(length=200), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_policy_comments_policy_submitted', 'policy_comments', ['policy_id', 'submitted_at'],
                    unique=False)
    _backfill(articles)


def _backfill(articles: sa.Table) -> None:
    """One article per existing version (its summary), and the rounds and freezes the old states imply."""
    conn = op.get_bind()
    policies = conn.execute(sa.text('SELECT id, version, state FROM policies')).mappings().all()
    versions = conn.execute(sa.text('SELECT policy_id, version, summary, created_at FROM policy_versions')
                            ).mappings().all()
    keys = {p['id']: str(uuid.uuid4()) for p in policies}
    rows = [{'policy_id': v['policy_id'], 'version': v['version'], 'key': keys[v['policy_id']], 'number': 1,
             'heading': 'Isi kebijakan', 'body': v['summary']} for v in versions if v['policy_id'] in keys]
    if rows:
        op.bulk_insert(articles, rows)
    by_id = {p['id']: p for p in policies}
    for v in versions:
        policy = by_id.get(v['policy_id'])
        if policy is None:
            continue
        older = v['version'] < policy['version']
        if older or policy['state'] in AFTER_CONSULTATION:
            purpose = 'adoption'
        elif policy['state'] == 'in_consultation':
            purpose = 'consultation'
        else:
            continue
        conn.execute(sa.text('UPDATE policy_versions SET frozen_at = :at, frozen_for = :purpose '
                             'WHERE policy_id = :pid AND version = :version'),
                     {'at': v['created_at'], 'purpose': purpose, 'pid': v['policy_id'], 'version': v['version']})
    for p in policies:
        current, earlier = p['version'], (p['version'] - 1 if p['version'] > 1 else None)
        if p['state'] == 'in_consultation':
            consulted, adopted = current, earlier
        elif p['state'] in AFTER_CONSULTATION:
            consulted, adopted = current, current
        else:  # a draft: of the first version, or of the next one after a revision
            consulted, adopted = earlier, earlier
        if consulted is not None:
            conn.execute(sa.text('UPDATE policies SET consulted_version = :c, adopted_version = :a, '
                                 'consultation_round = 1 WHERE id = :pid'),
                         {'c': consulted, 'a': adopted, 'pid': p['id']})
        if p['state'] == 'in_consultation':
            today = (datetime.now(UTC) + timedelta(hours=7)).date()  # WIB
            conn.execute(sa.text('UPDATE policies SET opens_on = :opens, closes_on = :closes WHERE id = :pid'),
                         {'opens': today, 'closes': today + timedelta(days=13), 'pid': p['id']})


def downgrade() -> None:
    op.drop_index('ix_policy_comments_policy_submitted', table_name='policy_comments')
    op.drop_table('policy_comments')
    op.drop_index('ix_policy_articles_version_number', table_name='policy_articles')
    op.drop_table('policy_articles')
    with op.batch_alter_table('consultation_sessions', schema=None) as batch_op:
        batch_op.drop_column('minutes')
        batch_op.drop_column('place')
    with op.batch_alter_table('policy_versions', schema=None) as batch_op:
        batch_op.drop_column('consultation_round')
        batch_op.drop_column('frozen_for')
        batch_op.drop_column('frozen_at')
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_index('ix_policies_closes_on')
        batch_op.drop_column('adoption_changed')
        batch_op.drop_column('adoption_unanswered')
        batch_op.drop_column('adopted_at')
        batch_op.drop_column('adopted_version')
        batch_op.drop_column('consulted_version')
        batch_op.drop_column('consultation_round')
        batch_op.drop_column('closes_on')
        batch_op.drop_column('opens_on')
