"""Plain HTTP routes of document capture: photos and PDFs in by POST, pictures and PDFs out by GET.

Full-resolution photos never travel over NiceGUI's websocket (it caps a message at about 1 MB). Each route awaits
one service call (``portal.documents``: ``upload``, ``preview``, ``picture``, ``receipt_pdf``, ``document_pdf``,
``thumbnail``) and turns its answer into a response. ``X-Upload-Key`` (one per photo, kept for retries) makes a
repeated upload a no-op. Every answer is ``no-store``; ids the person may not see are 404 like ids that do not
exist; errors are JSON ``{"message": <translated>}``.
"""
from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from nicegui import app
from starlette.requests import ClientDisconnect

from pages.core.guard import current_language, request_actor
from portal.core import routes
from portal.core.errors import Conflict, NotAllowed, NotFound, PortalError
from portal.core.i18n import Translator, error_message
from portal.core.ids import Id, Index
from portal.documents import DraftView
from portal.identity.roles import Actor
from portal.services import Portal

NO_STORE = {'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'}
STATUS = {NotFound: 404, NotAllowed: 404, Conflict: 409}
STATUS_BY_KEY = {'documents.error.too_large': 413, 'documents.error.too_many_uploads': 429,
                 'documents.error.upload_stalled': 408}


def register(portal: Portal) -> None:
    documents = portal.documents

    @app.post(routes.SCAN_UPLOAD)
    async def add_page(request: Request, draft_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _uploaded(request, actor, draft_id=draft_id))

    @app.post(routes.SCAN_REPLACE)
    async def replace_scan(request: Request, scan_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _uploaded(request, actor, scan_id=scan_id))

    @app.get(routes.SCAN_PREVIEW)
    async def scan_preview(request: Request, scan_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _jpeg(documents.preview(actor, scan_id)))

    @app.get(routes.SCAN_RESULT)
    async def scan_result(request: Request, draft_id: Id, scan_id: Id, sheet: Index = 0) -> Response:
        return await _answer(portal, request, lambda actor: _jpeg(documents.picture(actor, draft_id, scan_id, sheet)))

    @app.get(routes.RECEIPT_PDF)
    async def receipt_pdf(request: Request, submission_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _pdf(
            documents.receipt_pdf(actor, submission_id), f'Eingangsbestaetigung-{submission_id}.pdf'))

    @app.get(routes.DOCUMENT_PDF)
    async def document_pdf(request: Request, submission_id: Id) -> Response:
        return await _answer(portal, request, lambda actor: _pdf(
            documents.document_pdf(actor, submission_id), f'Dokument-{submission_id}.pdf'))

    @app.get(routes.SUBMISSION_SHEET)
    async def submission_sheet(request: Request, submission_id: Id, index: Index) -> Response:
        return await _answer(portal, request, lambda actor: _jpeg(documents.thumbnail(actor, submission_id, index)))

    async def _uploaded(request: Request, actor: Actor, **target: int) -> Response:
        declared = request.headers.get('content-length', '')
        draft = await documents.upload(
            actor, request.stream(), declared=int(declared) if declared.isdigit() else None,
            file_name=request.headers.get('x-file-name', ''), upload_key=request.headers.get('x-upload-key', ''),
            **target)
        return JSONResponse(_draft_summary(draft), status_code=201, headers=NO_STORE)


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


def _draft_summary(draft: DraftView) -> dict:
    newest = max((page.id for page in draft.scans), default=None)  # an added or retaken page is the newest row
    return {'draft_id': draft.id, 'version': draft.version, 'pages': draft.sheet_count, 'scan_id': newest}


async def _jpeg(picture: Awaitable[bytes]) -> Response:
    return Response(await picture, media_type='image/jpeg', headers=NO_STORE)


async def _pdf(document: Awaitable[bytes], name: str) -> Response:
    return Response(await document, media_type='application/pdf',
                    headers={**NO_STORE, 'Content-Disposition': f'attachment; filename="{name}"'})


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({'message': message}, status_code=status, headers=NO_STORE)
