"""The document inbox of case workers and admins (``ROUTE``): the documents still to be handled, newest first;
the filters show others by kind and status (``?kind=`` and ``?status=``, '' for all, come from the way back).

With ``?customer=<id>`` (the link on a customer's page) the list shows that customer's documents only, and a
form asks the customer for a proof by a date; their open requests can be withdrawn there. One document's
page is ``pages.inbox_item``, registered from here.
"""
from collections.abc import Awaitable
from datetime import date

from nicegui import ui

from components.core.pager import show_list
from components.core.problem import problem
from components.documents.inbox_list import inbox_filter, inbox_list
from components.documents.request_form import request_form, request_list
from pages.core.calls import call
from pages.core.guard import View, menu_page
from pages.core.params import choice
from pages.documents import inbox_item
from pages.documents.inbox_item import HANDLERS, item_url
from portal.core import routes
from portal.core.errors import PortalError
from portal.core.i18n import TIMEZONE
from portal.core.ids import as_id
from portal.documents import KINDS, STATUSES, InboxFilter, RequestView
from portal.documents.kinds import RECEIVED
from portal.people.views import CustomerView
from portal.services import Portal

ROUTE = inbox_item.INBOX_ROUTE


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=HANDLERS, label='nav.inbox', icon='inbox', order=15)
    async def inbox_page(view: View, customer: str = '', kind: str = '', status: str | None = None) -> None:
        wanted = InboxFilter(choice(kind, KINDS, ''), choice(status, STATUSES, RECEIVED),
                             as_id(customer) if customer else None)
        if wanted.customer_id is not None and not await _CustomerRequests(view, wanted.customer_id).build():
            return
        await _inbox(view, wanted)

    inbox_item.register(portal)


async def _inbox(view: View, wanted: InboxFilter) -> None:
    with ui.card().classes('portal-card'):
        ui.label(view.t('inbox.explain')).classes('text-body1')
        ui.label(view.t('inbox.filter_title')).classes('text-h6').props('role=heading aria-level=2')
        results = _Results(view, wanted)
        inbox_filter(kinds=KINDS, statuses=STATUSES, t=view.t, kind=wanted.kind, status=wanted.status,
                     on_filter=results.on_filter)
    results.place()
    await results.show(results.wanted, 0)


class _Results:
    """The filtered list, a page at a time. Filters change faster than answers come: only the answer to the
    latest question is shown."""

    element: ui.element  # made by ``place``

    def __init__(self, view: View, wanted: InboxFilter) -> None:
        self.view, self.wanted, self.asked = view, wanted, 0

    def place(self) -> None:
        self.element = ui.element('div').classes('w-full')

    async def on_filter(self, kind: str, status: str) -> None:
        await self.show(InboxFilter(kind, status, self.wanted.customer_id), 0)

    async def on_move(self, offset: int) -> None:
        await self.show(self.wanted, offset)
        show_list(self.element)  # the pressed button is gone: the person continues at the new entries

    async def show(self, wanted: InboxFilter, offset: int) -> None:
        self.asked += 1
        question = self.asked
        try:
            listing = await call(self.view.portal.inbox.submissions, self.view.actor, wanted, offset)
        except PortalError as error:
            self.view.fail(error)
            return
        if question != self.asked:  # a later question was asked meanwhile: its answer is the one to show
            return
        self.wanted = wanted
        self.element.clear()
        with self.element:
            inbox_list(listing, t=self.view.t, link=lambda number: item_url(number, wanted), on_move=self.on_move)


class _CustomerRequests:
    """One customer's requests for proofs: a form for a new one, and the open ones to withdraw."""

    listing: ui.element  # made by ``build``

    def __init__(self, view: View, customer_id: int) -> None:
        self.view = view
        self.customer_id = customer_id
        self.requests: list[RequestView] = []

    async def build(self) -> bool:
        """Draw the card; False (with the message shown) when the customer is not one of the actor's."""
        t = self.view.t
        try:
            # the requests first: a tampered id is then audited as document.not_found
            requests = await call(self.view.portal.inbox.requests, self.view.actor, self.customer_id)
            customer = await call(self.view.portal.customers.get, self.view.actor, self.customer_id)
        except PortalError as error:
            problem(t, error, back=t('inbox.show_all'), route=ROUTE)
            return False
        self.requests = requests
        self._heading(customer)
        with ui.card().classes('portal-card').mark('requests'):
            ui.label(t('inbox.requests_title')).classes('text-h6').props('role=heading aria-level=2')
            request_form(kinds=KINDS, t=t, today=_today(self.view), on_request=self.on_request)
            ui.label(t('inbox.open_requests')).classes('text-subtitle1 text-weight-medium q-mt-md').props(
                'role=heading aria-level=3')
            self.listing = ui.element('div').classes('w-full')
            self._show_requests()
        return True

    def _heading(self, customer: CustomerView) -> None:
        t, name = self.view.t, f'{customer.first_name} {customer.last_name}'
        ui.label(t('inbox.only_customer', name=name, number=customer.customer_number)).classes(
            'text-subtitle1').props('dir=auto').mark('only-customer')
        with ui.row().classes('gap-4'):
            ui.link(t('inbox.customer_page'), routes.customer(customer.id)).classes('text-body1')
            ui.link(t('inbox.show_all'), ROUTE).classes('text-body1')

    def _show_requests(self) -> None:
        self.listing.clear()
        with self.listing:
            request_list(self.requests, t=self.view.t, on_cancel=self.on_cancel)

    async def on_request(self, kind: str, due_on: date | None, message: str) -> bool:
        view = self.view
        if not kind:
            ui.notify(view.t('inbox.choose_kind'), type='negative', position='top')
            return False
        return await self._changed(call(view.portal.inbox.request, view.actor, self.customer_id, kind,
                                                due_on, message), 'inbox.requested')

    async def on_cancel(self, request_id: int) -> None:
        view = self.view
        await self._changed(call(view.portal.inbox.cancel_request, view.actor, request_id),
                            'inbox.cancelled')

    async def _changed(self, change: Awaitable[RequestView], done: str) -> bool:
        """Await the change; put the request it returns into the list, or show the error."""
        try:
            changed = await change
        except PortalError as error:
            self.view.fail(error)
            return False
        self.requests = [changed, *(request for request in self.requests if request.id != changed.id)]
        self._show_requests()
        self.view.tell(self.view.t(done))
        return True


def _today(view: View) -> date:
    return view.portal.clock().astimezone(TIMEZONE).date()
