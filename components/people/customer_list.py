"""Search results: one card per customer, stacked on a phone and two abreast on a desktop."""
from collections.abc import Callable

from nicegui import ui

from portal.core.i18n import Translator
from portal.people.views import CustomerView


def customer_list(customers: list[CustomerView], *, t: Translator, link: Callable[[int], str],
                  limit: int | None = None) -> ui.element:
    """Each card links to ``link(customer.id)``; ``limit`` says the list was cut off there."""
    with ui.element('div').classes('column gap-2 w-full').mark('results') as root:
        if not customers:
            ui.label(t('customers.none_found')).classes('text-body1')
            return root
        ui.label(t('customers.found', count=t.number(len(customers)))).classes('text-body2').props(
            'role=status')
        if limit is not None and len(customers) >= limit:
            ui.label(t('customers.more_than', limit=t.number(limit))).classes('text-body2')
        with ui.element('ul').classes('grid grid-cols-1 md:grid-cols-2 gap-2 w-full q-pa-none').style(
                'list-style: none'):
            for customer in customers:
                with ui.element('li'), ui.card().classes('portal-card q-pa-md gap-1').mark('customer-card'):
                    customer_summary(customer, t=t, href=link(customer.id))
    return root


def customer_summary(customer: CustomerView, *, t: Translator, href: str) -> None:
    """Name (a link to ``href``), customer number, date of birth, town and the U25 badge."""
    ui.link(f'{customer.last_name}, {customer.first_name}', href).classes(
        'block q-py-sm text-subtitle1 text-weight-medium')
    ui.label(t('customers.number_line', number=customer.customer_number)).classes('text-body2').props('dir=auto')
    ui.label(t('customers.born_line', date=t.date(customer.date_of_birth))).classes('text-body2')
    if customer.city:
        ui.label(f'{customer.postcode} {customer.city}'.strip()).classes('text-body2')
    if customer.u25:
        ui.badge('U25').props('color=secondary').classes('self-start')
