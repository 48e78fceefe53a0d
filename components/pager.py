"""Steps through a long list a page at a time: "newer" and "older" buttons around which entries are shown."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from components.busy import busy_button
from portal.i18n import Translator
from portal.listing import Listing


def pager(listing: Listing, *, t: Translator, on_move: Callable[[int], Awaitable[None]]) -> ui.element:
    """``on_move(offset)`` shows the rows from that offset; a list that fits on one page gets no pager."""
    with ui.element('nav').props(f'aria-label="{t("paging.label")}"').classes(
            'row items-center gap-2 w-full').mark('pager') as root:
        if listing.single_page:
            root.set_visibility(False)
            return root
        newer = busy_button(t('paging.newer'), icon='expand_less', props='outline no-caps',
                            on_click=lambda: on_move(listing.newer_offset)).mark('newer')
        first = listing.offset + 1 if listing.rows else listing.offset
        ui.label(t('paging.range', first=t.number(first), last=t.number(listing.offset + len(listing.rows)))).classes(
            'text-body2').props('role=status').mark('range')
        older = busy_button(t('paging.older'), icon='expand_more', props='outline no-caps',
                            on_click=lambda: on_move(listing.older_offset)).mark('older')
        newer.set_enabled(listing.has_newer)
        older.set_enabled(listing.has_older)
    return root
