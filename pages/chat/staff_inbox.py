"""The chat inbox of staff (``ROUTE``): the queues of their teams with counts, the conversations oldest waiting
first, a search over a customer's conversations, and the presence switch. It follows its teams live
(``team:<id>``) and tells the chat every minute that its reader is still there.
"""
from nicegui import ui

from components.chat.staff_inbox import conversation_rows, queue_bar
from components.core.busy import busy_button
from components.core.pager import show_list
from components.core.status import status_line
from components.shell.frame import NavItem
from pages.chat.staff_live import Redraw, close, keep_present, listen, presence_switch
from pages.core.calls import call
from pages.core.guard import NavCounter, View, add_to_navigation, menu_page
from pages.core.params import choice
from portal.chat.desk import InboxPage
from portal.chat.inbox import QUEUES, InboxFilter
from portal.core import routes
from portal.core.errors import PortalError
from portal.core.events import Subscription
from portal.core.ids import as_id
from portal.identity.roles import STAFF_ROLES, Actor
from portal.services import Portal

ROUTE = routes.STAFF_CHAT


def staff_unread(portal: Portal, actor: Actor) -> int:
    return portal.chat.staff_unread(actor)


def team_topic(actor: Actor) -> str | None:
    """The badge counts again on signals of the reader's first team (a page listens to one topic)."""
    return f'team:{min(actor.team_ids)}' if actor.team_ids else None


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=STAFF_ROLES, label='nav.staff_chat', icon='mail', order=12)
    async def staff_chat_page(view: View, team: str = '', queue: str = 'unassigned') -> None:
        wanted = InboxFilter(choice(queue, QUEUES, 'unassigned') or 'unassigned', as_id(team) if team else None)
        try:
            first = await call(portal.chat.inbox_page, view.actor, wanted)
        except PortalError as error:
            view.fail(error)
            return
        _Inbox(view, wanted).build(first)

    add_to_navigation(NavItem(ROUTE, 'mail', 'nav.staff_chat', STAFF_ROLES, 12,
                              counter=NavCounter(staff_unread, team_topic)))


class _Inbox:
    """The page's state: the queue, team, search and offset shown; redrawn on every signal of its teams."""

    queues: ui.element  # made by ``build``
    results: ui.element
    status: ui.label
    search: ui.input

    def __init__(self, view: View, wanted: InboxFilter) -> None:
        self.view, self.wanted, self.offset = view, wanted, 0
        self.subscriptions: list[Subscription] = []
        self.team_ids: list[int] = []
        self.redraw = Redraw(self.load)

    def build(self, first: InboxPage) -> None:
        t = self.view.t
        self.status = status_line()
        with ui.row().classes('items-center gap-4 w-full'):
            teams = {0: t('chat.staff.all_teams')} | {team.id: team.name for team in first.teams}
            ui.select(teams, label=t('chat.staff.team'), value=self.wanted.team_id or 0,
                      on_change=lambda event: self.on_team(int(event.value or 0))).props(
                'outlined dense behavior=menu').classes('min-w-[12rem]').mark('team')
            presence_switch(self.view, first.available)
        self.queues = ui.element('div').classes('w-full')
        with ui.row().classes('items-center gap-2 w-full'):
            self.search = ui.input(t('chat.staff.search')).props('outlined dense clearable type=search').classes(
                'min-w-[12rem]').mark('search')
            busy_button(t('chat.staff.search_button'), icon='search', props='outline no-caps',
                        on_click=self.on_search, submit_from=(self.search,)).mark('search-button')
        self.results = ui.element('div').classes('w-full')
        self.show(first)
        self.team_ids = [team.id for team in first.teams]
        self.follow()
        keep_present(self.view)
        ui.timer(60, self.redraw.poke, immediate=False)  # the waiting times grow while nobody writes

    def follow(self) -> None:
        """Live signals of the teams shown (all of the reader's, or the one chosen)."""
        close(self.subscriptions)
        shown = [self.wanted.team_id] if self.wanted.team_id else self.team_ids
        self.subscriptions = listen(self.view, [f'team:{team_id}' for team_id in shown], self.redraw.poke)

    async def load(self) -> None:
        try:
            page = await call(self.view.portal.chat.inbox_page, self.view.actor, self.wanted, self.offset)
        except PortalError as error:
            self.view.fail(error)
            return
        self.show(page)

    def show(self, page: InboxPage) -> None:
        t = self.view.t
        self.offset = page.listing.offset
        self.queues.clear()
        with self.queues:
            if self.wanted.search:
                with ui.row().classes('items-center gap-2'):
                    ui.label(t('chat.staff.search_results', term=self.wanted.search)).classes(
                        'text-subtitle1').props('dir=auto').mark('search-results')
                    ui.button(t('chat.staff.search_clear'), icon='close', on_click=self.on_clear).props(
                        'flat no-caps').mark('search-clear')
            else:
                queue_bar(page.counts, current=self.wanted.queue, t=t, on_queue=self.on_queue)
        self.results.clear()
        with self.results:
            conversation_rows(page.listing, t=t, now=self.view.portal.clock(), link=routes.staff_conversation,
                              on_move=self.on_move)

    async def on_queue(self, queue: str) -> None:
        await self._ask(InboxFilter(queue, self.wanted.team_id))

    async def on_team(self, team_id: int) -> None:
        await self._ask(InboxFilter(self.wanted.queue, team_id or None, self.wanted.search))
        self.follow()

    async def on_search(self) -> None:
        await self._ask(InboxFilter(self.wanted.queue, self.wanted.team_id, (self.search.value or '').strip()))

    async def on_clear(self) -> None:
        self.search.value = ''
        await self._ask(InboxFilter(self.wanted.queue, self.wanted.team_id))

    async def on_move(self, offset: int) -> None:
        self.offset = offset
        await self.redraw.poke()
        show_list(self.results)

    async def _ask(self, wanted: InboxFilter) -> None:
        self.wanted, self.offset = wanted, 0
        await self.redraw.poke()
