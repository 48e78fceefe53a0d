"""Offices and teams for the admin page: how each is shown, and the forms to create or change one."""
from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from components.core.busy import busy_button
from components.people.hours_editor import hours_editor
from portal.core.i18n import Translator
from portal.people.organisation import LocationDraft
from portal.people.views import LocationView, TeamView


def location_card(location: LocationView, *, t: Translator, on_edit: Callable[[], None]) -> ui.card:
    """Name, address and opening hours of an office, with an edit button."""
    with ui.card().classes('portal-card q-pa-md gap-1').mark('location-card', f'location-{location.id}') as card:
        ui.label(location.name).classes('text-subtitle1 text-weight-medium').props('role=heading aria-level=3')
        ui.label(f'{location.street}, {location.postcode} {location.city}').classes('text-body2')
        _reach(location.phone, location.email)
        with ui.element('ul').classes('text-body2 q-pl-md q-my-none'):
            for day, opens, closes in sorted(location.opening_hours):
                with ui.element('li'):
                    ui.label(t('hours.line', day=t.weekday(day), opens=opens, closes=closes))
        ui.button(t('teams.edit'), icon='edit', on_click=on_edit).props('outline no-caps').classes(
            'self-start q-mt-sm').mark('edit-location')
    return card


def location_form(location: LocationView | None, *, t: Translator, on_save: Callable[[LocationDraft], Awaitable[None]],
                  on_cancel: Callable[[], None] | None = None) -> ui.element:
    """Name, address, phone and e-mail of the front desk, and the rows of opening hours; ``on_save`` gets the
    draft."""
    hours = [list(row) for row in location.opening_hours] if location else []
    with ui.element('div').classes('column gap-2 w-full') as root:
        with ui.element('div').classes('grid grid-cols-1 md:grid-cols-2 gap-x-4 gap-y-2 w-full'):
            fields = {name: _input(t(f'field.{name}'), getattr(location, name, None) or '', f'location-{name}')
                      for name in ('name', 'street', 'postcode', 'city', 'phone', 'email')}

        def keep(rows: list[list]) -> None:
            hours[:] = rows

        hours_editor(hours, t=t, on_change=keep)

        async def on_click() -> None:
            await on_save(LocationDraft(hours=[list(row) for row in hours],
                                        **{name: field.value or '' for name, field in fields.items()}))

        _buttons(t, on_click, on_cancel, 'save-location')
    return root


def team_row(team: TeamView, *, t: Translator, location: str, on_edit: Callable[[], None]) -> ui.card:
    """A team and the office it works at."""
    with ui.card().classes('portal-card q-pa-md gap-1').mark('team-card', f'team-{team.id}') as card:
        with ui.row().classes('items-center justify-between w-full gap-2'):
            with ui.column().classes('gap-0'):
                ui.label(team.name).classes('text-subtitle1 text-weight-medium')
                ui.label(location).classes('text-body2')
                _reach(team.phone, team.email)
            ui.button(t('teams.edit'), icon='edit', on_click=on_edit).props('outline no-caps').mark('edit-team')
    return card


def team_form(team: TeamView | None, *, locations: Sequence[LocationView], t: Translator,
              on_save: Callable[[str, int | None, str, str], Awaitable[None]],
              on_cancel: Callable[[], None] | None = None) -> ui.element:
    """Name, office, phone and e-mail of a team; ``on_save`` gets the four."""
    with ui.element('div').classes('column gap-2 w-full') as root:
        name = _input(t('field.name'), team.name if team else '', 'team-name')
        location = ui.select({place.id: place.name for place in locations}, label=t('field.location'),
                             value=team.location_id if team else None).props('outlined behavior=menu').classes(
            'w-full').mark('team-location')
        phone = _input(t('field.phone'), (team.phone if team else None) or '', 'team-phone')
        email = _input(t('field.email'), (team.email if team else None) or '', 'team-email').props('type=email')

        async def on_click() -> None:
            await on_save(name.value or '', location.value, phone.value or '', email.value or '')

        _buttons(t, on_click, on_cancel, 'save-team')
    return root


def _reach(phone: str | None, email: str | None) -> None:
    for value in (phone, email):
        if value:
            ui.label(value).classes('text-body2').props('dir=ltr')


def _input(label: str, value: str, marker: str) -> ui.input:
    return ui.input(label, value=value).props('outlined autocomplete=off').classes('w-full').mark(marker)


def _buttons(t: Translator, on_save: Callable[[], Awaitable[None]], on_cancel: Callable[[], None] | None,
             marker: str) -> None:
    with ui.row().classes('gap-2'):
        busy_button(t('form.save'), icon='save', on_click=on_save).mark(marker)
        if on_cancel is not None:
            ui.button(t('form.cancel'), on_click=on_cancel).props('flat no-caps').mark('cancel')
