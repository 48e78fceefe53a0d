"""An office's address and opening hours, with weekday names in the reader's language."""
from nicegui import ui

from portal.core.i18n import Translator
from portal.people.views import LocationView


def office_card(location: LocationView, *, t: Translator, heading: str) -> ui.card:
    with ui.card().classes('portal-card') as card:
        ui.label(heading).classes('text-h6').props('role=heading aria-level=2')
        ui.label(location.name).classes('text-body1 text-weight-medium')
        ui.label(f'{location.street}, {location.postcode} {location.city}').classes('text-body1')
        ui.label(t('office.opening_hours')).classes('text-subtitle2 q-mt-sm')
        with ui.element('dl').classes('text-body2'):
            for day, hours in _by_day(location.opening_hours):
                with ui.element('div').classes('row gap-2'):
                    with ui.element('dt').classes('min-w-[7rem]'):
                        ui.label(t.weekday(day))
                    with ui.element('dd'):  # isolated left to right, or RTL pages show "12:00 – 08:00"
                        ui.label('\u2066' + ', '.join(f'{opens} – {closes}' for opens, closes in hours) + '\u2069')
    return card


def _by_day(rows: tuple) -> list[tuple[int, list[tuple[str, str]]]]:
    """Morning and afternoon hours of one day on one line, days in week order."""
    days: dict[int, list[tuple[str, str]]] = {}
    for day, opens, closes in sorted(rows):
        days.setdefault(day, []).append((opens, closes))
    return sorted(days.items())
