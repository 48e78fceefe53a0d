"""Offices and teams, for admins: address and opening hours of each office, and which office a team works at."""
from functools import partial

from nicegui import ui

from components.core.status import status_line
from components.people.organisation_forms import location_card, location_form, team_form, team_row
from pages.core.calls import call
from pages.core.guard import ADMINS, View, menu_page
from portal.core import routes
from portal.core.errors import PortalError
from portal.people.organisation import LocationDraft
from portal.people.views import LocationView, OrganisationOverview, TeamView
from portal.services import Portal

ROUTE = routes.TEAMS


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=ADMINS, label='nav.teams', icon='apartment', order=70)
    async def teams_page(view: View) -> None:
        overview = await call(portal.organisation.overview, view.actor)
        _TeamsPage(view, overview).build()


class _TeamsPage:
    """Draws offices and teams from local state; one of them may be open in its form (``editing``)."""

    area: ui.element  # made by ``build``
    status: ui.label

    def __init__(self, view: View, overview: OrganisationOverview) -> None:
        self.view = view
        self.locations = {location.id: location for location in overview.locations}
        self.teams = {team.id: team for team in overview.teams}
        self.editing: tuple[str, int] | None = None

    def build(self) -> None:
        self.status = status_line()
        self.area = ui.element('div').classes('column gap-4 w-full')
        self.render()

    def render(self) -> None:
        self.area.clear()
        with self.area:
            self._locations()
            self._teams()

    def edit(self, kind: str | None, item_id: int = 0) -> None:
        self.editing = (kind, item_id) if kind else None
        self.render()

    def _locations(self) -> None:
        t = self.view.t
        ui.label(t('teams.locations_title')).classes('text-h6').props('role=heading aria-level=2')
        with ui.expansion(t('teams.new_location'), icon='add_business').classes('portal-card').mark('new-location'):
            location_form(None, t=t, on_save=lambda draft: self.on_save_location(None, draft))
        for location in sorted(self.locations.values(), key=lambda item: item.name):
            if self.editing == ('location', location.id):
                with ui.card().classes('portal-card').mark(f'edit-location-{location.id}'):
                    location_form(location, t=t, on_save=partial(self.on_save_location, location.id),
                                  on_cancel=lambda: self.edit(None))
            else:
                location_card(location, t=t, on_edit=partial(self.edit, 'location', location.id))

    def _teams(self) -> None:
        t, places = self.view.t, self._sorted_locations()
        ui.label(t('teams.teams_title')).classes('text-h6').props('role=heading aria-level=2')
        with ui.expansion(t('teams.new_team'), icon='group_add').classes('portal-card').mark('new-team'):
            team_form(None, locations=places, t=t,
                      on_save=lambda name, place, phone, email: self.on_save_team(None, name, place, phone, email))
        for team in sorted(self.teams.values(), key=lambda item: item.name):
            if self.editing == ('team', team.id):
                with ui.card().classes('portal-card').mark(f'edit-team-{team.id}'):
                    team_form(team, locations=places, t=t, on_cancel=lambda: self.edit(None),
                              on_save=partial(self.on_save_team, team.id))
            else:
                location = self.locations.get(team.location_id)
                team_row(team, t=t, location=location.name if location else '',
                         on_edit=partial(self.edit, 'team', team.id))

    def _sorted_locations(self) -> list[LocationView]:
        return sorted(self.locations.values(), key=lambda item: item.name)

    async def on_save_location(self, location_id: int | None, draft: LocationDraft) -> None:
        try:
            saved = await call(self.view.portal.organisation.save_location, self.view.actor, location_id,
                                       draft)
        except PortalError as error:
            self.view.fail(error)
            return
        self._saved(self.locations, saved)

    async def on_save_team(self, team_id: int | None, name: str, location_id: int | None, phone: str,
                           email: str) -> None:
        try:
            saved = await call(self.view.portal.organisation.save_team, self.view.actor, team_id, name,
                                       location_id, phone=phone, email=email)
        except PortalError as error:
            self.view.fail(error)
            return
        self._saved(self.teams, saved)

    def _saved(self, items: dict, saved: LocationView | TeamView) -> None:
        items[saved.id] = saved
        self.editing = None
        self.render()
        self.view.tell(self.view.t('form.saved_named', name=saved.name), status=self.status)
