"""Engine, sessions and migrations. One session per user action, opened by the service method."""
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, event
from sqlmodel import Session, SQLModel, create_engine

from portal.core.errors import NotFound

MIGRATIONS = Path(__file__).parents[1] / 'migrations'
Row = TypeVar('Row', bound=SQLModel)


def make_engine(url: str) -> Engine:
    """SQLite gets foreign keys and a busy timeout; PostgreSQL a pre-ping so dropped connections recover."""
    if url.startswith('sqlite'):
        _ensure_sqlite_folder(url)
        engine = create_engine(url, connect_args={'check_same_thread': False, 'timeout': 15})
        event.listen(engine, 'connect', _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _ensure_sqlite_folder(url: str) -> None:
    path = url.split('///', 1)[-1]
    if path and path != ':memory:':
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute('PRAGMA foreign_keys=ON')
    cursor.execute('PRAGMA journal_mode=WAL')
    cursor.close()


def get_existing(model: type[Row], row_id: int | None, *, session: Session) -> Row:
    """The row with this id, for ids that must name one (a foreign key, the signed-in actor's own row);
    ``NotFound`` if it is missing or the id is None."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise NotFound()
    return row


class Database:
    """Owns the engine; ``session()`` is the unit of work of one user action."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def migrate(self) -> None:
        """Apply all Alembic migrations up to head.

        SQLite changes a table by building a new one and dropping the old (Alembic's batch mode), which its
        foreign-key checks would refuse while rows point at the old one; so they are off while migrating, and
        every reference is checked afterwards.
        """
        with self.engine.connect() as connection:
            sqlite = connection.dialect.name == 'sqlite'
            if sqlite:
                _foreign_keys(connection, on=False)
            config = alembic_config()
            config.attributes['connection'] = connection
            try:
                command.upgrade(config, 'head')
                connection.commit()
                broken = connection.exec_driver_sql('PRAGMA foreign_key_check').fetchall() if sqlite else []
            finally:
                if sqlite:
                    _foreign_keys(connection, on=True)
            if broken:
                raise RuntimeError(f'the migrated database has broken references: {broken[:5]}')


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    """Outside a transaction only: SQLite ignores this pragma inside one."""
    connection.commit()
    connection.exec_driver_sql(f'PRAGMA foreign_keys={"ON" if on else "OFF"}')
    connection.commit()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option('script_location', str(MIGRATIONS))
    return config
