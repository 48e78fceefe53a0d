"""Opening hours as editable rows of weekday, opening and closing time."""
from collections.abc import Callable
from functools import partial

from nicegui import ui

from portal.core.i18n import Translator

NEW_ROW = (0, '08:00', '12:00')


def hours_editor(rows: list, *, t: Translator, on_change: Callable[[list[list]], None]) -> ui.element:
    """One row per opening period (a day may have two); ``on_change`` gets all rows after every edit.

    Weekday names come from ``t.weekday``; times are typed as HH:MM (the phone shows its time picker).
    """
    return _HoursEditor(rows, t, on_change).root


class _HoursEditor:
    def __init__(self, rows: list, t: Translator, on_change: Callable[[list[list]], None]) -> None:
        self.state = sorted([int(day), str(opens), str(closes)] for day, opens, closes in rows)
        self.t = t
        self.on_change = on_change
        with ui.element('div').classes('column gap-2 w-full').mark('hours-editor') as self.root:
            ui.label(t('hours.title')).classes('text-subtitle2')
            self.table = ui.element('div').classes('column gap-2 w-full')
            ui.button(t('hours.add'), icon='add', on_click=self.add).props('flat no-caps').classes(
                'self-start').mark('add-hours')
        self.render()

    def render(self) -> None:
        self.table.clear()
        with self.table:
            if not self.state:
                ui.label(self.t('hours.none')).classes('text-body2')
            for row in self.state:
                _row(row, self.t, on_edit=self.changed, on_remove=partial(self.remove, row))

    def changed(self) -> None:
        self.on_change([list(row) for row in self.state])

    def add(self) -> None:
        self.state.append(list(NEW_ROW))
        self.render()
        self.changed()

    def remove(self, row: list) -> None:
        self.state.remove(row)
        self.render()
        self.changed()


def _row(row: list, t: Translator, *, on_edit: Callable[[], None], on_remove: Callable[[], None]) -> None:
    def set_value(index: int, value: object) -> None:
        row[index] = value if value is not None else ''
        remove.props(f'aria-label="{t("hours.remove", day=t.weekday(row[0]))}"')
        on_edit()

    # on a phone the weekday takes a line of its own, the times and the remove button the next one
    with ui.element('div').classes('grid grid-cols-[1fr_1fr_auto] md:grid-cols-[1fr_1fr_1fr_auto] gap-2 items-center '
                                   'w-full q-pb-sm').style('border-bottom: 1px solid #ddd'):
        ui.select({day: t.weekday(day) for day in range(7)}, label=t('hours.weekday'), value=row[0],
                  on_change=lambda event: set_value(0, event.value)).props('outlined dense behavior=menu').classes(
            'col-span-3 md:col-span-1').mark('hours-day')
        for index, label, marker in ((1, 'hours.opens', 'hours-opens'), (2, 'hours.closes', 'hours-closes')):
            ui.input(t(label), value=row[index], on_change=lambda event, index=index: set_value(index, event.value))\
                .props('outlined dense type=time stack-label').mark(marker)
        remove = ui.button(icon='delete', on_click=on_remove).props('flat round color=negative').mark('remove-hours')
        remove.props(f'aria-label="{t("hours.remove", day=t.weekday(row[0]))}"')
