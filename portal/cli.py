"""Command line: ``python -m portal.cli migrate|seed-demo|revision MESSAGE|rotate-document-key|sweep-documents``."""
import sys

from alembic import command

from portal.core.db import Database, alembic_config, make_engine
from portal.core.settings import Settings


def main(argv: list[str]) -> int:
    settings = Settings()
    database = Database(make_engine(settings.database_url))
    verb = argv[0] if argv else 'migrate'
    if verb == 'migrate':
        database.migrate()
    elif verb == 'seed-demo':
        from portal.seed import seed_demo
        database.migrate()
        print(seed_demo(database, settings))
    elif verb == 'revision':
        with database.engine.begin() as connection:
            config = alembic_config()
            config.attributes['connection'] = connection
            command.revision(config, message=' '.join(argv[1:]) or 'change', autogenerate=True)
    elif verb == 'rotate-document-key':
        from portal.services import document_store
        rotation = document_store(settings).rotate()
        print(f'{rotation.rotated} document files re-encrypted, {rotation.current} already under the newest key')
    elif verb == 'sweep-documents':
        from portal.core.clock import utc_now
        from portal.documents.upkeep import sweep
        from portal.services import FILES_ELSEWHERE, document_store
        removed = sweep(database, document_store(settings), utc_now(), FILES_ELSEWHERE)
        print(f'{removed} orphaned document files removed')
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
