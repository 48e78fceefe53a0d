"""The audit log, for admins: who read or changed which customer's data, and when."""
from nicegui import ui

from components.audit.entries import audit_filter, audit_list
from components.core.pager import show_list
from pages.core.calls import call
from pages.core.guard import ADMINS, View, menu_page
from portal.audit.service import AuditFilter
from portal.core import routes
from portal.core.errors import PortalError
from portal.services import Portal

ROUTE = routes.AUDIT


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=ADMINS, label='nav.audit', icon='policy', order=80)
    async def audit_page(view: View, customer: str = '') -> None:
        """``customer`` (a customer number) comes from the link on a customer's page."""
        actions = await call(portal.audit_log.actions, view.actor)
        number = customer.strip()[:20]
        ui.label(view.t('audit.explain')).classes('text-body1')
        log = _Log(view, AuditFilter(customer_number=number))
        audit_filter(actions, t=view.t, customer_number=number, on_filter=lambda wanted: log.show(wanted, 0))
        log.place()
        await log.show(log.wanted, 0)


class _Log:
    """The entries matching the filter last asked for, a page at a time."""

    element: ui.element  # made by ``place``

    def __init__(self, view: View, wanted: AuditFilter) -> None:
        self.view, self.wanted = view, wanted

    def place(self) -> None:
        self.element = ui.element('div').classes('w-full')

    async def on_move(self, offset: int) -> None:
        await self.show(self.wanted, offset)
        show_list(self.element)  # the pressed button is gone: the person continues at the new entries

    async def show(self, wanted: AuditFilter, offset: int) -> None:
        try:
            listing = await call(self.view.portal.audit_log.entries, self.view.actor, wanted, offset)
        except PortalError as error:
            self.view.fail(error)
            return
        self.wanted = wanted
        self.element.clear()
        with self.element:
            audit_list(listing, t=self.view.t, customer_link=_customer_url, on_move=self.on_move)


def _customer_url(customer_id: int) -> str:
    return routes.customer(customer_id)
