"""Alembic environment: runs on the connection handed over by ``Database.migrate``."""
from alembic import context
from sqlmodel import SQLModel

import portal.tables  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = context.config.attributes['connection']
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
