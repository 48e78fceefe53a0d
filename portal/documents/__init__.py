"""Document capture: customers photograph proofs, crop them like a scanner app and send them as one PDF.

Services (wired in ``portal.services``: ``portal.documents`` and ``portal.inbox``) check access themselves.
Their synchronous methods are database steps (one session each; pages call them with ``run.io_bound``); the
workflows that read files or do CPU work are async and leave the event loop themselves: image and PDF work runs
in bounded worker processes (``portal.core.workers``), files go through aiofiles (``workflows``).

Capturing (``actor`` is the signed-in customer; pages and tests call exactly these)::

    draft = await run.io_bound(portal.documents.start, actor, 'pay_slip', note, request_id)   # DraftView
    draft = await portal.documents.upload(actor, body, draft_id=draft.id, declared=length, file_name=name,
                                          upload_key=key)   # or scan_id= (a retake); body: async bytes chunks
    draft = ...edit_scan(actor, scan_id, corners=..., mode='document', quarter_turns=1, version=draft.version)
    draft = await portal.documents.judge(actor, scan_id, corners)   # quality again after moved corners
    draft = ...move_scan(actor, scan_id, position, version=...) / delete_scan(actor, scan_id, version=...)
    draft = ...change(actor, draft_id, kind=..., note=..., version=...) / discard(actor, draft_id)
    jpeg = await portal.documents.preview(actor, scan_id) / picture(actor, draft.id, scan_id, sheet)
    corners = await portal.documents.outline(actor, camera_frame_jpeg)   # fractions of the frame, or None
    receipt = await portal.documents.send(actor, draft.id, draft.send_key)   # same key → same Receipt

``upload`` checks the owner and the limits before reading a byte, streams the body to an encrypted temporary
file (stopping at ``limits.upload_bytes``: chunked bodies have no Content-Length), checks and analyses it in a
worker, stores its files and records the scan; whatever is refused leaves no file behind. ``upload_key``
(client-chosen, e.g. a UUID per photo) makes a retried upload a no-op. Every change of a draft returns the new
``DraftView`` whose ``version`` goes with the next change (``Conflict`` if another tab changed the draft).

Afterwards: ``overview(actor)`` (open requests, drafts, submissions, notifications), ``open_requests(actor)``
(for the home page), ``submissions``, ``receipt``, ``sent_from(actor, draft_id)`` (the receipt of a sent draft),
``await receipt_pdf/document_pdf(actor, submission_id)`` (bytes), ``await thumbnail(actor, submission_id, index)``,
``notifications(actor, unread_only=...)``, ``mark_read``. Notification ``key``s are catalogue keys
('documents.notice.request' with ``kind`` and ``due_on`` (ISO date), 'documents.notice.resubmit' with
``kind`` and ``reason``); a ``kind`` parameter is itself a catalogue key, and so is a ``reason`` that starts with
'documents.reason.' (a standard reason; older notices carry staff's own text).

Staff (``portal.inbox``; case workers for their teams' customers, admins for all, reception never)::

    submissions(actor, InboxFilter(kind='', status='', customer_id=None), offset=0) -> Listing[InboxRow]  # new first
    open(actor, submission_id) -> InboxRow;  await pdf(actor, submission_id) -> bytes
    accept(actor, submission_id, version=...);  ask_again(actor, submission_id, message, version=..., code=...)
    next_to_handle(actor, InboxFilter, after=submission_id) -> int | None   # the next one still to be handled
    request(actor, customer_id, kind, due_on, message='') -> RequestView;  requests(actor, customer_id)
    cancel_request(actor, request_id)

Every staff call is audited (``document.list``, ``.view``, ``.download``, ``.accept``, ``.ask_again``,
``.request``, ``.requests``, ``.request_cancel``); an id the actor may not see is ``NotFound`` and audited as
``document.not_found`` (customers included). Bad input is ``InvalidInput`` with a ``documents.error.*`` key.
Kinds, modes, statuses and quality codes are in ``kinds`` with their catalogue keys; the standard reasons to
send a proof again in ``reasons``.

Storage: ``store.DocumentStore`` (AES-GCM with key ids, atomic writes, key rotation, ``*_async`` methods through
aiofiles; see its docstring); ``incoming`` (uploads on their way in); ``pdfchecks`` (PDF decompression bombs, with
``pdfimages``, ``pdfinline`` and ``headers``); ``upkeep`` purges drafts left unsent and removes orphaned files
every hour (``Portal.upkeep``; also ``python -m portal.cli sweep-documents``).
"""
from portal.documents.inbox import Inbox, InboxFilter, InboxRow
from portal.documents.intake import PreparedScan, judge_scan, prepare_scan
from portal.documents.kinds import KINDS, MODES, QUALITY_CODES, STATUSES
from portal.documents.limits import Limits
from portal.documents.pdf import ComposedDocument, SubmissionMaterial, compose_document
from portal.documents.render import render_preview
from portal.documents.service import Documents
from portal.documents.store import DocumentStore, Keyring
from portal.documents.submitting import ReceiptSettings
from portal.documents.views import DocumentsOverview, DraftView, NotificationView, Receipt, RequestView, ScanView

__all__ = [
    'KINDS',
    'MODES',
    'QUALITY_CODES',
    'STATUSES',
    'ComposedDocument',
    'DocumentStore',
    'Documents',
    'DocumentsOverview',
    'DraftView',
    'Inbox',
    'InboxFilter',
    'InboxRow',
    'Keyring',
    'Limits',
    'NotificationView',
    'PreparedScan',
    'Receipt',
    'ReceiptSettings',
    'RequestView',
    'ScanView',
    'SubmissionMaterial',
    'compose_document',
    'judge_scan',
    'prepare_scan',
    'render_preview',
]
