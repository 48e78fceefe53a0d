"""One conversation of the customer (``ROUTE``), live: its concern, team and the team's status, the messages, the
composer, and a link to the transcript.

The page subscribes to ``conversation:<id>`` (and the team's ``presence:<team_id>``) while its client lives: on a
new message it reads what came after the last one shown and adds it; on "read"/"delivered" it updates the ticks of
the customer's messages; on "typing" it shows that staff write. The messages are marked read only while the page is
visible (the thread reports it). Messages are sent by the browser itself (``pages.chat.api``), not through here.
"""
from typing import Any

from nicegui import ui

from components.chat.conversations import CONCERN_ICONS, show_status, status_card
from components.chat.thread import Thread, outbox_key
from components.core.problem import problem
from pages.core.calls import call
from pages.core.guard import View, guarded, page_frame
from portal.chat.teams import TeamStatus
from portal.chat.views import ConversationView
from portal.core import routes
from portal.core.errors import PortalError
from portal.core.events import Subscription
from portal.core.ids import Id
from portal.identity.roles import CUSTOMER_ROLES
from portal.services import Portal

ROUTE = routes.CHAT_CONVERSATION
NEW_MESSAGES = frozenset({'message', 'started', 'assign', 'transfer', 'close', 'reopen', 'resync'})  # read again
NEW_MARKS = frozenset({'read', 'delivered'})


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=CUSTOMER_ROLES, title='Chat')
    async def conversation_page(view: View, conversation_id: Id) -> None:
        try:
            conversation = await call(portal.chat.conversation, view.actor, conversation_id)
            messages = await call(portal.chat.messages, view.actor, conversation_id, read=False)
            status = await call(portal.chat.team_status, view.actor, conversation_id)
        except PortalError as error:
            with page_frame(view, view.t('chat.citizen.page_title'), current=routes.CHAT):
                problem(view.t, error, back=view.t('chat.citizen.back'), route=routes.CHAT)
            return
        live = _LivePage(view, conversation)
        with page_frame(view, view.t(f'chat.concern.{conversation.concern}'), current=routes.CHAT):
            live.header(status)
            live.thread = Thread(messages, conversation_id=conversation.id, viewer='customer', t=view.t,
                                 outbox_key=outbox_key(view.actor.account_id, conversation.id),
                                 max_chars=portal.chat.rules.max_chars, on_typing=live.on_typing,
                                 on_read=live.on_read, on_catch_up=live.on_catch_up).mark('thread')
            live.thread.set_states(delivered=conversation.delivered_up_to, read=conversation.read_up_to)
            ui.link(view.t('chat.citizen.transcript'), routes.chat_transcript(conversation.id)).props(
                'download').classes('text-body1').mark('transcript')
        live.listen()


class _LivePage:
    """The page's part that follows the conversation while the browser shows it."""

    def __init__(self, view: View, conversation: ConversationView) -> None:
        self.view, self.portal, self.t = view, view.portal, view.t
        self.conversation = conversation
        self.thread: Thread
        self.presence: Subscription | None = None

    def header(self, status: TeamStatus) -> None:
        with ui.card().classes('portal-card').props('flat bordered').mark('conversation-header'):
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                ui.icon(CONCERN_ICONS.get(self.conversation.concern, 'chat'), size='md').classes('text-primary')
                self.state = ui.label().classes('text-body1').mark('conversation-state')
            self.status = status_card(status, t=self.t)
        self.show_state()

    def show_state(self) -> None:
        self.state.set_text(self.t('chat.citizen.state_' + self.conversation.state))

    def listen(self) -> None:
        events, client = self.portal.events, self.view.client
        client.on_delete(events.subscribe(f'conversation:{self.conversation.id}', self.on_event).close)
        self.follow_team(self.conversation.team_id)
        client.on_delete(self.stop_presence)

    def follow_team(self, team_id: int) -> None:
        self.stop_presence()
        self.presence = self.portal.events.subscribe(f'presence:{team_id}', self.on_presence)

    def stop_presence(self) -> None:
        if self.presence is not None:
            self.presence.close()

    async def on_event(self, event: dict[str, Any]) -> None:
        kind = event.get('kind')
        try:
            if kind == 'typing' and event.get('side') == 'staff':
                self.thread.show_typing()
            if kind in NEW_MESSAGES:
                await self.catch_up(self.thread.last_id)
            elif kind in NEW_MARKS:
                await self.refresh()
        except PortalError:  # the conversation is gone (the customer was deleted): nothing more to show
            return

    async def catch_up(self, after: int) -> None:
        """What came after ``after``, and the conversation as it is now: one service call per signal."""
        update = await call(self.portal.chat.catch_up, self.view.actor, self.conversation.id, after)
        if not self.thread.is_deleted:
            self.thread.add(list(update.messages))
            await self.show(update.conversation)

    async def refresh(self) -> None:
        """The conversation's state and the delivery marks."""
        await self.show(await call(self.portal.chat.conversation, self.view.actor, self.conversation.id))

    async def show(self, conversation: ConversationView) -> None:
        """The ticks of the customer's messages and the state; a transfer changes whose presence counts."""
        before, self.conversation = self.conversation.team_id, conversation
        if self.thread.is_deleted:
            return
        self.thread.set_states(delivered=conversation.delivered_up_to, read=conversation.read_up_to)
        self.show_state()
        if conversation.team_id != before:
            self.follow_team(conversation.team_id)
            await self.on_presence()

    async def on_presence(self, _: object = None) -> None:
        try:
            status = await call(self.portal.chat.team_status, self.view.actor, self.conversation.id)
        except PortalError:
            return
        if not self.status.is_deleted:
            show_status(self.status, status, t=self.t)

    async def on_read(self, _newest: int) -> None:
        try:
            await call(self.portal.chat.read, self.view.actor, self.conversation.id)
        except PortalError:
            return

    async def on_typing(self) -> None:
        try:
            await call(self.portal.chat.typing, self.view.actor, self.conversation.id)
        except PortalError:
            return

    async def on_catch_up(self, after: int) -> None:
        try:
            await self.catch_up(min(after, self.thread.last_id) if after else self.thread.last_id)
        except PortalError:
            return
