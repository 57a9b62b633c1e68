"""the staff workspace (#17): head of unit, status and rank history, SK dates, staged imports, page indexes

Revision ID: 0002_i17_workspace
Revises: 0001
Create Date: 2026-11-30 10:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002_i17_workspace'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IN_SERVICE_HEAD = "is_head AND status IN ('active', 'on_leave')"


def upgrade() -> None:
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_head', sa.Boolean(), server_default=sa.text('false'), nullable=False))
        # The search page lists by name and id, a department's staff likewise (bench/personnel_pages.py).
        batch_op.create_index('ix_employees_name_id', ['name', 'id'], unique=False)
        batch_op.create_index('ix_employees_department_name', ['department_code', 'name', 'id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # The start of a NIP, and part of a name, found through an index (pg_trgm is a trusted extension:
        # the database's owner may create it).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_employees_nip_pattern ON employees (nip varchar_pattern_ops)")
        op.execute("CREATE INDEX ix_employees_name_trgm ON employees USING gin (lower(name) gin_trgm_ops)")
    op.create_index('uq_one_head_per_department', 'employees', ['department_code'], unique=True,
                    postgresql_where=sa.text(IN_SERVICE_HEAD), sqlite_where=sa.text(IN_SERVICE_HEAD))
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decree_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('head_of_unit', sa.Boolean(), server_default=sa.text('false'), nullable=False))
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
    # The employee page lists the sessions a person attended.
    op.create_index('ix_socialization_attendance_employee_id', 'socialization_attendance', ['employee_id'])
    op.create_table('status_changes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('employee_id', sa.String(length=36), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decree_number', sa.String(length=100), nullable=True),
    sa.Column('decree_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_status_changes_employee_id', 'status_changes', ['employee_id'])
    op.create_table('rank_changes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('employee_id', sa.String(length=36), nullable=False),
    sa.Column('rank', sa.String(length=6), nullable=False),
    sa.Column('decree_number', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_rank_changes_employee_id', 'rank_changes', ['employee_id'])
    # The rank history starts with the rank each employee holds today.
    op.execute("INSERT INTO rank_changes (id, employee_id, rank, created_at) "
               "SELECT id, id, rank, created_at FROM employees WHERE rank IS NOT NULL")
    op.create_table('staged_imports',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('update_existing', sa.Boolean(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('staged_imports')
    op.drop_index('ix_rank_changes_employee_id', table_name='rank_changes')
    op.drop_table('rank_changes')
    op.drop_index('ix_status_changes_employee_id', table_name='status_changes')
    op.drop_table('status_changes')
    op.drop_index('ix_socialization_attendance_employee_id', table_name='socialization_attendance')
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_column('ended_on')
        batch_op.drop_column('head_of_unit')
        batch_op.drop_column('decree_date')
    op.drop_index('uq_one_head_per_department', table_name='employees')
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_employees_name_trgm")
        op.execute("DROP INDEX ix_employees_nip_pattern")
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.drop_index('ix_employees_department_name')
        batch_op.drop_index('ix_employees_name_id')
        batch_op.drop_column('is_head')
