"""Chat settings of each team, for admins (``ROUTE``): the concerns it answers, and its own office hours (the
office's opening hours apply when it has none)."""
from nicegui import ui

from components.chat.team_chat import team_chat_card
from components.core.status import status_line
from components.people.hours_editor import hours_editor
from pages.core.calls import call
from pages.core.guard import ADMINS, View, menu_page
from portal.chat.settings import TeamChatView
from portal.chat.teams import CONCERNS
from portal.core import routes
from portal.core.errors import PortalError
from portal.services import Portal

ROUTE = routes.CHAT_SETTINGS


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=ADMINS, label='nav.chat_settings', icon='tune', order=76)
    async def chat_settings_page(view: View) -> None:
        teams = await call(portal.chat.team_settings, view.actor)
        ui.label(view.t('chat.settings.explain')).classes('text-body1')
        status = status_line()
        for team in teams:
            _TeamCard(view, team, status).build()


class _TeamCard:
    """One team's settings, edited locally until saved."""

    def __init__(self, view: View, team: TeamChatView, status: ui.label) -> None:
        self.view, self.team, self.status = view, team, status
        self.hours = [list(row) for row in team.office_hours]

    def build(self) -> None:
        _, hours = team_chat_card(self.team, concerns=CONCERNS, t=self.view.t, on_save=self.on_save)
        with hours:
            hours_editor(self.hours, t=self.view.t, on_change=self.on_hours)

    def on_hours(self, rows: list[list]) -> None:
        self.hours = rows

    async def on_save(self, concerns: list[str]) -> None:
        try:
            saved = await call(self.view.portal.chat.save_team_settings, self.view.actor, self.team.team_id,
                               concerns, self.hours)
        except PortalError as error:
            self.view.fail(error)
            return
        self.team = saved
        self.view.tell(self.view.t('chat.settings.saved', team=saved.team_name), status=self.status)
