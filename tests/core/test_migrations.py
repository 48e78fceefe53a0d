"""The Alembic migrations build exactly the schema the models describe (SQLite here, PostgreSQL in CI)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import portal.tables  # noqa: F401 (registers the tables)
from portal.services import Portal


def test_the_migrated_database_matches_the_models(portal: Portal) -> None:
    with portal.database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={'compare_type': True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_every_model_table_exists_after_migrating(portal: Portal) -> None:
    tables = set(inspect(portal.database.engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert 'alembic_version' in tables


def test_migrating_twice_changes_nothing(portal: Portal) -> None:
    portal.database.migrate()
    with portal.database.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        heads = context.get_current_heads()
    assert len(heads) == 1
