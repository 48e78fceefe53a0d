"""What the staff pages of the chat share: live signals that end with the page, the minute's sign of life, the
presence switch, and a redraw that never runs twice at once."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from pages.core.calls import call
from pages.core.guard import View
from portal.core.errors import PortalError
from portal.core.events import Subscription

HEARTBEAT_SECONDS = 60.0


def listen(view: View, topics: list[str], on_signal: Callable[[dict], Awaitable[None] | None]) -> list[Subscription]:
    """Subscribe the page to ``topics`` until its client goes (the browser tab closed or reloaded)."""
    subscriptions = [view.portal.events.subscribe(topic, on_signal) for topic in topics]
    view.client.on_delete(lambda: close(subscriptions))
    return subscriptions


def close(subscriptions: list[Subscription]) -> None:
    for subscription in subscriptions:
        subscription.close()


def keep_present(view: View) -> ui.timer:
    """Tell the chat every minute that this member of staff still has a chat page open."""
    async def beat() -> None:
        try:
            await call(view.portal.chat.still_here, view.actor)
        except PortalError:  # a member of staff without a staff record (never in practice): nothing to keep
            return
    return ui.timer(HEARTBEAT_SECONDS, beat, immediate=False)


def presence_switch(view: View, available: bool) -> ui.switch:
    """Available for chat, or away; customers see "the team is available now" while someone is."""
    async def on_change(event) -> None:
        try:
            now = await call(view.portal.chat.set_available, view.actor, bool(event.value))
        except PortalError as error:
            view.fail(error)
            return
        view.tell(view.t('chat.staff.now_available' if now else 'chat.staff.now_away'))

    return ui.switch(view.t('chat.staff.available'), value=available, on_change=on_change).mark('available')


class Redraw:
    """Runs ``draw`` for every poke, but never two at once: pokes that come while it runs make one more run."""

    def __init__(self, draw: Callable[[], Awaitable[None]]) -> None:
        self.draw = draw
        self.running = False
        self.again = False

    async def poke(self, _signal: dict | None = None) -> None:
        if self.running:
            self.again = True
            return
        self.running = True
        try:
            while True:
                self.again = False
                await self.draw()
                if not self.again:
                    return
        finally:
            self.running = False
