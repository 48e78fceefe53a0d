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

from pages.core.answers import NO_STORE, answer
from portal.core import routes
from portal.core.ids import Id, Index
from portal.documents import DraftView
from portal.identity.roles import Actor
from portal.services import Portal

STATUS_BY_KEY = {'documents.error.too_large': 413, 'documents.error.too_many_uploads': 429,
                 'documents.error.upload_stalled': 408}


def register(portal: Portal) -> None:
    documents = portal.documents

    @app.post(routes.SCAN_UPLOAD)
    async def add_page(request: Request, draft_id: Id) -> Response:
        return await _answer(request, lambda actor: _uploaded(request, actor, draft_id=draft_id))

    @app.post(routes.SCAN_REPLACE)
    async def replace_scan(request: Request, scan_id: Id) -> Response:
        return await _answer(request, lambda actor: _uploaded(request, actor, scan_id=scan_id))

    @app.get(routes.SCAN_PREVIEW)
    async def scan_preview(request: Request, scan_id: Id) -> Response:
        return await _answer(request, lambda actor: _jpeg(documents.preview(actor, scan_id)))

    @app.get(routes.SCAN_RESULT)
    async def scan_result(request: Request, draft_id: Id, scan_id: Id, sheet: Index = 0) -> Response:
        return await _answer(request, lambda actor: _jpeg(documents.picture(actor, draft_id, scan_id, sheet)))

    @app.get(routes.RECEIPT_PDF)
    async def receipt_pdf(request: Request, submission_id: Id) -> Response:
        return await _answer(request, lambda actor: _pdf(
            documents.receipt_pdf(actor, submission_id), f'Eingangsbestaetigung-{submission_id}.pdf'))

    @app.get(routes.DOCUMENT_PDF)
    async def document_pdf(request: Request, submission_id: Id) -> Response:
        return await _answer(request, lambda actor: _pdf(
            documents.document_pdf(actor, submission_id), f'Dokument-{submission_id}.pdf'))

    @app.get(routes.SUBMISSION_SHEET)
    async def submission_sheet(request: Request, submission_id: Id, index: Index) -> Response:
        return await _answer(request, lambda actor: _jpeg(documents.thumbnail(actor, submission_id, index)))

    async def _answer(request: Request, action: Callable[[Actor], Awaitable[Response]]) -> Response:
        return await answer(portal, request, action, statuses=STATUS_BY_KEY)

    async def _uploaded(request: Request, actor: Actor, **target: int) -> Response:
        declared = request.headers.get('content-length', '')
        draft = await documents.upload(
            actor, request.stream(), declared=int(declared) if declared.isdigit() else None,
            file_name=request.headers.get('x-file-name', ''), upload_key=request.headers.get('x-upload-key', ''),
            **target)
        return JSONResponse(_draft_summary(draft), status_code=201, headers=NO_STORE)


def _draft_summary(draft: DraftView) -> dict:
    newest = max((page.id for page in draft.scans), default=None)  # an added or retaken page is the newest row
    return {'draft_id': draft.id, 'version': draft.version, 'pages': draft.sheet_count, 'scan_id': newest}


async def _jpeg(picture: Awaitable[bytes]) -> Response:
    return Response(await picture, media_type='image/jpeg', headers=NO_STORE)


async def _pdf(document: Awaitable[bytes], name: str) -> Response:
    return Response(await document, media_type='application/pdf',
                    headers={**NO_STORE, 'Content-Disposition': f'attachment; filename="{name}"'})
