"""A new session id for the browser whenever who is signed in changes (no session fixation).

NiceGUI keys ``app.storage.user`` (where the sign-in token lives) by the id in Starlette's session cookie. A
cookie planted before sign-in (on a shared kiosk PC, say) must be worth nothing afterwards, so every sign-in
(password, activation, single sign-on), the second factor and the sign-out give the browser a new id; the old
id's storage is emptied, and only the language choice moves to the new one.

A cookie can only be set in an HTTP answer, but password, activation and second factor are checked over the
websocket. Those hand over: the token waits in the old storage with the digest of a one-time ticket, and the
browser is sent to ``ROUTE?ticket=...``, which renews the id, signs the new one in and goes on. The ticket
travels over this browser's websocket only, so someone else holding the old cookie cannot take the sign-in.
"""
import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app

from pages.core.guard import sign_in_browser
from portal.core import routes
from portal.services import Portal

ROUTE = routes.SIGN_IN_DONE
HANDOVER_KEY = 'sign_in_handover'
HANDOVER_TIME = timedelta(minutes=10)
CARRIED = ('lang',)  # what the browser keeps across a renewal; identity (token, pending sign-on) stays behind


def register(portal: Portal) -> None:
    @app.get(ROUTE, include_in_schema=False)
    async def sign_in_done(request: Request, ticket: str = '') -> RedirectResponse:
        handover = app.storage.user.pop(HANDOVER_KEY, None)
        if not _valid(handover, ticket, portal.clock()):
            return RedirectResponse(routes.LOGIN, status_code=303)
        await renew(request)
        sign_in_browser(handover['token'], handover['language'])
        return RedirectResponse(handover['next'], status_code=303)


async def renew(request: Request) -> None:
    """Give this browser a new session id (in this HTTP answer's cookie): the old id's storage is emptied, the
    language choice moves along."""
    old = app.storage.user
    carried = {key: old[key] for key in CARRIED if key in old}
    old.clear()
    request.session['id'] = str(uuid.uuid4())
    await app.storage._create_user_storage(request.session['id'])  # NiceGUI has no public way; tested
    app.storage.user.update(carried)


def hand_over(portal: Portal, token: str, language: str | None, target: str) -> str:
    """From a websocket handler: keep the sign-in for the renewing request and return where to send the browser."""
    ticket = secrets.token_urlsafe(32)
    app.storage.user.pop('token', None)
    app.storage.user[HANDOVER_KEY] = {'digest': _digest(ticket), 'token': token, 'language': language,
                                      'next': target, 'until': (portal.clock() + HANDOVER_TIME).isoformat()}
    return f'{ROUTE}?ticket={ticket}'


def _valid(handover: object, ticket: str, now: datetime) -> bool:
    return isinstance(handover, dict) and bool(ticket) and hmac.compare_digest(handover['digest'], _digest(ticket)) \
        and now < datetime.fromisoformat(handover['until'])


def _digest(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()
