"""The confirmation before a customer is erased for good: who, and everything that goes with them."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from components.core.busy import busy_button
from portal.core.i18n import Translator
from portal.people.views import CustomerView

REMOVED = ('customers.erase.account', 'customers.erase.chat', 'customers.erase.documents', 'customers.erase.notices')


def erase_dialog(customer: CustomerView, *, t: Translator, on_erase: Callable[[], Awaitable[object]]) -> ui.dialog:
    """A dialog naming the customer and what will be deleted; ``on_erase`` deletes (what it returns is not used).
    Cancelling is the first button: the safe choice is the nearest."""
    with ui.dialog() as dialog, ui.card().classes('w-full').style('max-width: 36rem').mark('erase-dialog') as card:
        title = ui.label(t('customers.erase.title', name=customer.name)).classes('text-h6').props(
            'role=heading aria-level=2')
        card.props(f'role=alertdialog aria-labelledby=c{title.id}')
        ui.label(t('customers.erase.intro')).classes('text-body1')
        with ui.element('ul').mark('erase-list'):
            with ui.element('li'):
                ui.label(t('customers.erase.record', number=customer.customer_number))
            for key in REMOVED:
                with ui.element('li'):
                    ui.label(t(key))
        ui.label(t('customers.erase.audit')).classes('text-body2')

        async def on_click() -> None:
            await on_erase()
            dialog.close()

        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('customers.erase.cancel'), on_click=dialog.close).props('flat no-caps').mark('erase-cancel')
            busy_button(t('customers.erase.confirm'), icon='delete', on_click=on_click,
                        props='unelevated no-caps color=negative').mark('erase-confirm')
    return dialog
