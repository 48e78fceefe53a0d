"""Activate an account (or reset a forgotten password) with the code from the job centre's letter."""
from nicegui import run, ui

from pages.guard import PUBLIC, View, guarded, page_frame, sign_in_browser
from pages.login import NEXT_STEP
from portal.errors import InvalidInput, PortalError
from portal.services import Portal

ROUTE = '/activate'


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=PUBLIC, title='Konto aktivieren')
    async def activate_page(view: View) -> None:
        with page_frame(view, view.t('activate.title'), current=ROUTE):
            ui.label(view.t('activate.explain')).classes('text-body1')
            _form(view)
            ui.link(view.t('activate.back_to_login'), '/login').classes('text-body1')


def _form(view: View) -> None:
    t = view.t
    with ui.card().classes('portal-card'):
        identifier = ui.input(t('activate.identifier')).props('autocomplete=username outlined').classes('w-full')
        code = ui.input(t('activate.code'), placeholder='ABCD-EFGH-JKLM').props(
            'autocomplete=one-time-code outlined').classes('w-full')
        first = ui.input(t('activate.password'), password=True, password_toggle_button=True).props(
            'autocomplete=new-password outlined').classes('w-full')
        ui.label(t('activate.password_rule')).classes('text-body2 text-grey-7')
        second = ui.input(t('activate.password_again'), password=True).props(
            'autocomplete=new-password outlined').classes('w-full')
        button = ui.button(t('activate.submit')).props('unelevated size=lg').classes('w-full')
    for element, name in ((identifier, 'identifier'), (code, 'code'), (first, 'password'), (second, 'repeat'),
                          (button, 'activate')):
        element.mark(name)

    async def on_submit() -> None:
        if button.props.get('loading'):
            return
        if (first.value or '') != (second.value or ''):
            view.fail(InvalidInput('activate.passwords_differ'))
            return
        button.props('loading')
        try:
            result = await run.io_bound(view.portal.activation.activate, identifier.value or '', code.value or '',
                                        first.value or '', view.address)
        except PortalError as error:
            view.fail(error)
            return
        finally:
            button.props(remove='loading')
        sign_in_browser(result.token, result.language)
        ui.navigate.to(NEXT_STEP.get(result.step, '/'))

    button.on_click(on_submit)
