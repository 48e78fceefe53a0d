"""Error pages in the person's language and the portal's frame, with a way home: an address that leads nowhere
(404) and a page that broke (500). The status codes stay; API routes (``/api/...``) and other plain HTTP routes
keep answering in JSON.

NiceGUI 3.18 offers three hooks, all used here: ``app.on_page_exception`` builds the page shown when a page's
builder raises (synchronous, inside that request's context, so the browser's language is at hand); a FastAPI
exception handler for 404 replaces NiceGUI's English "This page doesn't exist"; and one for ``Exception``
answers a failing plain route (NiceGUI's own would re-raise, leaving the server's bare "Internal Server Error").
"""
from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from nicegui import Client, app, ui
from nicegui.page import page
from starlette.exceptions import HTTPException

from pages.core.guard import View, apply_language, current_language, page_frame, request_actor
from portal.core import routes
from portal.core.i18n import Translator, best_match
from portal.identity.roles import Actor
from portal.services import Portal

API = '/api/'
NO_STORE = {'Cache-Control': 'no-store'}


def register(portal: Portal) -> None:
    async def not_found(request: Request, exception: Exception) -> Response:
        if request.url.path.startswith(API):  # answered like the API's own refusals
            t = Translator(current_language(request, portal.settings.default_language))
            return JSONResponse({'message': t('error.not_found')}, status_code=404, headers=NO_STORE)
        if _is_route(request) and isinstance(exception, HTTPException):
            return await http_exception_handler(request, exception)
        actor = await request_actor(portal)
        with Client(page(''), request=request) as client:
            _error_page(portal, request, actor, 'not_found')
        return client.build_response(request, 404)

    def broken_page() -> None:
        """Inside the failed page's request; NiceGUI logs the exception and answers 500 with what is built here.
        No navigation: finding out who is looking would need the database, which may be what failed."""
        client = ui.context.client
        _error_page(portal, client.request, None, 'server')

    async def broken_route(request: Request, _exception: Exception) -> Response:
        """Outside every middleware (the browser's storage is out of reach): the language of the browser."""
        t = Translator(best_match(request.headers.get('accept-language', ''), portal.settings.default_language))
        if request.url.path.startswith(API):
            return JSONResponse({'message': t('error.generic')}, status_code=500, headers=NO_STORE)
        return PlainTextResponse(t('errors.server_text'), status_code=500, headers=NO_STORE)

    app.add_exception_handler(404, not_found)
    app.add_exception_handler(Exception, broken_route)
    app.on_page_exception(broken_page)


def _is_route(request: Request) -> bool:
    """A plain HTTP route (not a page) that answered 404 itself, e.g. NiceGUI's resources."""
    endpoint = request.scope.get('endpoint')
    return endpoint is not None and endpoint is not app and not request.scope.get('nicegui_page_path')


def _error_page(portal: Portal, request: Request, actor: Actor | None, kind: str) -> None:
    t = Translator(current_language(request, portal.settings.default_language))
    apply_language(t)
    view = View(portal, actor, t, request, ui.context.client)
    with page_frame(view, t(f'errors.{kind}_title'), current=''):
        ui.label(t(f'errors.{kind}_text')).classes('text-body1').mark('error-text')
        ui.link(t('errors.home'), routes.HOME).classes('text-body1').mark('error-home')
