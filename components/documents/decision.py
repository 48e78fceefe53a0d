"""Accept a submitted document, or ask for a new upload with a standard reason (the customer reads it in their own
language) and, if needed, a message of one's own; and move on to the next document."""
from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from components.core.busy import busy_button
from portal.core.i18n import Translator
from portal.documents.reasons import reason_key


def decision_buttons(*, t: Translator, reasons: Sequence[str], on_accept: Callable[[], Awaitable[None]],
                     on_ask_again: Callable[[str, str], Awaitable[bool]]) -> ui.element:
    """``on_ask_again(code, message)`` returns whether it worked; only then the dialog closes and is cleared."""
    with ui.dialog() as dialog, ui.card().classes('w-full').style('max-width: 36rem').mark('reason-dialog'):
        ui.label(t('inbox.ask_again')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(t('inbox.reason_explain')).classes('text-body2')
        legend = ui.label(t('documents.field.reason')).classes('text-subtitle1 text-weight-medium')
        code = ui.radio({reason: t(reason_key(reason)) for reason in reasons}).props(
            f'role=radiogroup aria-labelledby=c{legend.id}').mark('reason-code')
        note = ui.textarea(t('inbox.note')).props('outlined autogrow maxlength=500 counter lang=de').classes(
            'w-full').mark('reason')

        async def on_send() -> None:
            if await on_ask_again(code.value or '', ' '.join((note.value or '').split())):  # one line
                code.value, note.value = None, ''
                dialog.close()

        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('form.cancel'), on_click=dialog.close).props('flat no-caps').mark('reason-cancel')
            busy_button(t('inbox.send'), icon='send', on_click=on_send).mark('reason-send')
    with ui.row().classes('gap-2 w-full') as root:
        busy_button(t('inbox.accept'), icon='check', on_click=on_accept).props('size=lg').mark('accept')
        ui.button(t('inbox.ask_again'), icon='replay', on_click=dialog.open).props(
            'outline no-caps size=lg').mark('ask-again')
    return root


def next_button(*, t: Translator, on_next: Callable[[], Awaitable[None]]) -> ui.button:
    """Opens the next document still to be handled; the page focuses it after a decision."""
    return busy_button(t('inbox.next'), icon='skip_next', on_click=on_next, props='outline no-caps').mark(
        'next-document')
