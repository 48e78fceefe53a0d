"""One conversation for staff (``ROUTE``): the thread with its composer (messages and internal notes), the
actions (take, assign, transfer, close, reopen), canned replies, and the customer's context beside it. It follows
the conversation live (``conversation:<id>``)."""
import time
from collections.abc import Awaitable, Callable

from nicegui import ui

from components.chat.canned_picker import canned_picker
from components.chat.context_panel import context_panel
from components.chat.desk_layout import desk
from components.chat.staff_actions import ActionHandlers, Choices, conversation_actions, conversation_facts
from components.chat.thread import Thread, outbox_key
from components.core.problem import problem
from components.core.status import status_line
from pages.chat.staff_live import Redraw, keep_present, listen
from pages.core.calls import call
from pages.core.guard import View, guarded, page_frame
from portal.chat.desk import Desk
from portal.chat.views import ConversationView
from portal.core import routes
from portal.core.errors import Conflict, PortalError
from portal.core.ids import Id
from portal.identity.roles import STAFF_ROLES
from portal.services import Portal

ROUTE = routes.STAFF_CONVERSATION
TYPING_SECONDS = 3.0  # at most one typing signal in this time
CHANGES = frozenset({'assign', 'transfer', 'close', 'reopen', 'resync'})  # resync: Redis was away, read again


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=STAFF_ROLES, title='Chat')
    async def staff_conversation_page(view: View, conversation_id: Id) -> None:
        try:
            found = await call(portal.chat.desk, view.actor, conversation_id)
        except PortalError as error:
            with page_frame(view, view.t('chat.staff.conversation'), current=routes.STAFF_CHAT):
                problem(view.t, error, back=view.t('chat.staff.back'), route=routes.STAFF_CHAT)
            return
        with page_frame(view, view.t('chat.staff.conversation_with', name=found.context.name),
                        current=routes.STAFF_CHAT, wide=True):
            _Conversation(view, found).build()


