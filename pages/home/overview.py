"""The home page: for customers their card number and office, for staff their teams and queues."""
from nicegui import run, ui

from components.documents.document_cards import notice_text
from components.people.office import office_card
from components.shell.frame import NavItem
from pages.core.guard import EVERYONE_SIGNED_IN, NAVIGATION, View, guarded, page_frame
from portal.core import routes
from portal.documents import NotificationView, RequestView
from portal.identity.roles import CUSTOMER_ROLES, Role
from portal.services import Portal

ROUTE = routes.HOME
REQUEST_NOTICE = 'documents.notice.request'
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
    home = await run.io_bound(view.portal.home.for_customer, view.actor)
    requests = await run.io_bound(view.portal.documents.open_requests, view.actor)
    notices = await run.io_bound(view.portal.documents.notifications, view.actor, unread_only=True)
    notices = [notice for notice in notices if notice.key != REQUEST_NOTICE]  # requests are listed with due dates
    with page_frame(view, t('home.hello', name=home.first_name), current=ROUTE):
        with ui.card().classes('portal-card'):
            ui.label(t('home.your_number')).classes('text-subtitle2')
            ui.label(home.customer_number).classes('text-h6 font-mono').mark('customer-number')
            ui.label(t('home.your_team', team=home.team_name)).classes('text-body1')
            ui.button(t('home.show_card'), icon='qr_code_2').props(f'unelevated no-caps href="{routes.CARD}"')
        _documents(view, requests, notices)
        office_card(home.location, t=t, heading=t('home.your_office'))


def _documents(view: View, requests: list[RequestView], notices: list[NotificationView]) -> None:
    """Open document requests with their due dates, and unread news such as "please send again"."""
    if not requests and not notices:
        return
    t = view.t
    with ui.card().classes('portal-card').mark('home-documents'):
        ui.label(t('nav.documents')).classes('text-h6').props('role=heading aria-level=2')
        for notice in notices:
            with ui.row().classes('items-start no-wrap gap-2'):
                ui.icon('campaign', size='sm').classes('text-accent')
                ui.label(notice_text(notice, t=t)).classes('text-body1')
        for request in requests:
            ui.label(t('capture.request_line', kind=t(f'documents.kind.{request.kind}'),
                       date=t.date(request.due_on))).classes('text-body1').mark(f'home-request-{request.id}')
        ui.button(t('capture.to_documents'), icon='description').style('text-decoration: none').props(
            f'unelevated no-caps href="{routes.DOCUMENTS}"').classes('w-full').mark('to-documents')


async def _staff_home(view: View) -> None:
    t = view.t
    home = await run.io_bound(view.portal.home.for_staff, view.actor)
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
            with ui.card().classes('portal-card').mark('admin-figures'):
                ui.label(t('home.figures')).classes('text-h6').props('role=heading aria-level=2')
                ui.label(t('home.customers_total', count=t.number(home.customers_total)))
                ui.label(t('home.staff_total', count=t.number(home.staff_total)))
                ui.label(t('home.without_password', count=t.number(home.accounts_without_password)))
        if home.location is not None:
            office_card(home.location, t=t, heading=t('home.your_office'))
