"""Requests for proofs: the form to ask a customer for one by a date, and the list of open requests."""
from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from nicegui import ui

from components.core.busy import busy_button
from portal.core.i18n import Translator
from portal.documents import RequestView
from portal.documents.kinds import kind_key


def request_form(*, kinds: Sequence[str], t: Translator, today: date,
                 on_request: Callable[[str, date | None, str], Awaitable[bool]]) -> ui.element:
    """``on_request(kind, due_on, message)``; ``due_on`` is None when the field holds no date.

    The inputs are emptied when ``on_request`` returns True.
    """
    with ui.element('div').classes('column gap-2 w-full').mark('request-form') as root:
        with ui.element('div').classes('grid grid-cols-1 sm:grid-cols-2 gap-2 w-full'):
            kind = ui.select({code: t(kind_key(code)) for code in kinds}, label=t('documents.receipt.kind')).props(
                'outlined behavior=menu').classes('w-full').mark('request-kind')
            due = ui.input(t('inbox.request_due')).props(
                f'outlined stack-label type=date min={today.isoformat()}').classes('w-full').mark('request-due')
        message = ui.textarea(t('documents.field.message')).props('outlined autogrow maxlength=500').classes(
            'w-full').mark('request-message')

        async def on_click() -> None:
            text = ' '.join((message.value or '').split())  # the service takes one line
            if await on_request(kind.value or '', _date(due.value), text):
                kind.value, due.value, message.value = None, '', ''

        busy_button(t('inbox.request_send'), icon='outgoing_mail', on_click=on_click).classes(
            'self-start').mark('request-send')
    return root


def request_list(requests: Sequence[RequestView], *, t: Translator,
                 on_cancel: Callable[[int], Awaitable[None]]) -> ui.element:
    """The open requests (fulfilled and withdrawn ones are left out), each with a button to withdraw it."""
    still_open = [request for request in requests if request.is_open]
    with ui.element('div').classes('column gap-2 w-full').mark('open-requests') as root:
        if not still_open:
            ui.label(t('inbox.no_open_requests')).classes('text-body1')
            return root
        with ui.element('ul').classes('column gap-2 w-full q-pa-none q-ma-none').style('list-style: none'):
            for request in still_open:
                with ui.element('li').classes('row items-center gap-2 w-full').mark('open-request'):
                    _request_line(request, t, on_cancel)
    return root


def _request_line(request: RequestView, t: Translator, on_cancel: Callable[[int], Awaitable[None]]) -> None:
    with ui.column().classes('gap-0 col-grow'):
        ui.label(t(kind_key(request.kind))).classes('text-body1 text-weight-medium')
        ui.label(t('inbox.due_line', date=t.date(request.due_on))).classes('text-body2')
        if request.message:
            ui.label(request.message).classes('text-body2').props('dir=auto')

    async def on_click() -> None:
        await on_cancel(request.id)

    busy_button(t('inbox.cancel_request'), icon='close', on_click=on_click,
                props='outline no-caps').mark('cancel-request')


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or '')
    except ValueError:
        return None
