"""The customer's conversations (``ROUTE``), newest first, with unread counts; a button starts a new one.

The list is drawn again when anything happens in one of the customer's conversations (``customer:<id>``); the
navigation's "Chat" item carries the number of unread messages, kept up to date the same way.
"""
from nicegui import ui

from components.chat.conversations import conversation_list, fill_conversations
from components.shell.frame import NavItem
from pages.core.calls import call
from pages.core.guard import NavCounter, View, add_to_navigation, guarded, page_frame
from portal.core import routes
from portal.core.errors import PortalError
from portal.identity.roles import CUSTOMER_ROLES, Actor
from portal.services import Portal

ROUTE = routes.CHAT


def customer_topic(actor: Actor) -> str | None:
    return f'customer:{actor.customer_id}' if actor.customer_id is not None else None


def unread(portal: Portal, actor: Actor) -> int:
    return portal.chat.unread(actor)


add_to_navigation(NavItem(ROUTE, 'forum', 'chat.citizen.nav', CUSTOMER_ROLES, 30,
                          counter=NavCounter(unread, customer_topic)))


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=CUSTOMER_ROLES, title='Chat')
    async def conversations_page(view: View) -> None:
        conversations = await call(portal.chat.conversations, view.actor)
        with page_frame(view, view.t('chat.citizen.title'), current=ROUTE):
            ui.button(view.t('chat.citizen.new'), icon='add_comment').props(
                f'unelevated no-caps size=lg href="{routes.CHAT_NEW}"').classes('w-full').mark('new-conversation')
            listing = conversation_list(conversations, t=view.t)

        async def redraw(_: object = None) -> None:
            try:
                fresh = await call(portal.chat.conversations, view.actor)
            except PortalError:
                return
            if not listing.is_deleted:
                fill_conversations(listing, fresh, t=view.t)
        topic = customer_topic(view.actor)
        if topic is not None:
            view.client.on_delete(portal.events.subscribe(topic, redraw).close)
