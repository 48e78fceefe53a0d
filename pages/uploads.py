"""Plain HTTP routes of document capture: photos and PDFs in by POST, pictures and PDFs out by GET.

Full-resolution photos never travel over NiceGUI's websocket (it caps a message at about 1 MB). The POST
routes count the streamed bytes and stop at the upload limit (chunked bodies have no Content-Length), then
check the draft, prepare the page in a worker process and store it. ``X-Upload-Key`` (one per photo, kept
for retries) makes a repeated upload a no-op. Every answer is ``no-store``; ids the person may not see are
404 like ids that do not exist; errors are JSON ``{"message": <translated>}``.
"""
from collections.abc import Awaitable, Callable
from typing import TypeVar
from urllib.parse import unquote

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from nicegui import app, run

from pages.guard import current_language, request_actor
from portal.documents import DraftView, prepare_page, render_preview
from portal.documents.limits import megabytes
from portal.documents.pdfinput import render_pdf_pages
from portal.documents.render import THUMBNAIL_SIDE, encode_jpeg
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound, PortalError
from portal.i18n import Translator, error_message
from portal.roles import Actor
from portal.services import Portal

T = TypeVar('T')
PREFIX = '/api/documents'
NO_STORE = {'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'}
STATUS = {NotFound: 404, NotAllowed: 404, Conflict: 409}
STATUS_BY_KEY = {'documents.error.too_large': 413, 'documents.error.too_many_uploads': 429}
NAME_REFUSED = '/\\:'


def register(portal: Portal) -> None:
    @app.post(PREFIX + '/drafts/{draft_id}/pages')
    async def add_page(request: Request, draft_id: int) -> Response:
        return await _answer(portal, request, lambda actor: _add(portal, request, actor, draft_id, None))

    @app.post(PREFIX + '/pages/{page_id}/replace')
    async def replace_page(request: Request, page_id: int) -> Response:
        return await _answer(portal, request, lambda actor: _add(portal, request, actor, None, page_id))

    @app.get(PREFIX + '/pages/{page_id}/preview.jpg')
    async def page_preview(request: Request, page_id: int) -> Response:
        return await _answer(portal, request, lambda actor: _picture(portal.documents.page_preview, actor, page_id))

    @app.get(PREFIX + '/drafts/{draft_id}/pages/{page_id}/result.jpg')
    async def page_result(request: Request, draft_id: int, page_id: int) -> Response:
        return await _answer(portal, request, lambda actor: _result(portal, actor, draft_id, page_id))

    @app.get(PREFIX + '/submissions/{submission_id}/receipt.pdf')
    async def receipt_pdf(request: Request, submission_id: int) -> Response:
        return await _answer(portal, request, lambda actor: _pdf(
            portal.documents.receipt_pdf, actor, submission_id, f'Eingangsbestaetigung-{submission_id}.pdf'))

    @app.get(PREFIX + '/submissions/{submission_id}/document.pdf')
    async def document_pdf(request: Request, submission_id: int) -> Response:
        return await _answer(portal, request, lambda actor: _pdf(
            portal.documents.document_pdf, actor, submission_id, f'Dokument-{submission_id}.pdf'))

    @app.get(PREFIX + '/submissions/{submission_id}/pages/{index}.jpg')
    async def submission_page(request: Request, submission_id: int, index: int) -> Response:
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


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it grows beyond ``limit`` bytes (whatever the headers claim)."""
    declared = request.headers.get('content-length', '')
    if declared.isdigit() and int(declared) > limit:
        raise InvalidInput('documents.error.too_large', megabytes=megabytes(limit))
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise InvalidInput('documents.error.too_large', megabytes=megabytes(limit))
    return bytes(body)


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
        return _error(status, error_message(t, error))


async def _add(portal: Portal, request: Request, actor: Actor, draft_id: int | None,
               page_id: int | None) -> Response:
    documents = portal.documents
    key = request.headers.get('x-upload-key', '')
    if draft_id is not None:  # fail before reading 15 MB and decoding them when the draft is not there
        await run.io_bound(documents.check_upload, actor, draft_id)
    data = await read_limited(request, documents.limits.upload_bytes)
    prepared = await cpu_bound(prepare_page, data, safe_file_name(request.headers.get('x-file-name', '')),
                               documents.limits)
    if page_id is None:
        draft = await run.io_bound(documents.add_page, actor, draft_id, prepared, key)
    else:
        draft = await run.io_bound(documents.replace_page, actor, page_id, prepared, key)
    return JSONResponse(_draft_summary(draft), status_code=201, headers=NO_STORE)


def _draft_summary(draft: DraftView) -> dict:
    newest = max((page.id for page in draft.pages), default=None)  # an added or retaken page is the newest row
    return {'draft_id': draft.id, 'version': draft.version, 'pages': draft.page_count, 'page_id': newest}


async def _picture(load: Callable[[Actor, int], bytes], actor: Actor, object_id: int) -> Response:
    return Response(await run.io_bound(load, actor, object_id), media_type='image/jpeg', headers=NO_STORE)


async def _result(portal: Portal, actor: Actor, draft_id: int, page_id: int) -> Response:
    """The page as it will be sent: the preview flattened to its corners, in its mode, turned."""
    draft = await run.io_bound(portal.documents.draft, actor, draft_id)
    page = next((each for each in draft.pages if each.id == page_id), None)
    if page is None:
        raise NotFound()
    preview = await run.io_bound(portal.documents.page_preview, actor, page_id)
    if page.source != 'image':  # an imported PDF is shown as its first page, turned
        picture = await cpu_bound(render_preview, preview, None, 1.0, 'colour', page.quarter_turns)
    else:
        picture = await cpu_bound(render_preview, preview, page.corners, page.scale, page.mode,
                                      page.quarter_turns)
    return Response(picture, media_type='image/jpeg', headers=NO_STORE)


async def _pdf(load: Callable[[Actor, int], bytes], actor: Actor, submission_id: int, name: str) -> Response:
    data = await run.io_bound(load, actor, submission_id)
    return Response(data, media_type='application/pdf',
                    headers={**NO_STORE, 'Content-Disposition': f'attachment; filename="{name}"'})


async def _thumbnail(portal: Portal, actor: Actor, submission_id: int, index: int) -> Response:
    pdf = await run.io_bound(portal.documents.document_pdf, actor, submission_id)
    picture = await cpu_bound(pdf_page_thumbnail, pdf, index)
    if picture is None:
        raise NotFound()
    return Response(picture, media_type='image/jpeg', headers=NO_STORE)


def pdf_page_thumbnail(pdf: bytes, index: int) -> bytes | None:
    """One page of a stored PDF as a small JPEG (CPU work: run it with ``run.cpu_bound``)."""
    pictures = render_pdf_pages(pdf, THUMBNAIL_SIDE)
    return encode_jpeg(pictures[index], 70) if 0 <= index < len(pictures) else None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({'message': message}, status_code=status, headers=NO_STORE)
