"""Capturing a document on a persisted draft: live camera with outline, review of each scan, sending.

Everything lives in the draft (a reload or a dropped connection loses nothing). Photos go by HTTP POST to
``pages.documents.uploads`` (never over the websocket); small preview frames come over the websocket and the
outline found in them goes back to the camera. Sending uses the draft's send key, so a double tap, a retry or a
reload after a lost answer never makes a second submission.
"""
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from pages.core.calls import call
from pages.core.guard import View, guarded, page_frame
from pages.documents.capturing import AUTO_KEY, Capture
from pages.documents.overview import ROUTE as DOCUMENTS
from portal.core import routes
from portal.core.errors import NotFound
from portal.core.ids import Id
from portal.identity.roles import CUSTOMER_ROLES
from portal.services import Portal

ROUTE = routes.CAPTURE


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=CUSTOMER_ROLES, title='Dokument aufnehmen')
    async def capture_page(view: View, draft_id: Id, auto: bool | None = None) -> RedirectResponse | None:
        try:
            draft = await call(portal.documents.draft, view.actor, draft_id)
        except NotFound:
            return await _gone(view, draft_id)
        with page_frame(view, view.t('capture.title'), current=DOCUMENTS):
            Capture(view, draft).build(app.storage.user.get(AUTO_KEY, True) if auto is None else auto)
        return None


async def _gone(view: View, draft_id: int) -> RedirectResponse | None:
    """A draft that is gone was sent (then show its receipt) or never was the person's (not found)."""
    try:
        sent = await call(view.portal.documents.sent_from, view.actor, draft_id)
        return RedirectResponse(f'{DOCUMENTS}?receipt={sent.id}', status_code=303)
    except NotFound:
        pass
    ui.context.client.status_code = 404
    with page_frame(view, view.t('capture.title'), current=DOCUMENTS):
        ui.label(view.t('error.not_found')).classes('text-body1').mark('not-found')
        ui.link(view.t('capture.to_documents'), DOCUMENTS).classes('text-body1')
    return None
