"""Answers of the plain HTTP routes (uploads, pictures, PDFs): the signed-in person's action, or a translated JSON
error. Ids the person may not see are 404 like ids that do not exist; every answer is ``no-store``."""
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.requests import ClientDisconnect

from pages.core.guard import current_language, request_actor
from portal.core.errors import Conflict, NotAllowed, NotFound, PortalError
from portal.core.i18n import Translator, error_message
from portal.identity.roles import Actor
from portal.services import Portal

NO_STORE = {'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'}
STATUS = {NotFound: 404, NotAllowed: 404, Conflict: 409}


async def answer(portal: Portal, request: Request, action: Callable[[Actor], Awaitable[Response]], *,
                 statuses: Mapping[str, int] | None = None) -> Response:
    """Run an action for the signed-in person; domain errors become translated JSON with a 4xx status (by the
    error's catalogue key in ``statuses``, else by its kind, else 422)."""
    t = Translator(current_language(request, portal.settings.default_language))
    actor = await request_actor(portal)
    if actor is None:
        return error(401, t('error.not_allowed'))
    try:
        return await action(actor)
    except PortalError as problem:
        status = (statuses or {}).get(problem.key) or STATUS.get(type(problem), 422)
        return error(status, error_message(t, NotFound() if status == 404 else problem))  # existing or not: one answer
    except ClientDisconnect:  # the upload broke off: its temporary file is gone already, nobody reads the answer
        return error(400, t('error.generic'))


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({'message': message}, status_code=status, headers=NO_STORE)


def file_response(data: bytes, media_type: str, name: str, *, inline: bool = False) -> Response:
    """A file to open in the browser (``inline``) or to save, under ``name`` (any characters: RFC 6266's
    ``filename*``, with an ASCII stand-in for old browsers)."""
    fallback = ''.join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\;' else '_' for ch in name) or 'file'
    disposition = f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type, headers={**NO_STORE, 'Content-Disposition': disposition})
