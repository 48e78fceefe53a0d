"""Change the password: the old one is needed, and other signed-in devices are signed out."""
from nicegui import ui

from pages.core.calls import call
from pages.core.guard import EVERYONE_SIGNED_IN, View, guarded, page_frame
from portal.core import routes
from portal.core.errors import InvalidInput, PortalError
from portal.services import Portal

ROUTE = routes.ACCOUNT


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=EVERYONE_SIGNED_IN, title='Passwort ändern')
    async def password_page(view: View) -> None:
        t = view.t
        with page_frame(view, t('password.title'), current=routes.MORE):
            with ui.card().classes('portal-card'):
                old = ui.input(t('password.old'), password=True).props('autocomplete=current-password outlined')
                new = ui.input(t('password.new'), password=True, password_toggle_button=True).props(
                    'autocomplete=new-password outlined')
                ui.label(t('activate.password_rule')).classes('text-body2 text-grey-7')
                again = ui.input(t('password.again'), password=True).props('autocomplete=new-password outlined')
                button = ui.button(t('password.submit')).props('unelevated size=lg').classes('w-full')
            for element, name in ((old, 'old'), (new, 'new'), (again, 'again'), (button, 'save')):
                element.classes('w-full').mark(name)

        async def on_save() -> None:
            if (new.value or '') != (again.value or ''):
                view.fail(InvalidInput('activate.passwords_differ'))
                return
            try:
                await call(view.portal.auth.change_password, view.actor, old.value or '', new.value or '')
            except PortalError as error:
                view.fail(error)
                return
            for field in (old, new, again):
                field.value = ''
            ui.notify(t('password.changed'), type='positive', position='top')

        button.on_click(on_save)
