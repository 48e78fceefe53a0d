"""Document capture: customers photograph proofs, crop them like a scanner app and send them as one PDF.

Services (wired in ``portal.services``: ``portal.documents`` and ``portal.inbox``) are synchronous, open one
database session per call and check access themselves. Image work is never done inside them: it is in
module-level pure functions that pages run with ``run.cpu_bound`` (arguments and results pickle).

Capturing (pages; ``actor`` is the signed-in customer)::

    draft = await run.io_bound(portal.documents.start, actor, 'pay_slip', note, request_id)   # DraftView
    await run.io_bound(portal.documents.check_upload, actor, draft.id)  # or page_id=: owner, limits, before reading
    async with receive(request.stream(), data_dir, limits) as incoming:  # the body, encrypted in a temporary file
        prepared = await run.cpu_bound(prepare_page, incoming, file_name, limits)  # PreparedPage (or bytes in)
    # a refused upload: await run.io_bound(portal.documents.count_refused_upload, actor) (the hourly limit)
    upload = await store_page(portal.store, prepared)  # StoredPage: its two files, written through aiofiles
    placed = await portal.store.recorded(upload.names, run.io_bound(portal.documents.place_page, actor, upload,
                                         upload_key, draft_id=draft.id))  # or page_id= (retake); Placed.draft
    draft = portal.documents.add_page(actor, draft.id, prepared, upload_key)  # the same, blocking (scripts)
    draft = ...edit_page(actor, page_id, corners=..., mode='document', quarter_turns=1, version=draft.version)
    quality = await run.cpu_bound(judge_page, ...page_original(actor, page_id), corners)  # after moved corners
    draft = ...record_quality(actor, page_id, corners=corners, quality=quality)  # dropped if moved again since
    draft = ...move_page(actor, page_id, position, version=...) / delete_page(actor, page_id, version=...)
    draft = ...change(actor, draft_id, kind=..., note=..., version=...) / discard(actor, draft_id)
    preview = ...page_preview(actor, page_id)   # JPEG bytes, long side <= 1280; corners * PageView.scale
    result = await run.cpu_bound(render_preview, preview, page.corners, page.scale, page.mode, page.quarter_turns)

Full-resolution images arrive by HTTP POST (never over the websocket); ``receive`` stops reading at
``limits.upload_bytes``; ``recorded`` deletes the stored files again when ``place_page`` refuses or did not
need them. ``upload_key`` (client-chosen, e.g. a UUID per photo) makes a retried upload a
no-op. Every change of a draft returns the new ``DraftView`` whose ``version`` goes with the next change
(``Conflict`` if another tab changed the draft in between).

Sending (three steps, so the CPU work runs in a process; ``key`` is one idempotency key per send button)::

    material = await run.io_bound(portal.documents.material_files, actor, draft.id, key)
    if isinstance(material, Receipt): show it (the key was used: a retried submit)
    material = await load_material(portal.store, material)   # the pages' files, read through aiofiles
    composed = await run.cpu_bound(compose_document, material)   # ComposedDocument: PDF, sha256, thumbnails
    name = await portal.store.put_async(composed.pdf)
    sent = await portal.store.recorded([name], run.io_bound(portal.documents.record_submission, actor, composed,
                                       key, name))   # Sent.receipt; same key → same Receipt

``material`` and ``submit`` are the blocking forms; ``submit_draft(actor, draft_id, key)`` does it all in one
blocking call (scripts, tests).

Afterwards: ``overview(actor)`` (open requests, drafts, submissions, notifications), ``open_requests(actor)``
(for the home page), ``submissions``, ``receipt``, ``receipt_pdf`` and ``document_pdf`` (bytes; pages read
``submission_files``/``page_files`` names with ``portal.store.get_async``),
``notifications(actor, unread_only=...)``, ``mark_read``. Notification ``key``s are catalogue keys
('documents.notice.request' with ``kind`` and ``due_on`` (ISO date), 'documents.notice.resubmit' with
``kind`` and ``reason``); a ``kind`` parameter is itself a catalogue key, and so is a ``reason`` that starts with
'documents.reason.' (a standard reason; older notices carry staff's own text).

Staff (``portal.inbox``; case workers for their teams' customers, admins for all, reception never)::

    submissions(actor, InboxFilter(kind='', status='', customer_id=None), offset=0) -> Listing[InboxRow]  # new first
    open(actor, submission_id) -> InboxRow;  pdf(actor, submission_id) -> bytes;  pdf_file(...) -> store name
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
aiofiles; see its docstring); ``incoming`` (uploads on their way in); ``pdfchecks`` (PDF decompression bombs);
``upkeep`` purges drafts left unsent and removes orphaned files every hour (``Portal.upkeep``; also
``python -m portal.cli sweep-documents``).
"""
from portal.documents.inbox import Inbox, InboxFilter, InboxRow
from portal.documents.intake import PreparedPage, judge_page, prepare_page
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
    'compose_document', 'judge_page', 'prepare_page', 'render_preview',
]
