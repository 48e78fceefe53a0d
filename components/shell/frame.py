"""The one layout of every page: header with title and language picker, and navigation.

Customers get a bottom navigation bar (mobile first, large touch targets); staff a side drawer that
stays open on a desktop. Both come from here.
"""
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from typing import Any

from nicegui import ui

from components.core.design import apply_theme
from components.shell.first_paint import add_first_paint
from components.shell.language_picker import language_picker
from portal.core.i18n import Translator
from portal.identity.roles import Role


@dataclass(frozen=True)
class NavItem:
    route: str
    icon: str
    label: str  # a catalogue key
    roles: frozenset[Role]
    order: int
    # what the item's badge counts (e.g. unread messages); the frame only hands its badge to ``on_badge``, the
    # pages decide how to count and when to count again
    counter: Any = field(default=None, compare=False)


BadgeHandler = Callable[[NavItem, ui.badge], None]  # fills in (and keeps up to date) an item's badge


@contextmanager
def frame(*, title: str, t: Translator, nav: list[NavItem], current: str, user_name: str | None,
          staff_layout: bool, on_language: Callable[[str], Awaitable[None]], wide: bool = False,
          on_badge: BadgeHandler | None = None) -> Iterator[ui.element]:
    """Lay out a page; the body of the ``with`` block becomes the main content (``wide``: for side-by-side
    columns on a desktop, e.g. a document beside its decision). Items with a ``counter`` get a badge, hidden
    until ``on_badge`` gives it a count."""
    apply_theme()
    drawer = _staff_drawer(nav, t, current, on_badge) if staff_layout and nav else None
    with ui.header().classes('items-center gap-2 q-px-md q-py-sm bg-primary text-white'):
        ui.html(f'<a class="skip-link" href="#main">{escape(t("frame.skip"))}</a>', sanitize=False)  # first tab stop
        if drawer is not None:
            ui.button(icon='menu', on_click=drawer.toggle).props(
                f'flat round color=white aria-label="{t("frame.menu")}"').mark('menu')
        ui.label(t('app.name')).classes('text-subtitle1 text-weight-medium').props('aria-hidden=true')
        ui.space()
        if user_name:
            ui.label(user_name).classes('text-body2 gt-xs')
        language_picker(current=t.code, label=t('frame.language'), on_change=on_language)
    if nav and not staff_layout:
        _bottom_nav(nav, t, current, on_badge)
    # Quasar's page is the <main> landmark already; this is the skip link's target inside it
    with ui.element('div').props('id=main tabindex=-1').classes('portal-main column gap-4') as main:
        if wide:
            main.classes('portal-main-wide')
        ui.label(title).classes('text-h5 text-weight-medium').props('role=heading aria-level=1')
        yield main
    add_first_paint(ui.context.client)  # the page's static copy, shown before Vue has mounted it


def _bottom_nav(nav: list[NavItem], t: Translator, current: str, on_badge: BadgeHandler | None) -> None:
    with ui.footer().classes('bg-white text-primary q-pa-none portal-bottom-nav').style(
            'border-top: 1px solid #ccc'):
        with ui.element('nav').props(f'aria-label="{t("frame.navigation")}"').classes('row no-wrap w-full'):
            for item in nav:
                _nav_button(item, t, current, on_badge, flat=True)


def _staff_drawer(nav: list[NavItem], t: Translator, current: str, on_badge: BadgeHandler | None) -> ui.left_drawer:
    # Quasar opens it above the breakpoint (show-if-above) and reports that back. value=None would instead ask the
    # browser on connect and log an error if no answer came within NiceGUI's 1 s, as on a busy machine.
    with ui.left_drawer(value=False).props('show-if-above bordered breakpoint=1023 width=260').classes(
            'q-pa-sm').mark('staff-menu') as drawer:
        with ui.element('nav').props(f'aria-label="{t("frame.navigation")}"').classes(
                'column gap-1 w-full portal-drawer-nav'):
            for item in nav:
                _nav_button(item, t, current, on_badge, flat=True, align='left')
    return drawer


def _nav_button(item: NavItem, t: Translator, current: str, on_badge: BadgeHandler | None, *, flat: bool,
                align: str = 'center') -> None:
    here = item.route == current
    button = ui.button(t(item.label), icon=item.icon)
    button.props(f'href="{item.route}" {"flat" if flat else ""} no-caps align={align} color=primary'
                 + (' aria-current=page' if here else ''))
    button.classes('portal-current' if here else '').classes('w-full' if align == 'left' else '')
    if item.counter is not None and on_badge is not None:
        with button:
            badge = ui.badge(color='negative').props('floating rounded').mark(f'badge-{item.label}')
        badge.set_visibility(False)
        on_badge(item, badge)
