"""Upkeep of the document store, run by the server every hour (``Portal.upkeep``).

``purge_drafts`` deletes drafts nobody changed for ``PORTAL_DOCUMENT_DRAFT_DAYS`` days, with their files: a
capture that was never sent should not keep a customer's photos for ever.

``sweep`` (also ``python -m portal.cli sweep-documents``) removes files that no database row names (the rows of
other capabilities that keep files here, the chat's, are named by the caller). Files are
written before their row is committed, so a process that dies in between leaves an orphan; a write cut off by a
crash leaves a temporary file, and an upload cut off by one leaves its (encrypted) file in ``incoming``. All of
them are removed once older than ``GRACE`` (uploads still in flight are younger than that).

``clear_dead_uploads`` runs once at start-up, before the server answers: it removes the uploads in ``incoming``
that processes of this host left when they were killed (their process is gone, or has this very process id, as
after a container restart). Age alone cannot tell: a live upload of another instance sharing the data directory
may wait longer than any time-out for a worker process without its file changing. Files of other hosts, and of
an old process id that a live process now has, are left to ``sweep``.
"""
import os
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from portal.core.db import Database
from portal.documents.incoming import SUFFIX, incoming_folder, owner_of, this_host
from portal.documents.models import Draft, Scan, Submission
from portal.documents.records import drop_draft
from portal.documents.store import NAME, DocumentStore

GRACE = timedelta(hours=1)


def purge_drafts(database: Database, store: DocumentStore, now: datetime, days: int) -> int:
    """Delete drafts unchanged for ``days`` days with their scans and files; returns how many drafts."""
    with database.session() as session:
        stale = session.exec(select(Draft).where(col(Draft.updated_at) < now - timedelta(days=days))).all()
        names = [name for draft in stale for name in drop_draft(session, draft)]
        session.commit()
    for name in names:
        store.delete(name)
    return len(stale)


def sweep(database: Database, store: DocumentStore, now: datetime,
          named_elsewhere: Sequence[Callable[[Session], set[str]]] = ()) -> int:
    """Delete unreferenced files and leftover temporary files older than GRACE; returns how many.
    ``named_elsewhere`` are other capabilities' lists of the store names their rows hold (chat files)."""
    with database.session() as session:
        named = set(session.exec(select(Scan.file_name)).all()) | \
            set(session.exec(select(Scan.preview_name)).all()) | \
            set(session.exec(select(Submission.file_name)).all()) | \
            set(session.exec(select(Submission.receipt_name)).all())
        for names in named_elsewhere:
            named |= names(session)
    stored = sorted(store.root.glob('*/*')) if store.root.exists() else []
    orphans = [path for path in stored
               if path.name not in named and (path.name.startswith('.') or NAME.match(path.name) is not None)]
    return _remove_older(orphans + _incoming(store), (now - GRACE).timestamp())


def clear_dead_uploads(data_dir: Path) -> int:
    """Remove the uploads in flight that dead processes of this host left behind; returns how many."""
    folder, host, removed = incoming_folder(data_dir), this_host(), 0
    for path in sorted(folder.glob(f'*{SUFFIX}')) if folder.exists() else []:
        owner = owner_of(path.name)
        if owner is not None and owner[0] == host and (owner[1] == os.getpid() or not _alive(owner[1])):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except (ProcessLookupError, OverflowError):  # gone, or no process id at all
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def _incoming(store: DocumentStore) -> list[Path]:
    folder = incoming_folder(store.data_dir)
    return sorted(folder.glob(f'*{SUFFIX}')) if folder.exists() else []


def _remove_older(paths: list[Path], cutoff: float) -> int:
    removed = 0
    for path in paths:
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile (an upload that finished, another instance's sweep)
            continue
    return removed