class _Conversation:
    """The page's state: the conversation as last read, the newest message shown."""

    header: ui.element  # made by ``build``
    status: ui.label

    def __init__(self, view: View, found: Desk) -> None:
        self.view, self.desk = view, found
        self.conversation = found.conversation
        self.typed_at = 0.0
        self.composer: Callable[[str], None] | None = None  # the thread's insert_text
        self.thread: Thread  # made by ``build``
        self.after = 0  # catch up from here (0: the thread's newest message)
        self.refresh = Redraw(self.reload)

    def build(self) -> None:
        self.status = status_line()
        header, thread_area, side = desk()
        self.header = header
        with thread_area:
            self.thread_slot()
        self.draw_header()
        with side:
            context = self.desk.context
            context_panel(context, t=self.view.t, customer_link=routes.customer(context.customer_id))
        listen(self.view, [f'conversation:{self.conversation.id}'], self.on_signal)
        keep_present(self.view)

    def thread_slot(self) -> None:
        """The messages and internal notes with the composer; the browser sends what is written itself."""
        conversation, actor = self.conversation, self.view.actor
        self.thread = Thread(self.desk.messages, conversation_id=conversation.id, viewer='staff', t=self.view.t,
                             outbox_key=outbox_key(actor.account_id, conversation.id),
                             max_chars=self.view.portal.chat.rules.max_chars, on_typing=self.on_typing,
                             on_read=self.on_read, on_catch_up=self.on_catch_up).mark('thread')
        self.composer = self.thread.insert_text

    def draw_header(self) -> None:
        t, conversation = self.view.t, self.conversation
        self.header.clear()
        with self.header:
            with ui.row().classes('items-center gap-2 w-full'):
                ui.link(t('chat.staff.back'), routes.STAFF_CHAT).classes('text-body1')
                conversation_facts(conversation, t=t)
            with ui.row().classes('items-center gap-2 w-full'):
                conversation_actions(conversation, Choices(self.view.actor.staff_id, self.desk.colleagues,
                                                           self.desk.teams), t=t, handlers=ActionHandlers(
                    self.on_assign, self.on_transfer, self.on_close, self.on_reopen))
                if self.composer is not None:
                    canned_picker(self.desk.replies, t=t, on_pick=self.on_canned)

    # --- what staff do ------------------------------------------------------------------------------------------

    async def on_assign(self, staff_id: int | None) -> bool:
        chat = self.view.portal.chat
        return await self._change(call(chat.assign, self.view.actor, self.conversation.id, staff_id,
                                       version=self.conversation.version),
                                  'chat.staff.taken' if staff_id == self.view.actor.staff_id else
                                  'chat.staff.assigned' if staff_id else 'chat.staff.released')

    async def on_transfer(self, team_id: int, note: str) -> bool:
        chat = self.view.portal.chat
        return await self._change(call(chat.transfer, self.view.actor, self.conversation.id, team_id, note,
                                       version=self.conversation.version), 'chat.staff.transferred')

    async def on_close(self, reason: str) -> bool:
        chat = self.view.portal.chat
        return await self._change(call(chat.close, self.view.actor, self.conversation.id, reason,
                                       version=self.conversation.version), 'chat.staff.closed')

    async def on_reopen(self) -> bool:
        chat = self.view.portal.chat
        return await self._change(call(chat.reopen, self.view.actor, self.conversation.id,
                                       version=self.conversation.version), 'chat.staff.reopened')

    async def _change(self, change: Awaitable[ConversationView], done: str) -> bool:
        """Await the change and show the conversation as it is now; a crossing change reloads and says so."""
        try:
            changed = await change
        except Conflict:
            self.view.tell(self.view.t('chat.staff.conflict'), kind='warning', status=self.status)
            await self.refresh.poke()
            return True
        except PortalError as error:
            self.view.fail(error)
            return False
        self.conversation = changed
        self.draw_header()
        self.view.tell(self.view.t(done, name=changed.assignee_name, team=changed.team_name), status=self.status)
        return True

    async def on_canned(self, reply_id: int) -> None:
        try:
            filled = await call(self.view.portal.chat.render, self.view.actor, reply_id, self.conversation.id)
        except PortalError as error:
            self.view.fail(error)
            return
        if self.composer is not None:
            self.composer(filled.text)

    async def on_typing(self) -> None:
        if time.monotonic() - self.typed_at < TYPING_SECONDS:
            return
        self.typed_at = time.monotonic()
        try:
            await call(self.view.portal.chat.typing, self.view.actor, self.conversation.id)
        except PortalError:  # the conversation went to another team meanwhile: the next reload says so
            return

    # --- what others do -----------------------------------------------------------------------------------------

    async def on_signal(self, signal: dict) -> None:
        kind = signal.get('kind')
        if kind == 'typing' and signal.get('side') == 'customer' and not self.thread.is_deleted:
            self.thread.show_typing()
        elif kind in CHANGES or kind in ('message', 'note', 'started'):
            await self.refresh.poke()

    async def on_read(self, _newest: int) -> None:
        """New messages were on screen."""
        try:
            await call(self.view.portal.chat.read, self.view.actor, self.conversation.id)
        except PortalError:
            return

    async def on_catch_up(self, after: int) -> None:
        """The socket is back after a break: what came after ``after``."""
        self.after = after
        await self.refresh.poke()

    async def reload(self) -> None:
        """The conversation as it is now, and the messages since the newest shown."""
        after = min(self.after, self.thread.last_id) if self.after else self.thread.last_id
        self.after = 0
        try:
            update = await call(self.view.portal.chat.catch_up, self.view.actor, self.conversation.id, after)
        except PortalError as error:
            self.view.fail(error)
            return
        self.conversation = update.conversation
        if not self.thread.is_deleted:
            self.thread.add(update.messages)
            self.draw_header()
