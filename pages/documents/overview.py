"""The customer's documents: news, requested proofs, a new document, unfinished drafts and sent documents.

Each sent document opens its receipt (``?receipt=<id>`` opens one directly, as after sending). Unread
notices are shown once at the top and then marked read.
"""
from nicegui import ui

from components.core.busy import busy_button
from components.documents.document_cards import notice_text, receipt_card, request_card
from components.shell.frame import NavItem
from pages.core.calls import call
from pages.core.guard import NAVIGATION, View, guarded, page_frame
from portal.core import routes
from portal.core.errors import PortalError
from portal.core.ids import Id
from portal.documents import KINDS, DocumentsOverview, DraftView, NotificationView, Receipt, RequestView
from portal.documents.kinds import kind_key
from portal.documents.views import to_send_again
from portal.identity.roles import CUSTOMER_ROLES
from portal.services import Portal

ROUTE = routes.DOCUMENTS
NAVIGATION.append(NavItem(ROUTE, 'description', 'nav.documents', CUSTOMER_ROLES, 20))


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=CUSTOMER_ROLES, title='Dokumente')
    async def documents_page(view: View, receipt: Id | None = None, sent: bool = False) -> None:
        overview = await call(portal.documents.overview, view.actor)
        unread = [notice for notice in overview.notifications if notice.read_at is None]
        with page_frame(view, view.t('capture.documents_title'), current=ROUTE):
            if sent:
                _sent(view, next((each for each in overview.submissions if each.id == receipt), None))
            _notices(view, unread)
            _requests(view, overview.requests)
            _new_document(view)
            _drafts(view, overview.drafts)
            _submissions(view, overview, receipt)
        if unread:  # shown now: the next visit no longer lists them as news
            await call(portal.documents.mark_read, view.actor, *(notice.id for notice in unread))


def _sent(view: View, receipt: Receipt | None) -> None:
    """Right after sending: the document has arrived, and its receipt is below."""
    if receipt is None:
        return
    t = view.t
    with ui.card().classes('portal-card bg-green-1').props('flat bordered role=status').mark('sent-ok'):
        with ui.row().classes('items-start no-wrap gap-2'):
            ui.icon('check_circle', size='md').classes('text-positive')
            with ui.column().classes('gap-1'):
                ui.label(t('capture.sent_ok')).classes('text-subtitle1 text-weight-medium')
                ui.label(t('capture.sent_detail', kind=t(kind_key(receipt.kind)),
                           time=t.datetime(receipt.submitted_at, 'short'))).classes('text-body1')


def _heading(text: str) -> None:
    ui.label(text).classes('text-h6').props('role=heading aria-level=2')


def _notices(view: View, unread: list[NotificationView]) -> None:
    if not unread:
        return
    with ui.column().classes('w-full gap-2').props('role=status').mark('notices'):
        _heading(view.t('capture.notices'))
        for notice in unread:
            with ui.card().classes('portal-card bg-amber-1').props('flat bordered'):
                with ui.row().classes('items-start no-wrap gap-2'):
                    ui.icon('campaign', size='md').classes('text-accent')
                    ui.label(notice_text(notice, t=view.t)).classes('text-body1')


def _requests(view: View, requests: tuple[RequestView, ...]) -> None:
    if not requests:
        return
    _heading(view.t('capture.requests'))
    for request in requests:
        async def on_send(request: RequestView = request) -> None:
            await _start(view, request.kind, '', request.id)
        request_card(request, t=view.t, on_send=on_send)


def _new_document(view: View) -> None:
    t = view.t
    with ui.card().classes('portal-card'):
        _heading(t('capture.new'))
        kind = ui.select({code: t(f'documents.kind.{code}') for code in KINDS}, label=t('documents.receipt.kind'),
                         value=None).props('outlined').classes('w-full').mark('kind')
        note = ui.input(t('documents.field.note'), placeholder=t('capture.note_hint')).props(
            'outlined maxlength=500').classes('w-full').mark('note')

        async def on_start() -> None:
            await _start(view, kind.value or '', note.value or '', None)
        busy_button(t('capture.start'), icon='photo_camera', on_click=on_start,
                    props='unelevated no-caps size=lg').classes('w-full').mark('start')


async def _start(view: View, kind: str, note: str, request_id: int | None) -> None:
    try:
        draft = await call(view.portal.documents.start, view.actor, kind, note, request_id)
    except PortalError as error:
        view.fail(error)
        return
    ui.navigate.to(routes.capture(draft.id))


def _drafts(view: View, drafts: tuple[DraftView, ...]) -> None:
    if not drafts:
        return
    t = view.t
    _heading(t('capture.drafts'))
    for draft in drafts:
        with ui.card().classes('portal-card').mark(f'draft-{draft.id}') as card:
            ui.label(t('capture.draft_line', kind=t(f'documents.kind.{draft.kind}'),
                       sheets=t.number(draft.sheet_count))).classes('text-body1')
            with ui.row().classes('w-full gap-2'):
                ui.button(t('capture.continue'), icon='edit').props(
                    f'unelevated no-caps href="{routes.capture(draft.id)}"').classes('col-grow')

                async def on_discard(draft: DraftView = draft, card: ui.card = card) -> None:
                    await _discard(view, draft, card)
                busy_button(t('capture.discard'), icon='delete', on_click=on_discard,
                            props='outline no-caps color=negative').classes('col-grow')


async def _discard(view: View, draft: DraftView, card: ui.card) -> None:
    try:
        await call(view.portal.documents.discard, view.actor, draft.id)
    except PortalError as error:
        view.fail(error)
        return
    card.delete()
    ui.notify(view.t('capture.discarded'), type='positive', position='top')


def _submissions(view: View, overview: DocumentsOverview, opened: int | None) -> None:
    t = view.t
    _heading(t('capture.sent'))
    if not overview.submissions:
        ui.label(t('capture.none_sent')).classes('text-body1')
    again = {receipt.id for receipt in to_send_again(overview.submissions)}
    open_requests = {request.id for request in overview.requests}
    for receipt in overview.submissions:
        async def on_send_again(receipt: Receipt = receipt) -> None:  # answers the reopened request, if still open
            await _start(view, receipt.kind, '', receipt.request_id if receipt.request_id in open_requests else None)
        receipt_card(receipt, t=t, opened=receipt.id == opened, answered=receipt.id not in again,
                     on_send_again=on_send_again if receipt.id in again else None)
    if opened is not None and all(receipt.id != opened for receipt in overview.submissions):
        ui.notify(t('error.not_found'), type='negative', position='top')
    elif opened is not None:
        ui.run_javascript(f'document.getElementById("receipt-{int(opened)}")?.scrollIntoView()')
