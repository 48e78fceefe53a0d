"""The home page: for customers their card number and office, for staff their teams and queues."""
from nicegui import run, ui

from components.frame import NavItem
from components.office import office_card
from pages.guard import EVERYONE_SIGNED_IN, NAVIGATION, View, guarded, page_frame
from portal.roles import CUSTOMER_ROLES, Role
from portal.services import Portal

ROUTE = '/'
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
    with page_frame(view, t('home.hello', name=home.first_name), current=ROUTE):
        with ui.card().classes('portal-card'):
            ui.label(t('home.your_number')).classes('text-subtitle2')
            ui.label(home.customer_number).classes('text-h6 font-mono').mark('customer-number')
            ui.label(t('home.your_team', team=home.team_name)).classes('text-body1')
            ui.button(t('home.show_card'), icon='qr_code_2').props('unelevated no-caps href="/card"')
        office_card(home.location, t=t, heading=t('home.your_office'))


async def _staff_home(view: View) -> None:
    t = view.t
    home = await run.io_bound(view.portal.home.for_staff, view.actor)
    with page_frame(view, t('home.hello', name=view.actor.name), current=ROUTE):
        if home.teams:
            with ui.card().classes('portal-card'):
                ui.label(t('home.your_teams')).classes('text-h6').props('role=heading aria-level=2')
                for count in home.teams:
                    ui.label(t('home.team_customers', team=count.team.name, count=t.number(count.customers)))
                ui.button(t('nav.customers'), icon='groups').props('unelevated no-caps href="/admin/customers"')
        if Role.ADMIN in view.actor.roles:
            with ui.card().classes('portal-card').mark('admin-figures'):
                ui.label(t('home.figures')).classes('text-h6').props('role=heading aria-level=2')
                ui.label(t('home.customers_total', count=t.number(home.customers_total)))
                ui.label(t('home.staff_total', count=t.number(home.staff_total)))
                ui.label(t('home.without_password', count=t.number(home.accounts_without_password)))
        if home.location is not None:
            office_card(home.location, t=t, heading=t('home.your_office'))
