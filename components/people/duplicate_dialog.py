"""The warning before creating a customer who may exist already: open the existing record, or create anyway."""
from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from components.core.busy import busy_button
from components.people.customer_list import customer_summary
from portal.core.i18n import Translator
from portal.people.views import CustomerView


def duplicate_dialog(matches: Sequence[CustomerView], *, t: Translator, link: Callable[[int], str],
                     on_create: Callable[[], Awaitable[object]]) -> ui.dialog:
    """A dialog naming the ``matches`` (each a link to ``link(id)``); ``on_create`` creates the new one anyway
    (what it returns is not used)."""
    with ui.dialog() as dialog, ui.card().classes('w-full').style('max-width: 36rem').mark('duplicate-dialog') as card:
        title = ui.label(t('customers.duplicate_title')).classes('text-h6').props('role=heading aria-level=2')
        card.props(f'role=alertdialog aria-labelledby=c{title.id}')
        ui.label(t('customers.duplicate_warning')).classes('text-body1')
        with ui.element('ul').classes('column gap-2 w-full q-pa-none q-ma-none').style('list-style: none'):
            for match in matches:
                with ui.element('li'), ui.card().classes('portal-card q-pa-md gap-1').mark('duplicate'):
                    customer_summary(match, t=t, href=link(match.id))
        ui.label(t('customers.duplicate_explain')).classes('text-body2')

        async def on_click() -> None:
            await on_create()
            dialog.close()

        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('form.cancel'), on_click=dialog.close).props('flat no-caps').mark('duplicate-cancel')
            busy_button(t('customers.create_anyway'), icon='person_add', on_click=on_click).mark('create-anyway')
    return dialog
