"""The staff composer's canned replies: a menu of titles; the page fills in the chosen one and inserts it."""
from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from portal.chat.canned import CannedReplyView
from portal.core.i18n import Translator


def canned_picker(replies: Sequence[CannedReplyView], *, t: Translator,
                  on_pick: Callable[[int], Awaitable[None]]) -> ui.button:
    """``on_pick(reply_id)`` for the title chosen; without replies the button says there are none."""
    button = ui.button(t('chat.staff.canned'), icon='format_quote').props('outline no-caps').mark('canned')
    with button, ui.menu().mark('canned-menu'):
        if not replies:
            ui.item(t('chat.staff.canned_none')).props('disable')
        for reply in replies:
            ui.item(reply.title, on_click=lambda reply_id=reply.id: on_pick(reply_id)).props('dir=auto').mark(
                f'canned-{reply.id}')
    return button
