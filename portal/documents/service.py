"""The customer's side of document capture: drafts, scans, submitting, receipts and notifications.

Every method takes the acting customer first and checks ownership itself; someone else's id is
``NotFound`` (and audited as ``document.not_found``). Changes of a draft take the ``version`` the page
showed and raise ``Conflict`` when another tab changed it first. Image work is not done here: see
``portal.documents`` for the split between pure CPU functions and these I/O methods.
"""
import uuid
from collections.abc import Sequence
from typing import NamedTuple

from sqlmodel import Session, col, select

from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.workers import Workers
from portal.documents import records, submitting
from portal.documents.adding import Adding
from portal.documents.checks import corners_of, note_of
from portal.documents.kinds import IMAGE, checked_kind, checked_mode, checked_quality
from portal.documents.limits import Limits
from portal.documents.models import DocumentRequest, Draft, Notification
from portal.documents.records import bump, customer_of, logs_refusals, own_draft, own_scan, scans_of
from portal.documents.store import DocumentStore
from portal.documents.views import (
    DocumentsOverview,
    DraftView,
    NotificationView,
    RequestView,
    draft_view,
    notification_view,
    request_view,
)
from portal.documents.workflows import Workflows
from portal.identity.roles import Actor


class ScanFiles(NamedTuple):
    """Store names of a scan's files."""

    original: str
    preview: str


class Documents(Adding, submitting.Sending, Workflows):
    """Capture and send proofs (customers only). The synchronous methods are database steps (pages call them with
    ``run.io_bound``); the workflows that also read files and do CPU work (``upload``, ``send``, ``judge``,
    pictures and PDFs) are async and leave the event loop themselves (``Workflows``)."""

    def __init__(self, database: Database, clock: Clock, store: DocumentStore, limits: Limits,
                 receipt_settings: submitting.ReceiptSettings, workers: Workers) -> None:
        self._db = database
        self._clock = clock
        self._store = store
        self.limits = limits
        self._receipts = receipt_settings
        self._workers = workers

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
                tuple(draft_view(draft, scans_of(session, draft.id)) for draft in drafts),
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
            draft = Draft(customer_id=customer_id, send_key=uuid.uuid4().hex, kind=checked_kind(kind),
                          note=note_of(note), request_id=request_id, created_at=now, updated_at=now, version=1)
            session.add(draft)
            session.commit()
            return draft_view(draft, [])

    @logs_refusals
    def draft(self, actor: Actor, draft_id: int) -> DraftView:
        with self._db.session() as session:
            draft = own_draft(session, actor, draft_id)
            return draft_view(draft, scans_of(session, draft.id))

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
            return draft_view(draft, scans_of(session, draft.id))

    @logs_refusals
    def discard(self, actor: Actor, draft_id: int) -> None:
        """Delete a draft with its scans and their files."""
        with self._db.session() as session:
            draft = own_draft(session, actor, draft_id)
            names = records.drop_draft(session, draft)
            session.commit()
        self._forget(names)

    @logs_refusals
    def edit_scan(self, actor: Actor, scan_id: int, *, corners: list[list[float]] | None, mode: str,
                  quarter_turns: int, version: int) -> DraftView:
        """Set the corners (None: whole image), the enhancement mode and the quarter turns of a scan."""
        with self._db.session() as session:
            draft, scan = own_scan(session, actor, scan_id)
            scan.corners = corners_of(corners, scan) if scan.source == IMAGE else None
            scan.mode, scan.quarter_turns = checked_mode(mode), int(quarter_turns) % 4
            bump(session=session, draft=draft, expected=version, at=self._clock())
            session.add(scan)
            session.commit()
            return draft_view(draft, scans_of(session, draft.id))

    @logs_refusals
    def record_quality(self, actor: Actor, scan_id: int, *, corners: list[list[float]] | None,
                       quality: Sequence[str], quarter_turns: int | None = None) -> DraftView:
        """Keep the quality judged (``judge_scan``) for ``corners`` (and ``quarter_turns``, when given); a
        judgement of a scan moved or turned again meanwhile is dropped. Advice only: the version stays."""
        codes = checked_quality(quality)
        with self._db.session() as session:
            draft, scan = own_scan(session, actor, scan_id)
            turned = quarter_turns is not None and scan.quarter_turns != quarter_turns % 4
            if scan.source == IMAGE and scan.corners == corners_of(corners, scan) and not turned:
                scan.quality = list(codes)
                session.add(scan)
                session.commit()
            return draft_view(draft, scans_of(session, draft.id))

    @logs_refusals
    def move_scan(self, actor: Actor, scan_id: int, position: int, *, version: int) -> DraftView:
        """Put a scan at ``position`` (0-based, clamped); the others keep their order."""
        with self._db.session() as session:
            draft, scan = own_scan(session, actor, scan_id)
            scans = [other for other in scans_of(session, draft.id) if other.id != scan.id]
            scans.insert(max(0, min(position, len(scans))), scan)
            for index, each in enumerate(scans):
                each.position = index
                session.add(each)
            bump(session=session, draft=draft, expected=version, at=self._clock())
            session.commit()
            return draft_view(draft, scans_of(session, draft.id))

    @logs_refusals
    def delete_scan(self, actor: Actor, scan_id: int, *, version: int) -> DraftView:
        with self._db.session() as session:
            draft, scan = own_scan(session, actor, scan_id)
            names = (scan.file_name, scan.preview_name)
            bump(session=session, draft=draft, expected=version, at=self._clock())
            session.delete(scan)
            session.commit()
            self._forget(names)
            return draft_view(draft, scans_of(session, draft.id))

    @logs_refusals
    def scan_files(self, actor: Actor, scan_id: int) -> ScanFiles:
        """Where the scan's original and preview are stored (for ``DocumentStore.get_async`` on the event loop)."""
        with self._db.session() as session:
            _, scan = own_scan(session, actor, scan_id)
            return ScanFiles(scan.file_name, scan.preview_name)

    def notifications(self, actor: Actor, *, unread_only: bool = False) -> list[NotificationView]:
        customer_id = customer_of(actor)
        with self._db.session() as session:
            query = select(Notification).where(Notification.customer_id == customer_id)
            if unread_only:
                query = query.where(col(Notification.read_at).is_(None))
            found = session.exec(query.order_by(col(Notification.created_at).desc(), col(Notification.id).desc()))
            return [notification_view(notice) for notice in found]

    @logs_refusals
    def mark_read(self, actor: Actor, *notification_ids: int) -> None:
        """The customer has seen these notices (all or none: an id that is not theirs changes nothing)."""
        customer_id = customer_of(actor)
        with self._db.session() as session:
            for notification_id in notification_ids:
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
            col(DocumentRequest.cancelled_at).is_(None)).order_by(col(DocumentRequest.due_on), col(DocumentRequest.id)))
        return [request_view(request) for request in found]
