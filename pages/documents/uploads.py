"""Plain HTTP routes of document capture: photos and PDFs in by POST, pictures and PDFs out by GET.

Full-resolution photos never travel over NiceGUI's websocket (it caps a message at about 1 MB). The POST
routes check the draft and the limits first, stream the body to an encrypted temporary file under the data
directory (counting bytes, stopping at the upload limit: chunked bodies have no Content-Length), prepare the
page from that file in a worker process, store its files through aiofiles and then record the page; whatever
is refused or breaks off leaves no file behind. ``X-Upload-Key`` (one per photo, kept for retries) makes a
repeated upload a no-op. Files are read through aiofiles too. Every answer is ``no-store``; ids the person may
not see are 404 like ids that do not exist; errors are JSON ``{"message": <translated>}``.
"""
from collections.abc import Awaitable, Callable
from typing import TypeVar
from urllib.parse import unquote

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from nicegui import app, run
from starlette.requests import ClientDisconnect

from pages.core.guard import current_language, request_actor
from portal.core import routes
from portal.core.errors import Conflict, InvalidInput, NotAllowed, NotFound, PortalError
from portal.core.i18n import Translator, error_message
from portal.core.ids import Id, Index
from portal.documents import ComposedDocument, DraftView, PreparedPage, Receipt, prepare_page, render_preview
from portal.documents.adding import store_page
from portal.documents.incoming import receive
from portal.documents.pdfinput import pdf_page_preview, render_pdf_page
from portal.documents.render import THUMBNAIL_SIDE, encode_jpeg
from portal.identity.roles import Actor
from portal.services import Portal

T = TypeVar('T')
NO_STORE = {'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'}
STATUS = {NotFound: 404, NotAllowed: 404, Conflict: 409}
STATUS_BY_KEY = {'documents.error.too_large': 413, 'documents.error.too_many_uploads': 429,
                 'documents.error.upload_stalled': 408}
NAME_REFUSED = '/\\:'


def register(portal: Portal) -> None:
    @app.post(routes.PAGE_UPLOAD)
    async def add_page(request: Request, draft_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _add(portal, request, actor, draft_id, None))

    @app.post(routes.PAGE_REPLACE)
    async def replace_page(request: Request, page_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _add(portal, request, actor, None, page_id))

    @app.get(routes.PAGE_PREVIEW)
    async def page_preview(request: Request, page_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _preview(portal, actor, page_id))

    @app.get(routes.PAGE_RESULT)
    async def page_result(request: Request, draft_id: Id, page_id: Id, sheet: Index = 0) -> Response:
        return await _answer(portal, request, lambda actor: _result(portal, actor, draft_id, page_id, sheet))

    @app.get(routes.RECEIPT_PDF)
    async def receipt_pdf(request: Request, submission_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _pdf(
            portal, actor, submission_id, 'receipt', f'Eingangsbestaetigung-{submission_id}.pdf'))

    @app.get(routes.DOCUMENT_PDF)
    async def document_pdf(request: Request, submission_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _pdf(
            portal, actor, submission_id, 'document', f'Dokument-{submission_id}.pdf'))

    @app.get(routes.SUBMISSION_PAGE)
    async def submission_page(request: Request, submission_id: Id, index: Index) -> Response:
        return await _answer(portal, request, lambda actor: _thumbnail(portal, actor, submission_id, index))


async def cpu_bound(function: Callable[..., T], *args: object) -> T:
    """``run.cpu_bound`` that keeps domain errors: NiceGUI flattens exceptions of the worker into a
    ``SubprocessException`` (type name and text only), which would lose an ``InvalidInput``'s key parameters."""
    result = await run.cpu_bound(_refusal_as_value, function, *args)
    if isinstance(result, PortalError):
        raise result
    return result


def _refusal_as_value(function: Callable[..., T], *args: object) -> T | PortalError:
    try:
        return function(*args)
    except PortalError as refusal:  # pickles with its key and parameters
        return refusal


async def store_submission(portal: Portal, actor: Actor, composed: ComposedDocument, key: str) -> Receipt:
    """Store the composed PDF through aiofiles and record it as the submission (deleted again if refused or if
    the key was used already)."""
    name = await portal.store.put_async(composed.pdf)
    sent = await portal.store.recorded([name], run.io_bound(portal.documents.record_submission, actor, composed,
                                                            key, name))
    return sent.receipt


def safe_file_name(header: str) -> str:
    """Only for the upload checks: the name is never used as a path; odd characters become '_'."""
    name = unquote(header or 'upload')
    cleaned = ''.join('_' if ch in NAME_REFUSED or ord(ch) < 32 or ord(ch) == 127 else ch for ch in name)
    return cleaned.strip('.')[:120] or 'upload'


