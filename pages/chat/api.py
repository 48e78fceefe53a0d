"""The HTTP route the conversation's composer posts its messages to (``components/chat/thread.js`` outbox).

A message travels by POST, not over the websocket, so that a browser that was offline can send what waits in its
outbox as soon as it is online, before the socket is back. The browser's client id makes a repeated POST (a retry
after a lost answer) return the message stored the first time. Only the portal's own pages may post (Origin, else
Referer); ids the person may not see are 404 like missing ones; errors are JSON ``{"message": <translated>}``.
"""
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from nicegui import app

from components.chat.thread import message_dict
from pages.core.calls import call
from pages.core.guard import current_language, request_actor
from portal.chat.posting import TooFast
from portal.core import routes
from portal.core.errors import NotAllowed, NotFound, PortalError
from portal.core.i18n import Translator, error_message
from portal.core.ids import Id, as_id
from portal.core.web import same_origin
from portal.identity.roles import Actor
from portal.services import Portal

NO_STORE = {'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'}
MAX_BODY = 64 * 1024  # bytes: a message of the longest allowed text in JSON is far below this


def register(portal: Portal) -> None:
    @app.post(routes.CHAT_MESSAGES)
    async def post_message(request: Request, conversation_id: Id) -> Response:
        return await _answer(portal, request, lambda actor, t: _post(portal, request, actor, t, conversation_id))


async def _post(portal: Portal, request: Request, actor: Actor, t: Translator, conversation_id: int) -> Response:
    sent = await _json(request)
    file_id = as_id(sent.get('file_id')) if sent.get('file_id') is not None else None
    message = await call(portal.chat.post, actor, conversation_id, str(sent.get('text') or ''),
                         str(sent.get('client_id') or ''), note=sent.get('note') is True, file_id=file_id)
    return JSONResponse({'message': message_dict(message, t)}, status_code=201, headers=NO_STORE)


async def _answer(portal: Portal, request: Request,
                  action: Callable[[Actor, Translator], Awaitable[Response]]) -> Response:
    """Run an action for the signed-in person, from the portal's own pages; domain errors become translated JSON."""
    t = Translator(current_language(request, portal.settings.default_language))
    if not same_origin(request.headers, portal.settings.origin):
        return _error(403, t('error.not_allowed'))
    actor = await request_actor(portal)
    if actor is None:
        return _error(401, t('error.not_allowed'))
    try:
        return await action(actor, t)
    except (NotFound, NotAllowed):  # existing or not, yours or not: one answer
        return _error(404, error_message(t, NotFound()))
    except TooFast as error:
        return _error(429, error_message(t, error))
    except PortalError as error:
        return _error(422, error_message(t, error))


async def _json(request: Request) -> dict[str, Any]:
    """The posted JSON object; anything else (too large, not JSON, not an object) is refused as unreadable."""
    body = b''
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise _Unreadable()
    try:
        sent = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _Unreadable() from None
    if not isinstance(sent, dict):
        raise _Unreadable()
    return sent


class _Unreadable(PortalError):
    key = 'chat.thread.unreadable'


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({'message': message}, status_code=status, headers=NO_STORE)
