"""The digital customer card: name, customer number and a signed QR code for the front desk."""
import segno
from nicegui import ui

from components.shell.frame import NavItem
from pages.core.calls import call
from pages.core.guard import NAVIGATION, View, guarded, page_frame
from portal.core import routes
from portal.identity.roles import CUSTOMER_ROLES
from portal.services import Portal

ROUTE = routes.CARD
NAVIGATION.append(NavItem(ROUTE, 'badge', 'nav.card', CUSTOMER_ROLES, 10))


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=CUSTOMER_ROLES, title='Kundenkarte')
    async def card_page(view: View) -> None:
        t = view.t
        customer = await call(view.portal.customers.own, view.actor)
        payload = view.portal.card.payload(customer.customer_number)
        with page_frame(view, t('card.title'), current=ROUTE):
            with ui.card().classes('portal-card items-center text-center').mark('customer-card'):
                ui.label(view.portal.settings.district_name).classes('text-subtitle2')
                ui.label(f'{customer.first_name} {customer.last_name}').classes('text-h6')
                ui.label(customer.customer_number).classes('text-h5 font-mono').props('dir=ltr')
                qr = segno.make(payload, error='m')
                ui.image(qr.svg_data_uri(scale=8, border=4)).classes('w-64 h-64').props(
                    f'alt="{t("card.qr_alt", number=customer.customer_number)}"').mark('card-qr')
            ui.label(t('card.explain')).classes('text-body1')
