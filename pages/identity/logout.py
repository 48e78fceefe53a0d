"""Sign out: end the session on the server, give the browser a new session id, go to the login.

Only by POST from the portal's own pages (the Origin, or else the Referer, is the configured public URL): a GET
(an image tag on another site, a link in an e-mail) must not sign anyone out. A GET shows a page with the
sign-out button instead; a POST from elsewhere is sent there too.
"""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from components.identity.sign_out import sign_out_form
from pages.core.calls import call
from pages.core.guard import PUBLIC, View, guarded, page_frame
from pages.identity.renewal import renew
from portal.core import routes
from portal.core.web import same_origin
from portal.services import Portal

ROUTE = routes.LOGOUT


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=PUBLIC, title='Abmelden')
    async def logout_page(view: View) -> RedirectResponse | None:
        if view.visitor is None:
            return RedirectResponse(routes.LOGIN, status_code=303)
        with page_frame(view, view.t('logout.title'), current=ROUTE):
            ui.label(view.t('logout.explain')).classes('text-body1')
            sign_out_form(view.t('more.sign_out'), action=ROUTE)
        return None

    @app.post(ROUTE, include_in_schema=False)  # after the page: registering a page removes its path's routes
    async def sign_out(request: Request) -> RedirectResponse:
        if not same_origin(request.headers, portal.settings.origin):
            return RedirectResponse(ROUTE, status_code=303)
        await call(portal.auth.logout, app.storage.user.get('token'))
        await renew(request)
        return RedirectResponse(routes.LOGIN, status_code=303)
