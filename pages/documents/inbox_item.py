"""One submitted document for staff (``ROUTE``): the PDF in the page, its facts, and the decision.

The PDF itself comes from ``PDF_ROUTE``, a plain HTTP route: every view and download is audited by the
service, an id the person may not see is 404, and the response allows framing by this origin only.
Registered by ``pages.inbox``.
"""
from collections.abc import Awaitable

from fastapi import Request, Response
from nicegui import app, run, ui

from components.core.problem import problem
from components.documents.decision import decision_buttons
from components.documents.inbox_list import status_chip
from components.documents.pdf_frame import pdf_frame
from pages.core.guard import View, current_language, guarded, page_frame, request_actor
from portal.core import routes
from portal.core.errors import PortalError
from portal.core.i18n import Translator, error_message
from portal.documents import InboxRow, Receipt
from portal.documents.kinds import kind_key
from portal.identity.roles import Role
from portal.services import Portal

INBOX_ROUTE = routes.INBOX
ROUTE = routes.INBOX_ITEM
PDF_ROUTE = routes.INBOX_PDF
HANDLERS = frozenset({Role.CASEWORKER, Role.ADMIN})
PDF_HEADERS = {
    'Cache-Control': 'no-store',
    # replaces the app-wide CSP and X-Frame-Options (frame-ancestors 'none', DENY): our own page frames it
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'self'",
    'X-Frame-Options': 'SAMEORIGIN',
}


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=HANDLERS, title='Dokument')
    async def inbox_item_page(view: View, submission_id: str) -> None:
        try:
            row = await run.io_bound(portal.inbox.open, view.actor, identifier(submission_id))
        except PortalError as error:
            with page_frame(view, view.t('inbox.document'), current=INBOX_ROUTE):
                problem(view.t, error, back=view.t('inbox.back'), route=INBOX_ROUTE)
            return
        _ItemPage(view, row).build()

    @app.get(PDF_ROUTE, include_in_schema=False)
    async def inbox_pdf(request: Request, submission_id: str, download: str = '') -> Response:
        actor, number = await request_actor(portal), identifier(submission_id)
        try:
            name = await run.io_bound(portal.inbox.pdf_file, actor, number)
        except PortalError as error:
            t = Translator(current_language(request, portal.settings.default_language))
            return Response(error_message(t, error), status_code=404, media_type='text/plain; charset=utf-8',
                            headers=PDF_HEADERS)
        disposition = 'attachment' if download else 'inline'
        return Response(await portal.store.get_async(name), media_type='application/pdf', headers=PDF_HEADERS | {
            'Content-Disposition': f'{disposition}; filename="document-{number}.pdf"'})


def identifier(text: str) -> int:
    """A tampered id is simply an id nobody has (0), so it ends in the same "not found" as a foreign one."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else 0


def item_url(submission_id: int) -> str:
    return ROUTE.format(submission_id=submission_id)


def pdf_url(submission_id: int, *, download: bool = False) -> str:
    return PDF_ROUTE.format(submission_id=submission_id) + ('?download=1' if download else '')


class _ItemPage:
    """One document; keeps the version it was opened with, so a decision made meanwhile is a Conflict."""

    facts: ui.element  # made by ``build``

    def __init__(self, view: View, row: InboxRow) -> None:
        self.view = view
        self.row = row

    def build(self) -> None:
        t, submission = self.view.t, self.row.submission
        with page_frame(self.view, t(kind_key(submission.kind)), current=INBOX_ROUTE):
            ui.link(t('inbox.back'), INBOX_ROUTE).classes('text-body1')
            with ui.card().classes('portal-card'):
                ui.label(t('inbox.facts')).classes('text-h6').props('role=heading aria-level=2')
                self.facts = ui.element('div').classes('column gap-1 w-full')
                self._show_facts()
            with ui.card().classes('portal-card').mark('decision'):
                ui.label(t('inbox.decision')).classes('text-h6').props('role=heading aria-level=2')
                decision_buttons(t=t, on_accept=self.on_accept, on_ask_again=self.on_ask_again)
            with ui.card().classes('portal-card'):
                ui.label(t('inbox.document')).classes('text-h6').props('role=heading aria-level=2')
                pdf_frame(pdf_url(submission.id), title=t('inbox.pdf_title', number=submission.id),
                          open_label=t('inbox.open_pdf'), download_label=t('inbox.download'),
                          download_src=pdf_url(submission.id, download=True), hint=t('inbox.pdf_hint'))

    def _show_facts(self) -> None:
        t, row, submission = self.view.t, self.row, self.row.submission
        self.facts.clear()
        with self.facts:
            ui.link(f'{row.customer_name} · {row.customer_number}', routes.customer(submission.customer_id))
            ui.label(t('inbox.row_facts', pages=t.number(submission.page_count),
                       time=t.datetime(submission.submitted_at, 'short'))).classes('text-body1')
            if submission.note:
                ui.label(f'{t("documents.field.note")}: {submission.note}').classes('text-body1').props('dir=auto')
            status_chip(submission.status, t=t)
            if submission.decided_at is not None:
                ui.label(t('inbox.decided_line', time=t.datetime(submission.decided_at, 'short'))).classes(
                    'text-body2')
            if submission.reason:
                ui.label(t('inbox.reason_line', reason=submission.reason)).classes('text-body1').props(
                    'dir=auto').mark('reason-shown')

    async def on_accept(self) -> None:
        view, submission = self.view, self.row.submission
        await self._decided(run.io_bound(view.portal.inbox.accept, view.actor, submission.id,
                                         version=submission.version), 'inbox.accepted')

    async def on_ask_again(self, reason: str) -> bool:
        view, submission = self.view, self.row.submission
        return await self._decided(run.io_bound(view.portal.inbox.ask_again, view.actor, submission.id, reason,
                                                version=submission.version), 'inbox.asked')

    async def _decided(self, call: Awaitable[Receipt], done: str) -> bool:
        """Await the decision; show it, or the error (Conflict when someone else decided first)."""
        try:
            receipt = await call
        except PortalError as error:
            self.view.fail(error)
            return False
        self.row = InboxRow(receipt, self.row.customer_name, self.row.customer_number)
        self._show_facts()
        self.view.tell(self.view.t(done))
        return True
