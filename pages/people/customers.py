"""Customers for staff: search and create (``ROUTE``), and one customer's master data with the activation
letter (``DETAIL_ROUTE``). Reception may search and read; admins and the case workers of the team edit."""
from urllib.parse import quote

from nicegui import ui

from components.core.busy import busy_button
from components.core.problem import problem
from components.core.status import status_line
from components.identity.letter import activation_letter, letter_translator, print_page
from components.people.customer_form import customer_form
from components.people.customer_list import customer_list
from components.people.duplicate_dialog import duplicate_dialog
from components.people.erase_dialog import erase_dialog
from pages.core.calls import call
from pages.core.guard import View, guarded, menu_page, page_frame
from portal.core import routes
from portal.core.errors import PortalError, PossibleDuplicate
from portal.core.i18n import field_messages
from portal.core.ids import Id
from portal.identity.roles import STAFF_ROLES, Role
from portal.people.customers import SEARCH_LIMIT, CustomerDraft
from portal.people.views import CustomerChoices, CustomerSheet
from portal.services import Portal

ROUTE = routes.CUSTOMERS
DETAIL_ROUTE = routes.CUSTOMER
EDITORS = frozenset({Role.ADMIN, Role.CASEWORKER})


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=STAFF_ROLES, label='nav.customers', icon='groups', order=20)
    async def customers_page(view: View) -> None:
        if view.actor.has_any(EDITORS):
            choices = await call(portal.customers.choices, view.actor)
            _new_customer(view, choices)
        await _search(view)

    @guarded(portal, DETAIL_ROUTE, roles=STAFF_ROLES, title='Kundin/Kunde')
    async def customer_page(view: View, customer_id: Id) -> None:
        try:
            sheet = await call(portal.customers.sheet, view.actor, customer_id)
        except PortalError as error:
            with page_frame(view, view.t('customers.one'), current=ROUTE):
                problem(view.t, error, back=view.t('customers.back'), route=ROUTE)
            return
        _CustomerPage(view, sheet).build()


def _new_customer(view: View, choices: CustomerChoices) -> None:
    t = view.t

    async def on_create(draft: CustomerDraft, confirmed: bool = False) -> dict[str, str]:
        try:
            customer = await call(view.portal.customers.create, view.actor, draft, confirmed=confirmed)
        except PossibleDuplicate as warning:
            duplicate_dialog(warning.matches, t=t, link=routes.customer,
                             on_create=lambda: on_create(draft, confirmed=True)).open()
            return {}
        except PortalError as error:
            view.fail(error)
            return field_messages(t, error)
        ui.navigate.to(routes.customer(customer.id))
        return {}

    with ui.expansion(t('customers.new'), icon='person_add').classes('portal-card').props(
            'header-class="text-subtitle1"').mark('new-customer'):
        customer_form(None, choices=choices, t=t, today=view.portal.clock().date(), on_save=on_create)


async def _search(view: View) -> None:
    t = view.t
    with ui.card().classes('portal-card'):
        ui.label(t('customers.search_title')).classes('text-h6').props('role=heading aria-level=2')
        row = ui.row().classes('w-full items-start gap-2')
        with row:
            text = ui.input(t('customers.search_label')).props('outlined clearable type=search enterkeyhint=search')
            text.props(f'hint="{t("customers.search_hint")}"').classes('col-grow min-w-[12rem]').mark('search')
    results = ui.element('div').classes('w-full')

    async def on_search() -> None:
        try:
            found = await call(view.portal.customers.search, view.actor, text.value or '')
        except PortalError as error:
            view.fail(error)
            return
        results.clear()
        with results:
            customer_list(found, t=t, link=lambda number: f'{ROUTE}/{number}', limit=SEARCH_LIMIT)

    with row:
        busy_button(t('customers.search'), icon='search', on_click=on_search, submit_from=(text,)).classes(
            'q-py-sm').mark('search-button')
    await on_search()


