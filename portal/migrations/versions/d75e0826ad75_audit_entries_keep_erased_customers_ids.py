"""Audit entries keep the ids of erased customers and their accounts without a reference; customer and account ids
are never reused (SQLite)

Revision ID: d75e0826ad75
Revises: 2fc576af80a9
Create Date: 2026-12-07 22:21:18.409496
"""
import sqlalchemy as sa
from alembic import op

revision = 'd75e0826ad75'
down_revision = '2fc576af80a9'
branch_labels = None
depends_on = None

# SQLite's foreign keys have no names; batch mode names the reflected ones by this convention so they can be dropped
NAMING = {'fk': 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s'}
REFERENCES = (('customer_id', 'customer'), ('actor_account_id', 'account'))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        for key in sa.inspect(bind).get_foreign_keys('auditentry'):
            op.drop_constraint(key['name'], 'auditentry', type_='foreignkey')
        return
    with op.batch_alter_table('auditentry', naming_convention=NAMING) as batch_op:
        for column, table in REFERENCES:
            batch_op.drop_constraint(f'fk_auditentry_{column}_{table}', type_='foreignkey')
    # SQLite hands a deleted row's id out again unless the table is AUTOINCREMENT, which only a rebuild can add;
    # PostgreSQL's sequences never reuse ids
    for table in ('customer', 'account'):
        with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': True}):
            pass


def downgrade() -> None:
    with op.batch_alter_table('auditentry') as batch_op:
        for column, table in REFERENCES:
            batch_op.create_foreign_key(f'fk_auditentry_{column}_{table}', table, [column], ['id'])
