"""Opening hours as people read them: a day's hours on one line, and whether the office is open today.

``rows`` are a location's opening hours as its ``LocationView`` holds them: (weekday 0-6 (Monday 0), 'HH:MM', 'HH:MM').
"""
from collections.abc import Iterable
from datetime import datetime

from portal.core.i18n import TIMEZONE, Translator

Row = tuple[int, str, str]  # weekday, opens, closes (a ``LocationView``'s ``opening_hours`` holds these)


def by_day(rows: Iterable[Row]) -> list[tuple[int, list[tuple[str, str]]]]:
    """Morning and afternoon hours of one day together, days in week order."""
    days: dict[int, list[tuple[str, str]]] = {}
    for day, opens, closes in sorted(rows):
        days.setdefault(int(day), []).append((opens, closes))
    return sorted(days.items())


def alike_days(rows: Iterable[Row]) -> list[tuple[list[int], list[tuple[str, str]]]]:
    """Days with the same hours together, in week order of their first day (for a short list on paper)."""
    groups: dict[tuple, list[int]] = {}
    for day, hours in by_day(rows):
        groups.setdefault(tuple(hours), []).append(day)
    return [(days, list(hours)) for hours, days in groups.items()]


def weekday_in_berlin(moment: datetime) -> int:
    """The job centre's weekday (Monday 0) at an aware moment: late on a Sunday in UTC is Monday in Berlin."""
    return moment.astimezone(TIMEZONE).weekday()


def day_text(t: Translator, hours: list[tuple[str, str]]) -> str:
    """'08:00–12:00 Uhr, 14:00–16:00 Uhr' in the reader's language."""
    return t('office.list_separator').join(t('office.span', opens=t.clock(opens), closes=t.clock(closes))
                                           for opens, closes in hours)


def today_text(t: Translator, rows: Iterable[Row], weekday: int) -> str:
    """'Heute geöffnet: 08:00–12:00 Uhr' or 'Heute geschlossen'."""
    hours = dict(by_day(rows)).get(weekday)
    return t('office.open_today', hours=day_text(t, hours)) if hours else t('office.closed_today')