class _CustomerPage:
    """One customer's page; keeps the version the form was opened with, for the Conflict check."""

    main: ui.element  # the containers are made by ``build``
    form: ui.element
    status: ui.label
    letter: ui.element

    def __init__(self, view: View, sheet: CustomerSheet) -> None:
        self.view = view
        self.sheet = sheet

    def build(self) -> None:
        t, customer = self.view.t, self.sheet.customer
        with page_frame(self.view, f'{customer.first_name} {customer.last_name}', current=ROUTE) as self.main:
            ui.link(t('customers.back'), ROUTE).classes('text-body1')
            if self.sheet.editable:  # the case workers of the team and admins: the documents inbox
                ui.link(t('inbox.customer_documents'), f'/staff/documents?customer={customer.id}').classes(
                    'text-body1').mark('customer-documents')
            with ui.card().classes('portal-card'):
                ui.label(t('customers.master_data')).classes('text-h6').props('role=heading aria-level=2')
                if not self.sheet.editable:
                    ui.label(t('customers.read_only')).classes('text-body2')
                self.form = ui.element('div').classes('w-full')
                self._show_form()
                self.status = status_line()
            if self.sheet.editable:
                self._access_card()
            if Role.ADMIN in self.view.actor.roles:
                ui.link(t('customers.audit_link'), f'/admin/audit?customer={quote(customer.customer_number)}').classes(
                    'text-body1')
                self._erase_card()

    def _show_form(self) -> None:
        self.form.clear()
        with self.form:
            customer_form(self.sheet.customer, choices=self.sheet.choices, t=self.view.t,
                          today=self.view.portal.clock().date(),
                          on_save=self.on_save if self.sheet.editable else None)

    def _access_card(self) -> None:
        t = self.view.t
        with ui.card().classes('portal-card').mark('access'):
            ui.label(t('customers.access_title')).classes('text-h6').props('role=heading aria-level=2')
            state = 'customers.activated' if self.sheet.activated else 'customers.not_activated'
            ui.label(t(state)).classes('text-body1').mark('activation-state')
            ui.label(t('customers.letter_explain')).classes('text-body2')
            busy_button(t('customers.issue_letter'), icon='mail', on_click=self.on_issue).props('size=lg').classes(
                'self-start').mark('issue-letter')
            self.letter = ui.element('div').classes('w-full')

    def _erase_card(self) -> None:
        """Admins only: erase the customer with everything of theirs, after a dialog that names what goes."""
        t = self.view.t
        with ui.card().classes('portal-card').mark('erase'):
            ui.label(t('customers.erase.heading')).classes('text-h6').props('role=heading aria-level=2')
            ui.label(t('customers.erase.explain')).classes('text-body2')
            dialog = erase_dialog(self.sheet.customer, t=t, on_erase=self.on_erase)
            ui.button(t('customers.erase.button'), icon='delete', on_click=dialog.open).props(
                'outline no-caps color=negative').classes('self-start').mark('erase-button')

    async def on_erase(self) -> None:
        view, customer = self.view, self.sheet.customer
        try:
            erased = await call(view.portal.customers.erase, view.actor, customer.id)
        except PortalError as error:
            view.fail(error)
            return
        done = view.t('customers.erase.done', name=erased.name, number=erased.customer_number)
        self.main.clear()
        with self.main:
            ui.label(done).classes('text-h6').props('role=status').mark('erased')
            ui.link(view.t('customers.back'), ROUTE).classes('text-body1')
        view.tell(done)

    async def on_save(self, draft: CustomerDraft) -> dict[str, str]:
        view, customer = self.view, self.sheet.customer
        try:
            saved = await call(view.portal.customers.update, view.actor, customer.id, draft, customer.version)
        except PortalError as error:
            view.fail(error)
            return field_messages(view.t, error)
        self.sheet = CustomerSheet(saved, self.sheet.editable, self.sheet.activated, self.sheet.choices)
        self._show_form()
        view.tell(view.t('form.saved_named', name=saved.name), status=self.status)
        return {}

    async def on_issue(self) -> None:
        view, settings = self.view, self.view.portal.settings
        try:
            issued = await call(view.portal.activation.issue_for_customer, view.actor, self.sheet.customer.id)
        except PortalError as error:
            view.fail(error)
            return
        self.letter.clear()
        with self.letter:
            activation_letter(issued, t=letter_translator(issued.language, view.t), district=settings.district_name,
                              public_url=str(settings.public_url), on_print=print_page, on_close=self._close_letter)

    def _close_letter(self) -> None:
        self.letter.clear()

