"""Upkeep of the document store: remove files that no database row names (``python -m portal.cli sweep-documents``).

Files are written before their row is committed, so a process that dies in between leaves an orphan, and a
write cut off by a crash leaves a temporary file. Both are removed once older than ``GRACE`` (uploads still
in flight are younger than that).
"""
from datetime import datetime, timedelta

from sqlmodel import select

from portal.db import Database
from portal.documents.store import NAME, DocumentStore
from portal.models import DraftPage, Submission

GRACE = timedelta(hours=1)


def sweep(database: Database, store: DocumentStore, now: datetime) -> int:
    """Delete unreferenced files and leftover temporary files older than GRACE; returns how many."""
    with database.session() as session:
        named = set(session.exec(select(DraftPage.file_name)).all()) | \
            set(session.exec(select(DraftPage.preview_name)).all()) | \
            set(session.exec(select(Submission.file_name)).all()) | \
            set(session.exec(select(Submission.receipt_name)).all())
    cutoff = (now - GRACE).timestamp()
    removed = 0
    for path in sorted(store.root.glob('*/*')) if store.root.exists() else []:
        orphan = path.name not in named and (path.name.startswith('.') or NAME.match(path.name) is not None)
        if orphan and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
