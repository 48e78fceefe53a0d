"""One submitted document for staff (``ROUTE``): the PDF in the page, its facts, and the decision.

The PDF itself comes from ``PDF_ROUTE``, a plain HTTP route: every view and download is audited by the
service, an id the person may not see is 404, and the response allows framing by this origin only.
Registered by ``pages.inbox``.
"""
from collections.abc import Awaitable
from urllib.parse import urlencode

from fastapi import Request, Response
from nicegui import app, ui

from components.core.focus import focus
from components.core.problem import problem
from components.core.status import status_line
from components.documents.decision import decision_buttons, next_button
from components.documents.document_cards import status_badge
from components.documents.pdf_frame import pdf_frame
from pages.core.calls import call
from pages.core.guard import View, current_language, guarded, page_frame, request_actor
from pages.core.params import choice
from portal.core import routes
from portal.core.errors import NotAllowed, PortalError
from portal.core.i18n import Translator, error_message
from portal.core.ids import Id, as_id
from portal.documents import KINDS, InboxFilter, InboxRow, Receipt
from portal.documents.kinds import kind_key
from portal.documents.reasons import REASONS, reason_key
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
    async def inbox_item_page(view: View, submission_id: Id, kind: str = '', customer: str = '') -> None:
        """``kind`` and ``customer`` are the inbox's filter: "next document" stays within it."""
        wanted = InboxFilter(choice(kind, KINDS, ''), '', as_id(customer) if customer else None)
        try:
            row = await call(portal.inbox.open, view.actor, submission_id)
        except PortalError as error:
            with page_frame(view, view.t('inbox.document'), current=INBOX_ROUTE):
                problem(view.t, error, back=view.t('inbox.back'), route=inbox_url(wanted))
            return
        _ItemPage(view, row, wanted).build()

    @app.get(PDF_ROUTE, include_in_schema=False)
    async def inbox_pdf(request: Request, submission_id: Id, download: str = '') -> Response:
        actor, number = await request_actor(portal), submission_id
        try:
            if actor is None:  # signed out: refused as the service refuses anyone who may not see it
                raise NotAllowed()
            pdf = await portal.inbox.pdf(actor, number)
        except PortalError as error:
            t = Translator(current_language(request, portal.settings.default_language))
            return Response(error_message(t, error), status_code=404, media_type='text/plain; charset=utf-8',
                            headers=PDF_HEADERS)
        disposition = 'attachment' if download else 'inline'
        return Response(pdf, media_type='application/pdf', headers=PDF_HEADERS | {
            'Content-Disposition': f'{disposition}; filename="document-{number}.pdf"'})


def item_url(submission_id: int, wanted: InboxFilter | None = None) -> str:
    """The document's page; the inbox's filter goes along, for "next document" and the way back."""
    return routes.inbox_item(submission_id) + _query(wanted)


def inbox_url(wanted: InboxFilter | None = None) -> str:
    return INBOX_ROUTE + _query(wanted)


def pdf_url(submission_id: int, *, download: bool = False) -> str:
    return PDF_ROUTE.format(submission_id=submission_id) + ('?download=1' if download else '')


def _query(wanted: InboxFilter | None) -> str:
    if wanted is None:
        return ''
    pairs = {'kind': wanted.kind, 'customer': wanted.customer_id or ''}
    return '?' + urlencode({name: value for name, value in pairs.items() if value}) if any(pairs.values()) else ''


class _ItemPage:
    """One document beside its facts and the decision (stacked on a phone); keeps the version it was opened
    with, so a decision made meanwhile is a Conflict."""

    facts: ui.element  # made by ``build``
    status: ui.label
    next: ui.button

    def __init__(self, view: View, row: InboxRow, wanted: InboxFilter) -> None:
        self.view, self.row, self.wanted = view, row, wanted

    def build(self) -> None:
        t, submission = self.view.t, self.row.submission
        with page_frame(self.view, t(kind_key(submission.kind)), current=INBOX_ROUTE, wide=True):
            ui.link(t('inbox.back'), inbox_url(self.wanted)).classes('text-body1 self-start').mark('back-to-inbox')
            with ui.element('div').classes('portal-beside'):
                with ui.card().classes('portal-card').mark('document'):
                    pdf_frame(pdf_url(submission.id), title=t('inbox.pdf_title', number=submission.id),
                              open_label=t('inbox.open_pdf'), download_label=t('inbox.download'),
                              download_src=pdf_url(submission.id, download=True), hint=t('inbox.pdf_hint'),
                              heading=t('inbox.document'))
                with ui.element('div').classes('column gap-4 w-full'):
                    self._facts_card()
                    self._decision_card()

    def _facts_card(self) -> None:
        with ui.card().classes('portal-card'):
            ui.label(self.view.t('inbox.facts')).classes('text-h6').props('role=heading aria-level=2')
            self.facts = ui.element('div').classes('column gap-1 w-full')
            self._show_facts()

    def _decision_card(self) -> None:
        t = self.view.t
        with ui.card().classes('portal-card').mark('decision'):
            ui.label(t('inbox.decision')).classes('text-h6').props('role=heading aria-level=2')
            decision_buttons(t=t, reasons=REASONS, on_accept=self.on_accept, on_ask_again=self.on_ask_again)
            self.status = status_line()
            self.next = next_button(t=t, on_next=self.on_next)

    def _show_facts(self) -> None:
        t, row, submission = self.view.t, self.row, self.row.submission
        self.facts.clear()
        with self.facts:
            ui.link(f'{row.customer_name} · {row.customer_number}', routes.customer(submission.customer_id))
            ui.label(t('inbox.row_facts', sheets=t.number(submission.sheet_count),
                       time=t.datetime(submission.submitted_at, 'short'))).classes('text-body1')
            if submission.note:
                ui.label(f'{t("documents.field.note")}: {submission.note}').classes('text-body1').props('dir=auto')
            status_badge(submission, t=t).classes('self-start')
            if submission.decided_at is not None:
                ui.label(t('inbox.decided_line', time=t.datetime(submission.decided_at, 'short'))).classes(
                    'text-body2')
            if submission.reason_code:
                ui.label(t('inbox.reason_line', reason=t(reason_key(submission.reason_code)))).classes(
                    'text-body1').mark('reason-shown')
            if submission.reason:
                ui.label(t('inbox.note_line', note=submission.reason)).classes('text-body1').props(
                    'dir=auto').mark('note-shown')

    async def on_accept(self) -> None:
        view, submission = self.view, self.row.submission
        await self._decided(call(view.portal.inbox.accept, view.actor, submission.id, version=submission.version),
                            'inbox.accepted')

    async def on_ask_again(self, code: str, note: str) -> bool:
        view, submission = self.view, self.row.submission
        return await self._decided(call(view.portal.inbox.ask_again, view.actor, submission.id, note,
                                        version=submission.version, code=code), 'inbox.asked')

    async def on_next(self) -> None:
        view = self.view
        following = await call(view.portal.inbox.next_to_handle, view.actor, self.wanted, self.row.submission.id)
        if following is None:
            view.tell(view.t('inbox.none_left'), kind='info', status=self.status)
        else:
            ui.navigate.to(item_url(following, self.wanted))

    async def _decided(self, decision: Awaitable[Receipt], done: str) -> bool:
        """Await the decision; show it and offer the next document, or the error (Conflict when someone else
        decided first)."""
        try:
            receipt = await decision
        except PortalError as error:
            self.view.fail(error)
            return False
        self.row = InboxRow(receipt, self.row.customer_name, self.row.customer_number)
        self._show_facts()
        self.view.tell(self.view.t(done), status=self.status)
        focus(self.next)
        return True
