"""A new conversation (``ROUTE``): choose a concern, see whether the team answering it is in and how soon it
answers, write the first message, send.

The page makes one client id for the conversation it starts: a double tap, or a second tap after a lost answer,
starts it once (``Chat.start``). Outside office hours the customer can still write and is told when the answer
comes.
"""
import secrets

from nicegui import ui

from components.chat.conversations import concern_buttons, press, status_card
from components.core.busy import busy_button
from pages.core.calls import call
from pages.core.guard import View, guarded, page_frame
from portal.core import routes
from portal.core.errors import InvalidInput, PortalError
from portal.identity.roles import CUSTOMER_ROLES
from portal.services import Portal

ROUTE = routes.CHAT_NEW


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=CUSTOMER_ROLES, title='Neues Gespräch')
    async def start_page(view: View) -> None:
        with page_frame(view, view.t('chat.citizen.new_title'), current=routes.CHAT):
            _StartPage(view).build()


class _StartPage:
    def __init__(self, view: View) -> None:
        self.view, self.t = view, view.t
        self.concern: str | None = None
        self.client_id = secrets.token_hex(16)  # one conversation for this page, however often "send" is tapped

    def build(self) -> None:
        t = self.t
        ui.label(t('chat.citizen.concern')).classes('text-h6').props('role=heading aria-level=2')
        self.buttons = concern_buttons(t=t, on_choose=self.on_choose)
        with ui.card().classes('portal-card').props('flat bordered') as self.status:
            self.status_box = ui.column().classes('w-full gap-0')
        self.status.set_visibility(False)
        self.text = ui.textarea(t('chat.citizen.message'), placeholder=t('chat.citizen.placeholder')).props(
            f'outlined counter maxlength={self.view.portal.chat.rules.max_chars} autogrow dir=auto').classes(
            'w-full').mark('first-message')
        busy_button(t('chat.citizen.send'), icon='send', on_click=self.on_send,
                    props='unelevated no-caps size=lg').classes('w-full').mark('start')

    async def on_choose(self, concern: str) -> None:
        try:
            status = await call(self.view.portal.chat.status, self.view.actor, concern)
        except PortalError as error:
            self.view.fail(error)
            return
        self.concern = concern
        press(self.buttons, concern)
        self.status_box.clear()
        with self.status_box:
            status_card(status, t=self.t)
        self.status.set_visibility(True)

    async def on_send(self) -> None:
        if self.concern is None:
            self.view.fail(InvalidInput('chat.error.concern'))
            return
        try:
            started = await call(self.view.portal.chat.start, self.view.actor, self.concern, self.text.value or '',
                                 self.client_id)
        except PortalError as error:
            self.view.fail(error)
            return
        ui.navigate.to(routes.chat_conversation(started.id))
