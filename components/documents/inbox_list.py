"""The document inbox: filters by kind and status, and one card per submission (stacked on a phone)."""
from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from components.core.pager import paged_rows
from components.documents.document_cards import status_badge
from portal.core.i18n import Translator
from portal.core.listing import Listing
from portal.documents import InboxRow
from portal.documents.kinds import kind_key, status_key


def inbox_filter(*, kinds: Sequence[str], statuses: Sequence[str], t: Translator, kind: str = '', status: str = '',
                 on_filter: Callable[[str, str], Awaitable[None]]) -> ui.element:
    """Two selects starting at ``kind`` and ``status``; ``on_filter(kind, status)`` runs on every change (an empty
    value does not filter)."""
    kind_options = {'': t('inbox.all_kinds')} | {kind: t(kind_key(kind)) for kind in kinds}
    status_options = {'': t('inbox.all_statuses')} | {status: t(status_key(status)) for status in statuses}
    with ui.element('div').classes('grid grid-cols-1 sm:grid-cols-2 gap-2 w-full') as root:
        kinds_shown = ui.select(kind_options, label=t('documents.receipt.kind'), value=kind).props(
            'outlined behavior=menu').classes('w-full').mark('filter-kind')
        statuses_shown = ui.select(status_options, label=t('inbox.status'), value=status).props(
            'outlined behavior=menu').classes('w-full').mark('filter-status')

    async def on_change() -> None:
        await on_filter(kinds_shown.value or '', statuses_shown.value or '')

    kinds_shown.on_value_change(on_change)
    statuses_shown.on_value_change(on_change)
    return root


def inbox_list(listing: Listing[InboxRow], *, t: Translator, link: Callable[[int], str],
               on_move: Callable[[int], Awaitable[None]]) -> ui.element:
    """Each card links to ``link(submission_id)``; a long list is shown a page at a time (``on_move(offset)``)."""
    def card(row: InboxRow) -> None:
        with ui.card().classes('portal-card q-pa-md gap-1').mark('inbox-row'):
            _summary(row, t, link(row.submission.id))

    with ui.element('div').classes('column gap-2 w-full').mark('inbox-results') as root:
        paged_rows(listing, t=t, tag='ul', empty=t('inbox.none'),
                   count=t('inbox.found', count=t.number(len(listing.rows))), on_move=on_move, row=card)
    return root


def _summary(row: InboxRow, t: Translator, href: str) -> None:
    submission = row.submission
    ui.link(t(kind_key(submission.kind)), href).classes('block q-py-sm text-subtitle1 text-weight-medium')
    ui.label(f'{row.customer_name} · {row.customer_number}').classes('text-body1').props('dir=auto')
    ui.label(t('inbox.row_facts', sheets=t.number(submission.sheet_count),
               time=t.datetime(submission.submitted_at, 'short'))).classes('text-body2')
    status_badge(submission, t=t).classes('self-start')
