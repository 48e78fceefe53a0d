"""Adding scans to a draft: the limits checked before an upload is read, and the stored files recorded as a scan.

Files are written before their row exists: ``Documents.upload`` writes them through aiofiles (``store_scan``),
then calls ``place_scan`` in a thread; when ``place_scan`` refuses or does not need them (a retried upload key),
they are deleted again, so nothing is left behind (the hourly sweep is the backstop for a crash in between).
"""
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.errors import InvalidInput
from portal.documents.checks import sheet_count, upload_key_of
from portal.documents.intake import PreparedScan
from portal.documents.kinds import DEFAULT_MODE
from portal.documents.limits import Limits, check_hourly, count_upload, megabytes
from portal.documents.models import Draft, Scan
from portal.documents.records import bump, customer_of, logs_refusals, own_draft, own_scan, scans_of
from portal.documents.store import DocumentStore
from portal.documents.views import DraftView, draft_view
from portal.identity.roles import Actor


@dataclass(frozen=True)
class StoredScan:
    """A prepared upload whose original and preview are already in the store under these names."""

    prepared: PreparedScan
    file_name: str
    preview_name: str

    @property
    def names(self) -> tuple[str, str]:
        return self.file_name, self.preview_name


@dataclass(frozen=True)
class Placed:
    """What ``place_scan`` did: the draft now, and whether the stored files became a scan (``kept``).

    Not kept means the upload key had been used already (a retried upload): delete the files.
    """

    draft: DraftView
    kept: bool


async def store_scan(store: DocumentStore, prepared: PreparedScan) -> StoredScan:
    """Write an upload's original and preview through aiofiles under new names (for the event loop)."""
    file_name = await store.put_async(prepared.data)
    try:
        preview_name = await store.put_async(prepared.preview)
    except BaseException:
        await store.delete_async(file_name)
        raise
    return StoredScan(prepared, file_name, preview_name)


class Adding:
    """The scan-adding half of ``Documents`` (which provides ``_db``, ``_clock``, ``_store``, ``limits`` and
    ``_forget``)."""

    _db: Database
    _clock: Clock
    _store: DocumentStore
    limits: Limits

    if TYPE_CHECKING:
        def _forget(self, names: tuple[str, ...] | list[str]) -> None: ...

    @logs_refusals
    def check_upload(self, actor: Actor, draft_id: int | None = None, *, scan_id: int | None = None,
                     upload_key: str) -> DraftView | None:
        """Called before the body is read and decoded: the draft as it is when ``upload_key`` was used already (a
        retried upload: nothing more to do); else None, or an error if the upload into the draft (or in place
        of ``scan_id``) would be refused for its owner or a limit."""
        key = upload_key_of(upload_key)
        with self._db.session() as session:
            done = _retried(session, customer_of(actor), key)
            if done is not None:
                return draft_view(done, scans_of(session, done.id))
            if scan_id is None:
                draft = own_draft(session, actor, draft_id)
                self._check_room(session, draft, sheets=1, size=0)
            else:
                draft, _ = own_scan(session, actor, scan_id)
            check_hourly(session=session, customer_id=draft.customer_id, limits=self.limits, now=self._clock())
            return None

    def count_refused_upload(self, actor: Actor) -> None:
        """Count an upload the server read and refused (not an image, too large, corrupt ...) toward the hourly
        limit, so that a script cannot keep the decoder busy with bad files."""
        customer_id = customer_of(actor)
        with self._db.session() as session:
            count_upload(session=session, customer_id=customer_id, now=self._clock())
            session.commit()

    @logs_refusals
    def place_scan(self, actor: Actor, upload: StoredScan, upload_key: str, *, draft_id: int | None = None,
                   scan_id: int | None = None) -> Placed:
        """Record stored files as the last scan of ``draft_id``, or in the place of ``scan_id`` (a retake)."""
        key = upload_key_of(upload_key)
        with self._db.session() as session:
            if scan_id is None:
                draft, old = own_draft(session, actor, draft_id), None
            else:
                done = _retried(session, customer_of(actor), key)
                if done is not None:
                    return Placed(draft_view(done, scans_of(session, done.id)), False)
                draft, old = own_scan(session, actor, scan_id)
            replaced = (old.file_name, old.preview_name) if old is not None else ()
            kept = False
            if _scan_by_key(session, draft.id, key) is None:
                kept = self._insert_scan(session, draft, upload, key, old)
            if kept:
                self._forget(replaced)
            return Placed(draft_view(draft, scans_of(session, draft.id)), kept)

    def _check_room(self, session: Session, draft: Draft, *, sheets: int, size: int) -> None:
        present = scans_of(session, draft.id)
        if sum(sheet_count(scan) for scan in present) + sheets > self.limits.sheets:
            raise InvalidInput('documents.error.too_many_sheets', maximum=self.limits.sheets)
        if sum(scan.size_bytes for scan in present) + size > self.limits.document_bytes:
            raise InvalidInput('documents.error.document_too_large',
                               megabytes=megabytes(self.limits.document_bytes))

    def _insert_scan(self, session: Session, draft: Draft, upload: StoredScan, key: str,
                     old: Scan | None) -> bool:
        """Add the row (in the place of ``old``); False when the same upload key raced in from a second request."""
        prepared, now = upload.prepared, self._clock()
        self._check_room(session, draft, sheets=sheet_count(prepared) - (sheet_count(old) if old else 0),
                         size=len(prepared.data) - (old.size_bytes if old else 0))
        check_hourly(session=session, customer_id=draft.customer_id, limits=self.limits, now=now)
        if old is None:
            position = max((scan.position for scan in scans_of(session, draft.id)), default=-1) + 1
        else:
            position = old.position
            session.delete(old)
            session.flush()
        session.add(Scan(draft_id=draft.id, position=position, source=prepared.source,
                              file_name=upload.file_name, preview_name=upload.preview_name, width=prepared.width,
                              height=prepared.height, sheets=prepared.sheets, size_bytes=len(prepared.data),
                              sha256=prepared.sha256, corners=prepared.corners, mode=DEFAULT_MODE,
                              quarter_turns=prepared.quarter_turns, quality=list(prepared.quality), upload_key=key,
                              created_at=now))
        count_upload(session=session, customer_id=draft.customer_id, now=now)
        bump(session=session, draft=draft, expected=None, at=now)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            if _scan_by_key(session, draft.id, key) is None:
                raise
            return False
        return True



def _retried(session: Session, customer_id: int, key: str) -> Draft | None:
    """The customer's draft that already holds a scan uploaded with this key, if any."""
    return session.exec(select(Draft).join(Scan, col(Scan.draft_id) == Draft.id)
                        .where(Draft.customer_id == customer_id, Scan.upload_key == key)).first()


def _scan_by_key(session: Session, draft_id: int, key: str) -> Scan | None:
    return session.exec(select(Scan).where(Scan.draft_id == draft_id,
                                                Scan.upload_key == key)).first()
