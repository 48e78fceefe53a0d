"""Steps through a long list a page at a time: which entries are shown, and "newer" and "older" buttons.

``paged_list`` makes the list element itself: on a list of several pages it is named by the entries it shows
and can take the focus, so that after a step ``show_list`` moves the person there (the button they pressed is
redrawn and gone) and a screen reader says which entries are now shown.
"""
from collections.abc import Awaitable, Callable
from typing import TypeVar

from nicegui import ui

from components.core.busy import busy_button
from components.core.focus import focus_inside
from portal.core.i18n import Translator
from portal.core.listing import Listing

PAGED = 'portal-paged'
R = TypeVar('R')


def pager(listing: Listing, *, t: Translator, on_move: Callable[[int], Awaitable[None]]) -> ui.element:
    """``on_move(offset)`` shows the rows from that offset; a list that fits on one page gets no pager."""
    with ui.element('nav').props(f'aria-label="{t("paging.label")}"').classes(
            'row wrap items-center gap-2 w-full').mark('pager') as root:
        if listing.single_page:
            root.set_visibility(False)
            return root
        # which entries first, then the steps: on a phone the range has a line of its own
        ui.label(_range(listing, t)).classes('col-12 col-sm text-body2').props('role=status').mark('range')
        newer = busy_button(t('paging.newer'), icon='expand_less', props='outline no-caps',
                            on_click=lambda: on_move(listing.newer_offset)).mark('newer')
        older = busy_button(t('paging.older'), icon='expand_more', props='outline no-caps',
                            on_click=lambda: on_move(listing.older_offset)).mark('older')
        newer.set_enabled(listing.has_newer)
        older.set_enabled(listing.has_older)
    return root


def paged_rows(listing: Listing[R], *, t: Translator, tag: str, empty: str, count: str,
               on_move: Callable[[int], Awaitable[None]], row: Callable[[R], None]) -> None:
    """A list of the rows shown (``row`` draws one inside its ``li``) with the pager under it: ``empty`` when
    there are none, ``count`` above the list when it fits on one page."""
    if not listing.rows:
        ui.label(empty).classes('text-body1').props('role=status')
    else:
        if listing.single_page:
            ui.label(count).classes('text-body2').props('role=status')
        with paged_list(tag, listing, t=t):
            for each in listing.rows:
                with ui.element('li').classes('w-full'):
                    row(each)
    pager(listing, t=t, on_move=on_move)


def paged_list(tag: str, listing: Listing, *, t: Translator) -> ui.element:
    """The ``ul`` or ``ol`` of the rows shown; named by the range when the list has several pages."""
    element = ui.element(tag).classes(f'{PAGED} column gap-2 w-full q-pa-none q-ma-none').style('list-style: none')
    if not listing.single_page:
        element.props(f'aria-label="{_range(listing, t)}" tabindex=-1')
    return element


def show_list(container: ui.element) -> None:
    """After a step: focus the new page's list inside ``container`` and scroll it to the top of the view."""
    focus_inside(container, f'.{PAGED}')


def _range(listing: Listing, t: Translator) -> str:
    first = listing.offset + 1 if listing.rows else listing.offset
    return t('paging.range', first=t.number(first), last=t.number(listing.offset + len(listing.rows)))