async def _answer(portal: Portal, request: Request, action: Callable[[Actor], Awaitable[Response]]) -> Response:
    """Run an action for the signed-in person; domain errors become translated JSON with a 4xx status."""
    t = Translator(current_language(request, portal.settings.default_language))
    actor = await request_actor(portal)
    if actor is None:
        return _error(401, t('error.not_allowed'))
    try:
        return await action(actor)
    except PortalError as error:
        status = STATUS_BY_KEY.get(error.key) or STATUS.get(type(error), 422)
        return _error(status, error_message(t, NotFound() if status == 404 else error))  # existing or not: one answer
    except ClientDisconnect:  # the upload broke off: its temporary file is gone already, nobody reads the answer
        return _error(400, t('error.generic'))


async def _add(portal: Portal, request: Request, actor: Actor, draft_id: int | None,
               page_id: int | None) -> Response:
    """Check the owner and the limits before reading a byte; stream, check and store; then record the page."""
    await run.io_bound(portal.documents.check_upload, actor, draft_id, page_id=page_id)
    upload = await store_page(portal.store, await _prepared(portal, request, actor))
    placed = await portal.store.recorded(upload.names, run.io_bound(
        portal.documents.place_page, actor, upload, request.headers.get('x-upload-key', ''), draft_id=draft_id,
        page_id=page_id))
    return JSONResponse(_draft_summary(placed.draft), status_code=201, headers=NO_STORE)


async def _prepared(portal: Portal, request: Request, actor: Actor) -> PreparedPage:
    """The body streamed to a temporary file and checked in a worker process; a refused upload counts toward
    the hourly limit like an accepted one (a script must not keep the decoder busy)."""
    limits, declared = portal.documents.limits, request.headers.get('content-length', '')
    try:
        async with receive(request.stream(), portal.store.data_dir, limits,
                           int(declared) if declared.isdigit() else None) as incoming:
            return await cpu_bound(prepare_page, incoming, safe_file_name(request.headers.get('x-file-name', '')),
                                   limits)
    except InvalidInput:
        await run.io_bound(portal.documents.count_refused_upload, actor)
        raise


def _draft_summary(draft: DraftView) -> dict:
    newest = max((page.id for page in draft.pages), default=None)  # an added or retaken page is the newest row
    return {'draft_id': draft.id, 'version': draft.version, 'pages': draft.page_count, 'page_id': newest}


async def _preview(portal: Portal, actor: Actor, page_id: int) -> Response:
    files = await run.io_bound(portal.documents.page_files, actor, page_id)
    return Response(await portal.store.get_async(files.preview), media_type='image/jpeg', headers=NO_STORE)


async def _result(portal: Portal, actor: Actor, draft_id: int, page_id: int, sheet: int) -> Response:
    """The page as it will be sent: the preview flattened to its corners, in its mode, turned; of an imported
    PDF its page ``sheet`` (0-based), turned."""
    draft = await run.io_bound(portal.documents.draft, actor, draft_id)
    page = next((each for each in draft.pages if each.id == page_id), None)
    if page is None or not 0 <= sheet < page.page_count:
        raise NotFound()
    files = await run.io_bound(portal.documents.page_files, actor, page_id)
    if sheet > 0:  # a later page of an imported PDF: rendered from the stored PDF itself
        pdf = await portal.store.get_async(files.original)
        return Response(await cpu_bound(pdf_page_preview, pdf, sheet, page.quarter_turns), media_type='image/jpeg',
                        headers=NO_STORE)
    preview = await portal.store.get_async(files.preview)
    if page.source != 'image':  # the first page of an imported PDF is its preview, turned
        picture = await cpu_bound(render_preview, preview, None, 1.0, 'colour', page.quarter_turns)
    else:
        picture = await cpu_bound(render_preview, preview, page.corners, page.scale, page.mode,
                                      page.quarter_turns)
    return Response(picture, media_type='image/jpeg', headers=NO_STORE)


async def _pdf(portal: Portal, actor: Actor, submission_id: int, which: str, name: str) -> Response:
    data = await _submission_file(portal, actor, submission_id, which)
    return Response(data, media_type='application/pdf',
                    headers={**NO_STORE, 'Content-Disposition': f'attachment; filename="{name}"'})


async def _submission_file(portal: Portal, actor: Actor, submission_id: int, which: str) -> bytes:
    """The submitted PDF (``which='document'``) or its receipt, read through aiofiles."""
    files = await run.io_bound(portal.documents.submission_files, actor, submission_id)
    return await portal.store.get_async(files.receipt if which == 'receipt' else files.document)


async def _thumbnail(portal: Portal, actor: Actor, submission_id: int, index: int) -> Response:
    pdf = await _submission_file(portal, actor, submission_id, 'document')
    picture = await cpu_bound(pdf_page_thumbnail, pdf, index)
    if picture is None:
        raise NotFound()
    return Response(picture, media_type='image/jpeg', headers=NO_STORE)


def pdf_page_thumbnail(pdf: bytes, index: int) -> bytes | None:
    """One page of a stored PDF as a small JPEG (CPU work: run it with ``run.cpu_bound``)."""
    picture = render_pdf_page(pdf, index, THUMBNAIL_SIDE)  # only that page: a receipt asks for each in turn
    return None if picture is None else encode_jpeg(picture, 70)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({'message': message}, status_code=status, headers=NO_STORE)
