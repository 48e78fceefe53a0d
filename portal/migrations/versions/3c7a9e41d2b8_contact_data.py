"""contact data: phone and e-mail of locations and teams, the direct line of staff

Revision ID: 3c7a9e41d2b8
Revises: 7c41d2a9e5b0
Create Date: 2026-11-24 09:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '3c7a9e41d2b8'
down_revision = '7c41d2a9e5b0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('location', 'team'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
            batch_op.add_column(sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('phone')
    for table in ('team', 'location'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('email')
            batch_op.drop_column('phone')
