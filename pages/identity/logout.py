"""Sign out: end the session on the server, forget the token in this browser."""
from fastapi.responses import RedirectResponse
from nicegui import app, run

from pages.core.guard import PUBLIC, View, guarded
from portal.core import routes
from portal.services import Portal

ROUTE = routes.LOGOUT


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=PUBLIC, title='Abmelden')
    async def logout_page(view: View) -> RedirectResponse:
        await run.io_bound(view.portal.auth.logout, app.storage.user.get('token'))
        app.storage.user.pop('token', None)
        return RedirectResponse(routes.LOGIN, status_code=303)
