"""The audit log for admins: the filter, and the entries as a list that reads well on a phone."""
from collections.abc import Awaitable, Callable
from datetime import date

from nicegui import ui

from components.core.busy import busy_button
from components.core.pager import paged_rows
from portal.audit.service import AuditFilter, AuditRow
from portal.core.i18n import Translator
from portal.core.listing import Listing


def action_label(action: str, t: Translator) -> str:
    """The translated name of an action; an action nobody translated yet is shown as it is stored."""
    key = f'audit.action.{action}'
    text = t(key)
    return action if text == key else text


def audit_filter(actions: list[str], *, t: Translator, customer_number: str = '',
                 on_filter: Callable[[AuditFilter], Awaitable[None]]) -> ui.card:
    """Who, what, which customer and which days; ``on_filter`` gets the filter when Show is pressed."""
    with ui.card().classes('portal-card').mark('audit-filter') as card:
        ui.label(t('audit.filter_title')).classes('text-h6').props('role=heading aria-level=2')
        with ui.element('div').classes('grid grid-cols-1 md:grid-cols-2 gap-x-4 gap-y-2 w-full'):
            actor = _input(t('audit.actor'), '', 'audit-actor')
            action = ui.select({'': t('audit.any_action')} | {name: action_label(name, t) for name in actions},
                               label=t('audit.action'), value='').props('outlined behavior=menu').classes(
                'w-full').mark('audit-action')
            customer = _input(t('field.customer_number'), customer_number, 'audit-customer')
            first = _input(t('audit.from'), '', 'audit-from').props('type=date stack-label')
            last = _input(t('audit.until'), '', 'audit-until').props('type=date stack-label')

        async def on_click() -> None:
            await on_filter(AuditFilter.of_days(_date(first.value), _date(last.value), actor_name=actor.value or '',
                                                action=action.value or '', customer_number=customer.value or ''))

        busy_button(t('audit.show'), icon='filter_list', on_click=on_click, submit_from=(actor, customer)).classes(
            'self-start').mark('audit-show')
    return card


def audit_list(listing: Listing[AuditRow], *, t: Translator, customer_link: Callable[[int], str],
               on_move: Callable[[int], Awaitable[None]]) -> ui.element:
    """Newest first; each entry says when, who, what and about which customer. A long log is shown a page at a
    time (``on_move(offset)``)."""
    def card(row: AuditRow) -> None:
        with ui.card().classes('portal-card q-pa-sm gap-1').mark('audit-entry'):
            _entry(row, t, customer_link)

    with ui.element('div').classes('column gap-2 w-full').mark('audit-entries') as root:
        paged_rows(listing, t=t, tag='ol', empty=t('audit.none'),
                   count=t('audit.count', count=t.number(len(listing.rows))), on_move=on_move, row=card)
    return root


def _entry(row: AuditRow, t: Translator, customer_link: Callable[[int], str]) -> None:
    with ui.row().classes('w-full gap-x-4 gap-y-0 items-baseline'):
        ui.label(t.datetime(row.at)).classes('text-body2 text-grey-7')
        ui.label(row.actor_name).classes('text-body1 text-weight-medium')
        ui.label(action_label(row.action, t)).classes('text-body1')
    if row.customer_id is not None:
        ui.link(t('audit.customer', number=row.customer_number or row.customer_id),
                customer_link(row.customer_id)).classes('text-body2')
    if row.detail:
        ui.label(t('audit.detail', detail=row.detail)).classes('text-body2')


def _input(label: str, value: str, marker: str) -> ui.input:
    return ui.input(label, value=value).props('outlined autocomplete=off').classes('w-full').mark(marker)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or '')
    except ValueError:
        return None
