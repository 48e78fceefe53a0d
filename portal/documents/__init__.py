"""Document capture: customers photograph proofs, crop them like a scanner app and send them as one PDF.

Services (wired in ``portal.services``: ``portal.documents`` and ``portal.inbox``) are synchronous, open one
database session per call and check access themselves. Image work is never done inside them: it is in
module-level pure functions that pages run with ``run.cpu_bound`` (arguments and results pickle).

Capturing (pages; ``actor`` is the signed-in customer)::

    draft = await run.io_bound(portal.documents.start, actor, 'pay_slip', note, request_id)   # DraftView
    await run.io_bound(portal.documents.check_upload, actor, draft.id)      # optional: fail before the CPU work
    prepared = await run.cpu_bound(prepare_page, data, file_name, portal.documents.limits)  # PreparedPage
    draft = await run.io_bound(portal.documents.add_page, actor, draft.id, prepared, upload_key)
    draft = await run.io_bound(portal.documents.replace_page, actor, page_id, prepared, upload_key)  # retake
    draft = ...edit_page(actor, page_id, corners=..., mode='document', quarter_turns=1, version=draft.version)
    draft = ...move_page(actor, page_id, position, version=...) / delete_page(actor, page_id, version=...)
    draft = ...change(actor, draft_id, kind=..., note=..., version=...) / discard(actor, draft_id)
    preview = ...page_preview(actor, page_id)   # JPEG bytes, long side <= 1280; corners * PageView.scale
    result = await run.cpu_bound(render_preview, preview, page.corners, page.scale, page.mode, page.quarter_turns)

Full-resolution images arrive by HTTP POST (never over the websocket); the endpoint should stop reading at
``limits.upload_bytes``. ``upload_key`` (client-chosen, e.g. a UUID per photo) makes a retried upload a
no-op. Every change of a draft returns the new ``DraftView`` whose ``version`` goes with the next change
(``Conflict`` if another tab changed the draft in between).

Sending (three steps, so the CPU work runs in a process; ``key`` is one idempotency key per send button)::

    material = await run.io_bound(portal.documents.material, actor, draft.id, key)
    if isinstance(material, Receipt): show it (the key was used: a retried submit)
    composed = await run.cpu_bound(compose_document, material)   # ComposedDocument: PDF, sha256, thumbnails
    receipt = await run.io_bound(portal.documents.submit, actor, composed, key)   # same key → same Receipt

``submit_draft(actor, draft_id, key)`` does the three in one blocking call (scripts, tests).

Afterwards: ``overview(actor)`` (open requests, drafts, submissions, notifications), ``open_requests(actor)``
(for the home page), ``submissions``, ``receipt``, ``receipt_pdf`` and ``document_pdf`` (bytes),
``notifications(actor, unread_only=...)``, ``mark_read``. Notification ``key``s are catalogue keys
('documents.notice.request' with ``kind`` and ``due_on`` (ISO date), 'documents.notice.resubmit' with
``kind`` and ``reason``); a ``kind`` parameter is itself a catalogue key.

Staff (``portal.inbox``; case workers for their teams' customers, admins for all, reception never)::

    submissions(actor, InboxFilter(kind='', status='', customer_id=None)) -> list[InboxRow]  # new first
    open(actor, submission_id) -> InboxRow;  pdf(actor, submission_id) -> bytes
    accept(actor, submission_id, version=...);  ask_again(actor, submission_id, reason, version=...)
    request(actor, customer_id, kind, due_on, message='') -> RequestView;  requests(actor, customer_id)
    cancel_request(actor, request_id)

Every staff call is audited (``document.list``, ``.view``, ``.download``, ``.accept``, ``.ask_again``,
``.request``, ``.requests``, ``.request_cancel``); an id the actor may not see is ``NotFound`` and audited as
``document.not_found`` (customers included). Bad input is ``InvalidInput`` with a ``documents.error.*`` key.
Kinds, modes, statuses and quality codes are in ``kinds`` with their catalogue keys.

Storage: ``store.DocumentStore`` (AES-GCM with key ids, atomic writes, key rotation; see its docstring);
``upkeep.sweep`` removes orphaned files (``python -m portal.cli sweep-documents``).
"""
from portal.documents.inbox import Inbox, InboxFilter, InboxRow
from portal.documents.intake import PreparedPage, prepare_page
from portal.documents.kinds import KINDS, MODES, QUALITY_CODES, STATUSES
from portal.documents.limits import Limits
from portal.documents.pdf import ComposedDocument, SubmissionMaterial, compose_document
from portal.documents.render import render_preview
from portal.documents.service import Documents
from portal.documents.store import DocumentStore, Keyring
from portal.documents.submitting import ReceiptSettings
from portal.documents.views import DocumentsOverview, DraftView, NotificationView, PageView, Receipt, RequestView

__all__ = [
    'KINDS', 'MODES', 'QUALITY_CODES', 'STATUSES', 'ComposedDocument', 'DocumentStore', 'Documents',
    'DocumentsOverview', 'DraftView', 'Inbox', 'InboxFilter', 'InboxRow', 'Keyring', 'Limits', 'NotificationView',
    'PageView', 'PreparedPage', 'Receipt', 'ReceiptSettings', 'RequestView', 'SubmissionMaterial',
    'compose_document', 'prepare_page', 'render_preview',
]
