"""Staff, for admins: who holds which roles and teams, whether the account is activated and the second
factor set up; create and change members, issue activation letters, reset a lost second factor."""
from nicegui import ui

from components.core.busy import busy_button
from components.core.status import status_line
from components.identity.letter import activation_letter, letter_translator, print_page
from components.people.staff_form import staff_card, staff_form
from pages.core.calls import call
from pages.core.guard import ADMINS, View, menu_page
from portal.core import routes
from portal.core.errors import PortalError
from portal.people.organisation import StaffDraft
from portal.people.views import OrganisationOverview, StaffMember
from portal.services import Portal

ROUTE = routes.STAFF


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=ADMINS, label='nav.staff', icon='badge', order=60)
    async def staff_page(view: View) -> None:
        overview = await call(portal.organisation.overview, view.actor)
        _StaffPage(view, overview).build()


class _StaffPage:
    """Each member lives in a slot of the list that shows either the card or the form, plus a letter."""

    members: ui.element  # made by ``build``
    new: ui.expansion
    status: ui.label

    def __init__(self, view: View, overview: OrganisationOverview) -> None:
        self.view = view
        self.overview = overview

    def build(self) -> None:
        t = self.view.t
        self.new = ui.expansion(t('staff.new'), icon='person_add').classes('portal-card').mark('new-staff')
        self._show_new_form()
        self.status = status_line()
        ui.label(t('staff.list_title')).classes('text-h6').props('role=heading aria-level=2')
        self.members = ui.element('div').classes('column gap-2 w-full')
        for member in self.overview.staff:
            self._add(member)

    def _show_new_form(self) -> None:
        self.new.clear()
        with self.new:
            staff_form(None, locations=self.overview.locations, teams=self.overview.teams, t=self.view.t,
                       on_save=self.on_create)

    def _add(self, member: StaffMember) -> None:
        with self.members:
            slot = ui.element('div').classes('column gap-2 w-full')
        self._show_card(slot, member)

    def _show_card(self, slot: ui.element, member: StaffMember) -> None:
        slot.clear()
        with slot:
            staff_card(member, t=self.view.t, where=self._where(member),
                       on_edit=lambda: self._show_form(slot, member),
                       on_letter=lambda: self.on_letter(slot, member),
                       on_reset=lambda: self._confirm_reset(slot, member))

    def _show_form(self, slot: ui.element, member: StaffMember) -> None:
        slot.clear()
        with slot, ui.card().classes('portal-card'):
            ui.label(self.view.t('staff.edit_title', name=f'{member.staff.first_name} {member.staff.last_name}'))\
                .classes('text-subtitle1').props('role=heading aria-level=3')
            staff_form(member, locations=self.overview.locations, teams=self.overview.teams, t=self.view.t,
                       on_save=lambda draft: self.on_save(slot, member, draft),
                       on_cancel=lambda: self._show_card(slot, member))

    def _confirm_reset(self, slot: ui.element, member: StaffMember) -> None:
        t = self.view.t
        with ui.dialog().props('persistent') as dialog, ui.card():
            ui.label(t('staff.reset_question', name=f'{member.staff.first_name} {member.staff.last_name}'))\
                .classes('text-body1')
            with ui.row().classes('gap-2 justify-end w-full'):
                ui.button(t('form.cancel'), on_click=dialog.delete).props('flat no-caps').mark('cancel-reset')
                busy_button(t('staff.reset_confirm'), on_click=lambda: self.on_reset(dialog, slot, member),
                            props='unelevated no-caps color=negative').mark('confirm-reset')
        dialog.open()

    async def on_create(self, draft: StaffDraft) -> None:
        try:
            member = await call(self.view.portal.organisation.save_staff, self.view.actor, None, draft)
        except PortalError as error:
            self.view.fail(error)
            return
        self._show_new_form()
        self.new.close()
        self._add(member)
        self._saved(member)

    async def on_save(self, slot: ui.element, member: StaffMember, draft: StaffDraft) -> None:
        try:
            saved = await call(self.view.portal.organisation.save_staff, self.view.actor, member.staff.id,
                                       draft)
        except PortalError as error:
            self.view.fail(error)
            return
        self._show_card(slot, saved)
        self._saved(saved)

    async def on_letter(self, slot: ui.element, member: StaffMember) -> None:
        view, settings = self.view, self.view.portal.settings
        try:
            issued = await call(view.portal.activation.issue_for_staff, view.actor, member.staff.id)
        except PortalError as error:
            view.fail(error)
            return
        self._show_card(slot, member)
        with slot:
            activation_letter(issued, t=letter_translator(issued.language, view.t), district=settings.district_name,
                              public_url=str(settings.public_url), on_print=print_page,
                              on_close=lambda: self._show_card(slot, member))

    async def on_reset(self, dialog: ui.dialog, slot: ui.element, member: StaffMember) -> None:
        try:
            saved = await call(self.view.portal.organisation.reset_second_factor, self.view.actor,
                                       member.staff.id)
        except PortalError as error:
            self.view.fail(error)
            return
        dialog.delete()
        self._show_card(slot, saved)
        self.view.tell(self.view.t('staff.reset_done'), status=self.status)

    def _saved(self, member: StaffMember) -> None:
        name = f'{member.staff.first_name} {member.staff.last_name}'
        self.view.tell(self.view.t('form.saved_named', name=name), status=self.status)

    def _where(self, member: StaffMember) -> str:
        locations = {place.id: place.name for place in self.overview.locations}
        teams = {team.id: team.name for team in self.overview.teams}
        names = [teams[team_id] for team_id in member.team_ids if team_id in teams]
        place = locations.get(member.staff.location_id, '')
        return self.view.t('staff.where', location=place, teams=', '.join(names) or self.view.t('staff.no_team'))
