"""The customer's side of document capture: drafts, pages, submitting, receipts and notifications.

Every method takes the acting customer first and checks ownership itself; someone else's id is
``NotFound`` (and audited as ``document.not_found``). Changes of a draft take the ``version`` the page
showed and raise ``Conflict`` when another tab changed it first. Image work is not done here: see
``portal.documents`` for the split between pure CPU functions and these I/O methods.
"""
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.clock import Clock
from portal.db import Database
from portal.documents import records, submitting
from portal.documents.checks import corners_of, note_of, page_count, upload_key_of
from portal.documents.intake import PreparedPage
from portal.documents.kinds import DEFAULT_MODE, IMAGE, checked_kind, checked_mode
from portal.documents.limits import Limits, check_hourly, count_upload, megabytes
from portal.documents.pdf import compose_document
from portal.documents.records import bump, customer_of, logs_refusals, own_draft, own_page, pages_of
from portal.documents.store import DocumentStore
from portal.documents.views import (
    DocumentsOverview,
    DraftView,
    NotificationView,
    Receipt,
    RequestView,
    draft_view,
    notification_view,
    request_view,
)
from portal.errors import InvalidInput
from portal.models import DocumentRequest, Draft, DraftPage, Notification
from portal.roles import Actor


class Documents(submitting.Sending):
    """Capture and send proofs (customers only); submitting and receipts come from ``Sending``."""

    def __init__(self, database: Database, clock: Clock, store: DocumentStore, limits: Limits,
                 receipt_settings: submitting.ReceiptSettings) -> None:
        self._db = database
        self._clock = clock
        self._store = store
        self.limits = limits
        self._receipts = receipt_settings

    def overview(self, actor: Actor) -> DocumentsOverview:
        """Open requests, drafts, sent documents (newest first) and notifications (newest first)."""
        customer_id = customer_of(actor)
        with self._db.session() as session:
            drafts = session.exec(select(Draft).where(Draft.customer_id == customer_id)
                                  .order_by(col(Draft.updated_at).desc())).all()
            notices = session.exec(select(Notification).where(Notification.customer_id == customer_id)
                                   .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
                                   .limit(50)).all()
            return DocumentsOverview(
                tuple(self._open_requests(session, customer_id)),
                tuple(draft_view(draft, pages_of(session, draft.id)) for draft in drafts),
                tuple(submitting.receipts_of(session, customer_id)),
                tuple(notification_view(notice) for notice in notices))

    def open_requests(self, actor: Actor) -> list[RequestView]:
        """Requests still to be answered, soonest due first: for the customer's home page."""
        customer_id = customer_of(actor)
        with self._db.session() as session:
            return self._open_requests(session, customer_id)

    @logs_refusals
    def start(self, actor: Actor, kind: str, note: str = '', request_id: int | None = None) -> DraftView:
        """Begin a capture, optionally answering one of the customer's open requests (its kind then wins)."""
        customer_id = customer_of(actor)
        with self._db.session() as session:
            if request_id is not None:
                request = session.get(DocumentRequest, request_id)
                if request is None or request.customer_id != customer_id:
                    raise records.Hidden('request', request_id)
                kind = request.kind
            now = self._clock()
            draft = Draft(customer_id=customer_id, kind=checked_kind(kind), note=note_of(note),
                          request_id=request_id, created_at=now, updated_at=now, version=1)
            session.add(draft)
            session.commit()
            return draft_view(draft, [])

    @logs_refusals
    def draft(self, actor: Actor, draft_id: int) -> DraftView:
        with self._db.session() as session:
            draft = own_draft(session, actor, draft_id)
            return draft_view(draft, pages_of(session, draft.id))

    @logs_refusals
    def change(self, actor: Actor, draft_id: int, *, kind: str, note: str, version: int) -> DraftView:
        """Change the kind of proof and the note."""
        with self._db.session() as session:
            draft = own_draft(session, actor, draft_id)
            checked, cleaned = checked_kind(kind), note_of(note)
            bump(session=session, draft=draft, expected=version, at=self._clock())
            draft.kind, draft.note = checked, cleaned
            session.add(draft)
            session.commit()
            return draft_view(draft, pages_of(session, draft.id))

    @logs_refusals
    def discard(self, actor: Actor, draft_id: int) -> None:
        """Delete a draft with its pages and their files."""
        with self._db.session() as session:
            draft = own_draft(session, actor, draft_id)
            names = records.drop_draft(session, draft)
            session.commit()
        self._forget(names)

    @logs_refusals
    def check_upload(self, actor: Actor, draft_id: int) -> None:
        """Raise now if another page would exceed a limit: call before the costly ``prepare_page``."""
        with self._db.session() as session:
            draft = own_draft(session, actor, draft_id)
            self._check_room(session, draft, pages=1, size=0)

    @logs_refusals
    def add_page(self, actor: Actor, draft_id: int, prepared: PreparedPage, upload_key: str) -> DraftView:
        """Store a prepared upload as the draft's last page; a retried ``upload_key`` adds nothing."""
        key = upload_key_of(upload_key)
        with self._db.session() as session:
            draft = own_draft(session, actor, draft_id)
            if _page_by_key(session, draft.id, key) is None:
                now = self._clock()
                self._check_room(session, draft, pages=page_count(prepared), size=len(prepared.data))
                check_hourly(session=session, customer_id=draft.customer_id, limits=self.limits, now=now)
                position = max((page.position for page in pages_of(session, draft.id)), default=-1) + 1
                self._insert_page(session, draft, prepared, key, position, now)
            return draft_view(draft, pages_of(session, draft.id))

    @logs_refusals
    def replace_page(self, actor: Actor, page_id: int, prepared: PreparedPage, upload_key: str) -> DraftView:
        """Retake: a new photo (or PDF) in the place of a page, which is deleted with its files.

        A retried ``upload_key`` changes nothing and returns the draft (the replaced page is gone by then).
        """
        key = upload_key_of(upload_key)
        with self._db.session() as session:
            done = _retried(session, customer_of(actor), key)
            if done is not None:
                return draft_view(done, pages_of(session, done.id))
            draft, page = own_page(session, actor, page_id)
            if _page_by_key(session, draft.id, key) is None:
                now = self._clock()
                self._check_room(session, draft, pages=page_count(prepared) - page_count(page),
                                 size=len(prepared.data) - page.size_bytes)
                check_hourly(session=session, customer_id=draft.customer_id, limits=self.limits, now=now)
                old = (page.file_name, page.preview_name)
                position = page.position
                session.delete(page)
                session.flush()
                if self._insert_page(session, draft, prepared, key, position, now):
                    self._forget(old)
            return draft_view(draft, pages_of(session, draft.id))

    @logs_refusals
    def edit_page(self, actor: Actor, page_id: int, *, corners: list[list[float]] | None, mode: str,
                  quarter_turns: int, version: int) -> DraftView:
        """Set the corners (None: whole image), the enhancement mode and the quarter turns of a page."""
        with self._db.session() as session:
            draft, page = own_page(session, actor, page_id)
            page.corners = corners_of(corners, page) if page.source == IMAGE else None
            page.mode, page.quarter_turns = checked_mode(mode), int(quarter_turns) % 4
            bump(session=session, draft=draft, expected=version, at=self._clock())
            session.add(page)
            session.commit()
            return draft_view(draft, pages_of(session, draft.id))

    @logs_refusals
    def move_page(self, actor: Actor, page_id: int, position: int, *, version: int) -> DraftView:
        """Put a page at ``position`` (0-based, clamped); the others keep their order."""
        with self._db.session() as session:
            draft, page = own_page(session, actor, page_id)
            pages = [other for other in pages_of(session, draft.id) if other.id != page.id]
            pages.insert(max(0, min(position, len(pages))), page)
            for index, each in enumerate(pages):
                each.position = index
                session.add(each)
            bump(session=session, draft=draft, expected=version, at=self._clock())
            session.commit()
            return draft_view(draft, pages_of(session, draft.id))

    @logs_refusals
    def delete_page(self, actor: Actor, page_id: int, *, version: int) -> DraftView:
        with self._db.session() as session:
            draft, page = own_page(session, actor, page_id)
            names = (page.file_name, page.preview_name)
            bump(session=session, draft=draft, expected=version, at=self._clock())
            session.delete(page)
            session.commit()
            self._forget(names)
            return draft_view(draft, pages_of(session, draft.id))

    @logs_refusals
    def page_preview(self, actor: Actor, page_id: int) -> bytes:
        """The page's preview (JPEG, long side at most 1280 px) for the editor."""
        with self._db.session() as session:
            _, page = own_page(session, actor, page_id)
            name = page.preview_name
        return self._store.get(name)

    @logs_refusals
    def page_original(self, actor: Actor, page_id: int) -> bytes:
        """The page as uploaded (image bytes, or the rewritten PDF)."""
        with self._db.session() as session:
            _, page = own_page(session, actor, page_id)
            name = page.file_name
        return self._store.get(name)

    def submit_draft(self, actor: Actor, draft_id: int, idempotency_key: str) -> Receipt:
        """``material`` → ``compose_document`` → ``submit`` in one call (scripts and tests; blocks on CPU)."""
        material = self.material(actor, draft_id, idempotency_key)
        if isinstance(material, Receipt):
            return material
        return self.submit(actor, compose_document(material), idempotency_key)

    def notifications(self, actor: Actor, *, unread_only: bool = False) -> list[NotificationView]:
        customer_id = customer_of(actor)
        with self._db.session() as session:
            query = select(Notification).where(Notification.customer_id == customer_id)
            if unread_only:
                query = query.where(col(Notification.read_at).is_(None))
            found = session.exec(query.order_by(col(Notification.created_at).desc(), col(Notification.id).desc()))
            return [notification_view(notice) for notice in found]

    @logs_refusals
    def mark_read(self, actor: Actor, notification_id: int) -> None:
        customer_id = customer_of(actor)
        with self._db.session() as session:
            notice = session.get(Notification, notification_id)
            if notice is None or notice.customer_id != customer_id:
                raise records.Hidden('notification', notification_id)
            if notice.read_at is None:
                notice.read_at = self._clock()
                session.add(notice)
                session.commit()

    def _open_requests(self, session: Session, customer_id: int) -> list[RequestView]:
        found = session.exec(select(DocumentRequest).where(
            DocumentRequest.customer_id == customer_id, col(DocumentRequest.fulfilled_at).is_(None),
            col(DocumentRequest.cancelled_at).is_(None)).order_by(DocumentRequest.due_on, DocumentRequest.id))
        return [request_view(request) for request in found]

    def _check_room(self, session: Session, draft: Draft, *, pages: int, size: int) -> None:
        present = pages_of(session, draft.id)
        if sum(page_count(page) for page in present) + pages > self.limits.pages:
            raise InvalidInput('documents.error.too_many_pages', maximum=self.limits.pages)
        if sum(page.size_bytes for page in present) + size > self.limits.document_bytes:
            raise InvalidInput('documents.error.document_too_large',
                               megabytes=megabytes(self.limits.document_bytes))

    def _insert_page(self, session: Session, draft: Draft, prepared: PreparedPage, key: str, position: int,
                     now: datetime) -> bool:
        """Write the files first, then the row; if the row cannot be committed, remove the files again.

        Returns False when the same upload key raced in from a second request (the first one is kept).
        """
        names = (self._store.put(prepared.data), self._store.put(prepared.preview))
        try:
            session.add(DraftPage(draft_id=draft.id, position=position, source=prepared.source,
                                  file_name=names[0], preview_name=names[1], width=prepared.width,
                                  height=prepared.height, pdf_pages=prepared.pdf_pages,
                                  size_bytes=len(prepared.data), sha256=prepared.sha256,
                                  corners=prepared.corners, mode=DEFAULT_MODE, quarter_turns=prepared.quarter_turns,
                                  quality=list(prepared.quality), upload_key=key, created_at=now))
            count_upload(session=session, customer_id=draft.customer_id, now=now)
            bump(session=session, draft=draft, expected=None, at=now)
            session.commit()
        except IntegrityError:
            session.rollback()
            self._forget(names)
            if _page_by_key(session, draft.id, key) is None:
                raise
            return False
        except BaseException:
            self._forget(names)
            raise
        return True


def _retried(session: Session, customer_id: int, key: str) -> Draft | None:
    """The customer's draft that already holds a page uploaded with this key, if any."""
    return session.exec(select(Draft).join(DraftPage, col(DraftPage.draft_id) == Draft.id)
                        .where(Draft.customer_id == customer_id, DraftPage.upload_key == key)).first()


def _page_by_key(session: Session, draft_id: int, key: str) -> DraftPage | None:
    return session.exec(select(DraftPage).where(DraftPage.draft_id == draft_id,
                                                DraftPage.upload_key == key)).first()
