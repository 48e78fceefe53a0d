"""Adding pages to a draft: the limits checked before an upload is read, and the stored files recorded as a page.

Files are written before their row exists: ``Documents.upload`` writes them through aiofiles (``store_page``),
then calls ``place_page`` in a thread; when ``place_page`` refuses or does not need them (a retried upload key),
they are deleted again, so nothing is left behind (the hourly sweep is the backstop for a crash in between).
"""
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.errors import InvalidInput
from portal.documents.checks import page_count, upload_key_of
from portal.documents.intake import PreparedPage
from portal.documents.kinds import DEFAULT_MODE
from portal.documents.limits import Limits, check_hourly, count_upload, megabytes
from portal.documents.models import Draft, DraftPage
from portal.documents.records import bump, customer_of, logs_refusals, own_draft, own_page, pages_of
from portal.documents.store import DocumentStore
from portal.documents.views import DraftView, draft_view
from portal.identity.roles import Actor


@dataclass(frozen=True)
class StoredPage:
    """A prepared upload whose original and preview are already in the store under these names."""

    prepared: PreparedPage
    file_name: str
    preview_name: str

    @property
    def names(self) -> tuple[str, str]:
        return self.file_name, self.preview_name


@dataclass(frozen=True)
class Placed:
    """What ``place_page`` did: the draft now, and whether the stored files became a page (``kept``).

    Not kept means the upload key had been used already (a retried upload): delete the files.
    """

    draft: DraftView
    kept: bool


async def store_page(store: DocumentStore, prepared: PreparedPage) -> StoredPage:
    """Write an upload's original and preview through aiofiles under new names (for the event loop)."""
    file_name = await store.put_async(prepared.data)
    try:
        preview_name = await store.put_async(prepared.preview)
    except BaseException:
        await store.delete_async(file_name)
        raise
    return StoredPage(prepared, file_name, preview_name)


class Adding:
    """The page-adding half of ``Documents`` (which provides ``_db``, ``_clock``, ``_store``, ``limits`` and
    ``_forget``)."""

    _db: Database
    _clock: Clock
    _store: DocumentStore
    limits: Limits

    @logs_refusals
    def check_upload(self, actor: Actor, draft_id: int | None = None, *, page_id: int | None = None,
                     upload_key: str) -> DraftView | None:
        """Called before the body is read and decoded: the draft as it is when ``upload_key`` was used already (a
        retried upload: nothing more to do); else None, or an error if the upload into the draft (or in place
        of ``page_id``) would be refused for its owner or a limit."""
        key = upload_key_of(upload_key)
        with self._db.session() as session:
            done = _retried(session, customer_of(actor), key)
            if done is not None:
                return draft_view(done, pages_of(session, done.id))
            if page_id is None:
                draft = own_draft(session, actor, draft_id)
                self._check_room(session, draft, pages=1, size=0)
            else:
                draft, _ = own_page(session, actor, page_id)
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
    def place_page(self, actor: Actor, upload: StoredPage, upload_key: str, *, draft_id: int | None = None,
                   page_id: int | None = None) -> Placed:
        """Record stored files as the last page of ``draft_id``, or in the place of ``page_id`` (a retake)."""
        key = upload_key_of(upload_key)
        with self._db.session() as session:
            if page_id is None:
                draft, old = own_draft(session, actor, draft_id), None
            else:
                done = _retried(session, customer_of(actor), key)
                if done is not None:
                    return Placed(draft_view(done, pages_of(session, done.id)), False)
                draft, old = own_page(session, actor, page_id)
            replaced = (old.file_name, old.preview_name) if old is not None else ()
            kept = False
            if _page_by_key(session, draft.id, key) is None:
                kept = self._insert_page(session, draft, upload, key, old)
            if kept:
                self._forget(replaced)
            return Placed(draft_view(draft, pages_of(session, draft.id)), kept)

    def _check_room(self, session: Session, draft: Draft, *, pages: int, size: int) -> None:
        present = pages_of(session, draft.id)
        if sum(page_count(page) for page in present) + pages > self.limits.pages:
            raise InvalidInput('documents.error.too_many_pages', maximum=self.limits.pages)
        if sum(page.size_bytes for page in present) + size > self.limits.document_bytes:
            raise InvalidInput('documents.error.document_too_large',
                               megabytes=megabytes(self.limits.document_bytes))

    def _insert_page(self, session: Session, draft: Draft, upload: StoredPage, key: str,
                     old: DraftPage | None) -> bool:
        """Add the row (in the place of ``old``); False when the same upload key raced in from a second request."""
        prepared, now = upload.prepared, self._clock()
        self._check_room(session, draft, pages=page_count(prepared) - (page_count(old) if old else 0),
                         size=len(prepared.data) - (old.size_bytes if old else 0))
        check_hourly(session=session, customer_id=draft.customer_id, limits=self.limits, now=now)
        if old is None:
            position = max((page.position for page in pages_of(session, draft.id)), default=-1) + 1
        else:
            position = old.position
            session.delete(old)
            session.flush()
        session.add(DraftPage(draft_id=draft.id, position=position, source=prepared.source,
                              file_name=upload.file_name, preview_name=upload.preview_name, width=prepared.width,
                              height=prepared.height, pdf_pages=prepared.pdf_pages, size_bytes=len(prepared.data),
                              sha256=prepared.sha256, corners=prepared.corners, mode=DEFAULT_MODE,
                              quarter_turns=prepared.quarter_turns, quality=list(prepared.quality), upload_key=key,
                              created_at=now))
        count_upload(session=session, customer_id=draft.customer_id, now=now)
        bump(session=session, draft=draft, expected=None, at=now)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            if _page_by_key(session, draft.id, key) is None:
                raise
            return False
        return True



def _retried(session: Session, customer_id: int, key: str) -> Draft | None:
    """The customer's draft that already holds a page uploaded with this key, if any."""
    return session.exec(select(Draft).join(DraftPage, col(DraftPage.draft_id) == Draft.id)
                        .where(Draft.customer_id == customer_id, DraftPage.upload_key == key)).first()


def _page_by_key(session: Session, draft_id: int, key: str) -> DraftPage | None:
    return session.exec(select(DraftPage).where(DraftPage.draft_id == draft_id,
                                                DraftPage.upload_key == key)).first()
