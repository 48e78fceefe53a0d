"""The audit log, for admins: who read or changed which customer's data, and when."""
from nicegui import run, ui

from components.audit_list import audit_filter, audit_list
from components.frame import NavItem
from pages.guard import NAVIGATION, View, guarded, page_frame
from portal.audit import PAGE_SIZE, AuditFilter
from portal.errors import PortalError
from portal.roles import Role
from portal.services import Portal

ROUTE = '/admin/audit'
ADMINS = frozenset({Role.ADMIN})
NAVIGATION.append(NavItem(ROUTE, 'policy', 'nav.audit', ADMINS, 80))


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=ADMINS, title='Protokoll')
    async def audit_page(view: View, customer: str = '') -> None:
        """``customer`` (a customer number) comes from the link on a customer's page."""
        t = view.t
        actions = await run.io_bound(portal.audit_log.actions, view.actor)
        number = customer.strip()[:20]
        with page_frame(view, t('nav.audit'), current=ROUTE):
            ui.label(t('audit.explain')).classes('text-body1')

            async def on_filter(wanted: AuditFilter) -> None:
                try:
                    rows = await run.io_bound(portal.audit_log.entries, view.actor, wanted)
                except PortalError as error:
                    view.fail(error)
                    return
                results.clear()
                with results:
                    audit_list(rows, t=t, customer_link=lambda key: f'/admin/customers/{key}', limit=PAGE_SIZE)

            audit_filter(actions, t=t, customer_number=number, on_filter=on_filter)
            results = ui.element('div').classes('w-full')
            await on_filter(AuditFilter(customer_number=number))
