"""Small displays of the customer's documents: a notice's text, an open request, a receipt.

Data in (read models from ``portal.documents``), ``on_*`` callbacks out; pictures and PDFs are loaded by
the browser from the document routes (``/api/documents/...``), never sent over the websocket.
"""
from collections.abc import Awaitable, Callable
from datetime import date

from nicegui import ui

from components.core.busy import busy_button
from portal.core import routes
from portal.core.i18n import Translator
from portal.documents import NotificationView, Receipt, RequestView
from portal.documents.reasons import reason_key

REASON_KEYS = reason_key('')  # 'documents.reason.': notices name standard reasons by their catalogue key

STATUS_COLOURS = {'received': 'primary', 'accepted': 'positive', 'resubmit': 'negative'}
STATUS_ICONS = {'received': 'schedule', 'accepted': 'check_circle', 'resubmit': 'replay', 'resent': 'done'}


def notice_text(notice: NotificationView, *, t: Translator) -> str:
    """A notification in the reader's language: kind names translated, ISO dates formatted."""
    params = {}
    for name, value in notice.params.items():
        if name == 'due_on':
            params[name] = t.date(date.fromisoformat(str(value)))
        elif name == 'kind' or (name == 'reason' and str(value).startswith(REASON_KEYS)):
            params[name] = t(str(value))  # a standard reason is read in the reader's language
        else:
            params[name] = t.embedded(str(value))  # e.g. a German reason inside an Arabic sentence
    return t(notice.key, **params)


def request_card(request: RequestView, *, t: Translator, on_send: Callable[[], Awaitable[None]]) -> ui.card:
    """An open request with its due date and a "send now" button."""
    with ui.card().classes('portal-card').mark(f'request-{request.id}') as card:
        ui.label(t(f'documents.kind.{request.kind}')).classes('text-subtitle1 text-weight-medium')
        ui.label(t('capture.request_due', date=t.date(request.due_on))).classes('text-body1')
        if request.message:
            ui.label(request.message).classes('text-body2')
        busy_button(t('capture.send_now'), icon='photo_camera', on_click=on_send,
                    props='unelevated no-caps size=lg').classes('w-full').mark(f'send-request-{request.id}')
    return card


def status_badge(receipt: Receipt, *, t: Translator) -> ui.badge:
    return ui.badge(t(f'documents.status.{receipt.status}'), color=STATUS_COLOURS.get(receipt.status, 'primary')) \
        .classes('text-body2 q-px-sm q-py-xs')


def status_chip(receipt: Receipt, *, t: Translator, answered: bool = False) -> ui.chip:
    """The status in words with an icon, never colour alone; ``answered``: asked for again, and sent again since."""
    state = 'resent' if answered and receipt.status == 'resubmit' else receipt.status
    text = t('capture.status_resent') if state == 'resent' else t(f'documents.status.{state}')
    return ui.chip(text, icon=STATUS_ICONS.get(state, 'schedule'), color=STATUS_COLOURS.get(state, 'secondary'),
                   text_color='white').props('square').classes('text-body2 q-ma-none').mark(f'status-{receipt.id}')


def receipt_card(receipt: Receipt, *, t: Translator, opened: bool, answered: bool = False,
                 on_send_again: Callable[[], Awaitable[None]] | None = None) -> ui.expansion:
    """A sent document: kind, date and status in the list, below it a "send again" button when the case worker
    asked for it again (``on_send_again``); opened, the whole receipt with the reason to send again."""
    title = t(f'documents.kind.{receipt.kind}')
    caption = t('capture.submitted_line', date=t.datetime(receipt.submitted_at, 'short'),
                sheets=t.number(receipt.sheet_count))
    with ui.expansion(title, caption=caption, value=opened).classes('portal-card bg-white rounded-borders') \
            .style('scroll-margin-top: 5rem') \
            .props(f'header-class="text-body1" id=receipt-{receipt.id}').mark(f'receipt-{receipt.id}') as box:
        with box.add_slot('header'), ui.element('q-item-section'):  # the line that opens it: kind, date, status
            ui.label(title)
            ui.label(caption).classes('text-body2 text-grey-7')
            status_chip(receipt, t=t, answered=answered).classes('self-start q-mt-xs')
        with ui.column().classes('gap-2 w-full q-pa-sm'):
            with ui.row().classes('items-center gap-2'):
                ui.label(t('capture.status')).classes('text-body2')
                status_badge(receipt, t=t)
            resubmit_reason(receipt, t=t)
            _receipt_facts(receipt, t=t)
            _thumbnails(receipt, t=t)
            ui.button(t('capture.receipt_download'), icon='download').props(
                f'unelevated no-caps href="{routes.RECEIPT_PDF.format(submission_id=receipt.id)}"').classes('w-full') \
                .mark('receipt-download')
            ui.button(t('capture.document_download'), icon='picture_as_pdf').props(
                f'outline no-caps href="{routes.DOCUMENT_PDF.format(submission_id=receipt.id)}"').classes('w-full') \
                .mark('document-download')
    if on_send_again is not None:  # outside the expansion: to be seen and pressed without opening the receipt
        busy_button(t('capture.send_again'), icon='photo_camera', on_click=on_send_again,
                    props='unelevated no-caps').classes('w-full').mark(f'send-again-{receipt.id}')
    return box


def resubmit_reason(receipt: Receipt, *, t: Translator) -> None:
    """Why to send again: the standard reason in the reader's language, and staff's own message as written,
    marked as German (``lang=de``, so a screen reader reads it with a German voice)."""
    if receipt.reason_code:
        ui.label(t('capture.reason', reason=t(reason_key(receipt.reason_code)))).classes(
            'text-body1 text-negative').mark('reason-code')
    if receipt.reason:
        with ui.element('p').classes('text-body1 q-ma-none').mark('staff-note'):
            ui.label(t('capture.staff_note')).classes('text-weight-medium').style('display: inline')
            ui.label(receipt.reason).props('lang=de dir=ltr').style('display: inline; margin-inline-start: 0.25em')


def _receipt_facts(receipt: Receipt, *, t: Translator) -> None:
    rows = [('documents.receipt.number', str(receipt.id)),
            ('documents.receipt.submitted_at', t.datetime(receipt.submitted_at)),
            ('documents.receipt.kind', t(f'documents.kind.{receipt.kind}')),
            ('documents.receipt.sheets', t.number(receipt.sheet_count))]
    if receipt.note:
        rows.append(('documents.receipt.note', receipt.note))
    with ui.element('dl').classes('q-ma-none'):
        for key, value in rows:
            _tagged('dt', t(key)).classes('text-body2 text-grey-7')
            _tagged('dd', value).classes('text-body1 q-ml-none q-mb-sm')
        _tagged('dt', t('documents.receipt.sha256')).classes('text-body2 text-grey-7')
        _tagged('dd', receipt.sha256).classes('q-ml-none font-mono text-body2').style(
            'overflow-wrap: anywhere').mark('receipt-hash')


def _tagged(tag: str, text: str) -> ui.label:
    label = ui.label(text)
    label.tag = tag
    return label


def _thumbnails(receipt: Receipt, *, t: Translator) -> None:
    ui.label(t('documents.receipt.thumbnails')).classes('text-body2 text-grey-7')
    with ui.row().classes('gap-2'):
        for index in range(receipt.sheet_count):
            ui.image(routes.SUBMISSION_SHEET.format(submission_id=receipt.id, index=index)).props(
                f'alt="{t("capture.page", number=index + 1)}" loading=lazy fit=contain') \
                .classes('w-24 h-32')
