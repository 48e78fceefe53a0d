"""The home page: for customers what to do next, how to reach their case worker and office, and their number;
for staff their teams and queues."""
from nicegui import ui

from components.core.busy import busy_button
from components.documents.document_cards import notice_text
from components.people.office import contact_card, office_card
from components.shell.frame import NavItem
from pages.core.calls import call
from pages.core.guard import EVERYONE_SIGNED_IN, NAVIGATION, View, guarded, page_frame
from portal.chat.views import ConversationView
from portal.core import routes
from portal.core.errors import PortalError
from portal.core.i18n import Translator
from portal.documents import Receipt
from portal.documents.kinds import kind_key
from portal.documents.reasons import reason_key
from portal.home.next_steps import NextSteps
from portal.home.service import StaffHome
from portal.identity.roles import CUSTOMER_ROLES, Role
from portal.services import Portal

ROUTE = routes.HOME
NAVIGATION.append(NavItem(ROUTE, 'home', 'nav.home', EVERYONE_SIGNED_IN, 0))


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=EVERYONE_SIGNED_IN, title='Start')
    async def home_page(view: View) -> None:
        if view.actor.has_any(CUSTOMER_ROLES):
            await _customer_home(view)
        else:
            await _staff_home(view)


async def _customer_home(view: View) -> None:
    t = view.t
    home = await call(view.portal.home.for_customer, view.actor)
    conversations = await call(view.portal.chat.conversations, view.actor)
    with page_frame(view, t('home.hello', name=home.first_name), current=ROUTE):
        _new_messages(view, [each for each in conversations if each.unread])
        _next_steps(view, home.next)
        contact_card(home.contact, t=t)
        with ui.card().classes('portal-card'):
            ui.label(t('home.your_number')).classes('text-subtitle2')
            ui.label(home.customer_number).classes('text-h6 font-mono').props('dir=ltr').mark('customer-number')
            ui.button(t('home.show_card'), icon='qr_code_2').props(f'unelevated no-caps href="{routes.CARD}"')


def _new_messages(view: View, unread: list[ConversationView]) -> None:
    """Messages from the job centre not read yet, each with a link to its conversation."""
    if not unread:
        return
    t = view.t
    with ui.card().classes('portal-card bg-amber-1').props('flat bordered role=status').mark('new-messages'):
        for conversation in unread:
            text = t('chat.citizen.home_one') if conversation.unread == 1 else t(
                'chat.citizen.home_many', count=t.number(conversation.unread))
            ui.label(text).classes('text-body1 text-weight-medium')
            ui.label(t(f'chat.concern.{conversation.concern}')).classes('text-body2')
            ui.button(t('chat.citizen.home_open'), icon='forum').props(
                f'unelevated no-caps href="{routes.chat_conversation(conversation.id)}"').classes('w-full').mark(
                f'home-chat-{conversation.id}')


def _next_steps(view: View, steps: NextSteps) -> None:
    """What to do now, each with a button that does it: send again, send what was asked for, read the news."""
    t = view.t
    with ui.card().classes('portal-card').mark('next-steps'):
        ui.label(t('home.next')).classes('text-h6').props('role=heading aria-level=2')
        if steps.nothing:
            ui.label(t('home.nothing_next')).classes('text-body1').mark('nothing-next')
        for item in steps.send_again:
            _step(t('documents.notice.resubmit', kind=t(kind_key(item.receipt.kind)), reason=_reason(t, item.receipt)),
                  t('capture.request_due', date=t.date(item.due_on)) if item.due_on else '',
                  f'send-again-{item.receipt.id}')
            _start_button(view, t('capture.send_again'), item.receipt.kind, item.request_id,
                          f'home-send-again-{item.receipt.id}')
        for request in steps.requests:
            _step(t('capture.request_line', kind=t(kind_key(request.kind)), date=t.date(request.due_on)),
                  request.message, f'home-request-{request.id}')
            _start_button(view, t('capture.send_now'), request.kind, request.id, f'home-send-request-{request.id}')
        for notice in steps.notices:  # read on the documents page, where they count as read
            _step(notice_text(notice, t=t), '', f'home-notice-{notice.id}')
            ui.button(t('home.show_notice'), icon='campaign').props(
                f'unelevated no-caps href="{routes.DOCUMENTS}"').classes('w-full').mark(f'show-notice-{notice.id}')
        if not steps.nothing:
            ui.button(t('capture.to_documents'), icon='description').props(
                f'outline no-caps href="{routes.DOCUMENTS}"').classes('w-full').mark('to-documents')


def _reason(t: Translator, receipt: Receipt) -> str:
    """The standard reason in the reader's language; else staff's own words, as written (German)."""
    return t(reason_key(receipt.reason_code)) if receipt.reason_code else t.embedded(receipt.reason)


def _step(text: str, detail: str, marker: str) -> None:
    with ui.column().classes('w-full gap-0 q-mt-sm').mark(marker):
        ui.label(text).classes('text-body1 text-weight-medium')
        if detail:
            ui.label(detail).classes('text-body2')


def _start_button(view: View, text: str, kind: str, request_id: int | None, marker: str) -> None:
    async def on_start() -> None:
        try:
            draft = await call(view.portal.documents.start, view.actor, kind, '', request_id)
        except PortalError as error:
            view.fail(error)
            return
        ui.navigate.to(routes.capture(draft.id))
    busy_button(text, icon='photo_camera', on_click=on_start, props='unelevated no-caps').classes('w-full') \
        .mark(marker)


async def _staff_home(view: View) -> None:
    t = view.t
    home = await call(view.portal.home.for_staff, view.actor)
    with page_frame(view, t('home.hello', name=view.actor.name), current=ROUTE):
        if home.teams:
            with ui.card().classes('portal-card'):
                ui.label(t('home.your_teams')).classes('text-h6').props('role=heading aria-level=2')
                for count in home.teams:
                    ui.label(t('home.team_customers', team=count.team.name, count=t.number(count.customers)))
                    ui.label(t('home.team_new_documents', count=t.number(count.new_documents))).classes(
                        'text-weight-medium' if count.new_documents else '').mark('new-documents')
                with ui.row().classes('gap-2'):
                    ui.button(t('nav.inbox'), icon='inbox').props(f'unelevated no-caps href="{routes.INBOX}"')
                    ui.button(t('nav.customers'), icon='groups').props(f'outline no-caps href="{routes.CUSTOMERS}"')
        if Role.ADMIN in view.actor.roles:
            _admin_figures(t, home)
        if home.location is not None:
            office_card(home.location, t=t, heading=t('home.your_office'))


def _admin_figures(t: Translator, home: StaffHome) -> None:
    with ui.card().classes('portal-card').mark('admin-figures'):
        ui.label(t('home.figures')).classes('text-h6').props('role=heading aria-level=2')
        for key, total in (('home.customers_total', home.customers_total), ('home.staff_total', home.staff_total),
                           ('home.without_password', home.accounts_without_password)):
            if total is not None:  # the service counts them for admins only
                ui.label(t(key, count=t.number(total)))
