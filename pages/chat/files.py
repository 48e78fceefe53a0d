"""Plain HTTP routes of chat attachments: a photo or PDF in by POST (raw body), its preview and original out by GET.

Each route awaits one service call (``portal.chat``: ``attach``, ``preview``, ``original``). The upload takes the
file name from ``X-File-Name`` and a key per file from ``X-Upload-Key`` (kept for retries: the same key gives the
same file) and answers 201 ``{"file_id": n}``, which the page sends with its message. Refusals are JSON
``{"message": <translated>}``: 413 too large, 415 not a photo or PDF, 429 too many uploads in an hour, 422 others;
ids the person may not see are 404 like ids that do not exist. Originals open in the browser (``inline``), never
cached, never sniffed into another type.
"""
from collections.abc import Awaitable

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from nicegui import app

from pages.core.answers import NO_STORE, answer, file_response
from portal.core import routes
from portal.core.ids import Id
from portal.identity.roles import Actor
from portal.services import Portal

STATUS_BY_KEY = {'documents.error.too_large': 413, 'documents.error.not_an_image': 415,
                 'documents.error.heic': 415, 'documents.error.too_many_uploads': 429,
                 'documents.error.upload_stalled': 408}

FRAMED_BY_US = {'Content-Security-Policy': "default-src 'none'; frame-ancestors 'self'",
                'X-Frame-Options': 'SAMEORIGIN'}


def register(portal: Portal) -> None:
    chat = portal.chat

    @app.post(routes.CHAT_UPLOAD)
    async def attach(request: Request, conversation_id: Id) -> Response:
        return await answer(portal, request, lambda actor: _attached(request, actor, conversation_id),
                            statuses=STATUS_BY_KEY)

    @app.get(routes.CHAT_FILE_PREVIEW)
    async def preview(request: Request, file_id: Id) -> Response:
        return await answer(portal, request, lambda actor: _jpeg(chat.preview(actor, file_id)))

    @app.get(routes.CHAT_FILE)
    async def original(request: Request, file_id: Id) -> Response:
        return await answer(portal, request, lambda actor: _original(chat.original(actor, file_id)))

    async def _attached(request: Request, actor: Actor, conversation_id: int) -> Response:
        declared = request.headers.get('content-length', '')
        file_id = await chat.attach(actor, conversation_id, request.stream(),
                                    declared=int(declared) if declared.isdigit() else None,
                                    file_name=request.headers.get('x-file-name', ''),
                                    upload_key=request.headers.get('x-upload-key', ''))
        return JSONResponse({'file_id': file_id}, status_code=201, headers=NO_STORE)


async def _jpeg(picture: Awaitable[bytes]) -> Response:
    return Response(await picture, media_type='image/jpeg', headers=NO_STORE)


async def _original(found: Awaitable[tuple[bytes, str, str]]) -> Response:
    """The file as sent; the conversation page shows a PDF in a frame of its own, nobody else may frame it (this
    replaces the app-wide frame-ancestors 'none' and DENY, and allows nothing to run inside)."""
    data, media_type, name = await found
    response = file_response(data, media_type, name, inline=True)
    response.headers.update(FRAMED_BY_US)
    return response
