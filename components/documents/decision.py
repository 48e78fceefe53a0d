"""Accept a submitted document, or ask for a new upload with a reason the customer will read."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from components.core.busy import busy_button
from portal.core.i18n import Translator


def decision_buttons(*, t: Translator, on_accept: Callable[[], Awaitable[None]],
                     on_ask_again: Callable[[str], Awaitable[bool]]) -> ui.element:
    """``on_ask_again(reason)`` returns whether it worked; only then the dialog closes (the reason is kept)."""
    with ui.dialog() as dialog, ui.card().classes('w-full').style('max-width: 36rem').mark('reason-dialog'):
        ui.label(t('inbox.ask_again')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(t('inbox.reason_explain')).classes('text-body2')
        reason = ui.textarea(t('documents.field.reason')).props('outlined autogrow maxlength=500 counter').classes(
            'w-full').mark('reason')

        async def on_send() -> None:
            if await on_ask_again(' '.join((reason.value or '').split())):  # the service takes one line
                reason.value = ''
                dialog.close()

        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('form.cancel'), on_click=dialog.close).props('flat no-caps').mark('reason-cancel')
            busy_button(t('inbox.send'), icon='send', on_click=on_send).mark('reason-send')
    with ui.row().classes('gap-2 w-full') as root:
        busy_button(t('inbox.accept'), icon='check', on_click=on_accept).props('size=lg').mark('accept')
        ui.button(t('inbox.ask_again'), icon='replay', on_click=dialog.open).props(
            'outline no-caps size=lg').mark('ask-again')
    return root
