"""Staff sign-in, step two: the code from the authenticator app, or enrolment of the app by QR code."""
import segno
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from components.core.busy import busy_button
from pages.core.calls import call
from pages.core.guard import PUBLIC, View, guarded, page_frame
from pages.identity.renewal import hand_over
from portal.core import routes
from portal.core.errors import PortalError
from portal.services import Portal

ROUTE = routes.SECOND_FACTOR
ENROL_ROUTE = routes.ENROL


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=PUBLIC, title='Zweiter Faktor')
    async def second_factor_page(view: View) -> RedirectResponse | None:
        account = await call(view.portal.auth.pending_account, app.storage.user.get('token'))
        if account is None or not account.totp_enabled:
            return RedirectResponse(routes.LOGIN if account is None else ENROL_ROUTE, status_code=303)
        with page_frame(view, view.t('mfa.title'), current=ROUTE):
            ui.label(view.t('mfa.explain')).classes('text-body1')
            _code_form(view, view.t('mfa.code_or_recovery'), view.portal.second_factor.verify,
                       on_done=lambda _result: _to_home(view))
        return None

    @guarded(portal, ENROL_ROUTE, roles=PUBLIC, title='Authenticator einrichten')
    async def enrol_page(view: View) -> RedirectResponse | None:
        token: str = app.storage.user.get('token', '')  # none yet: no pending account either
        account = await call(view.portal.auth.pending_account, token)
        if account is None or account.totp_enabled:
            return RedirectResponse(routes.LOGIN if account is None else ROUTE, status_code=303)
        enrolment = await call(view.portal.second_factor.start_enrolment, token)
        with page_frame(view, view.t('mfa.enrol_title'), current=ENROL_ROUTE):
            ui.label(view.t('mfa.enrol_explain')).classes('text-body1')
            qr = segno.make(enrolment.uri, error='m')
            ui.image(qr.svg_data_uri(scale=6, border=2)).props(f'alt="{view.t("mfa.qr_alt")}"').classes('w-56 h-56')
            ui.label(view.t('mfa.manual_key', key=enrolment.secret)).classes('text-body2 font-mono').mark('secret')
            area = ui.column().classes('w-full')
            with area:
                _code_form(view, view.t('mfa.first_code'), view.portal.second_factor.confirm_enrolment,
                           on_done=lambda codes: _show_recovery_codes(view, area, codes))
        return None


def _code_form(view: View, label: str, check, *, on_done) -> None:
    code = ui.input(label).props('autocomplete=one-time-code inputmode=numeric outlined').classes('w-full')
    code.mark('code')

    async def on_confirm() -> None:
        try:
            result = await call(check, app.storage.user.get('token'), code.value or '', view.address)
        except PortalError as error:
            code.value = ''
            view.fail(error)
            return
        on_done(result)

    busy_button(view.t('mfa.confirm'), on_click=on_confirm, props='unelevated size=lg',
                submit_from=(code,)).classes('w-full').mark('confirm')


def _to_home(view: View) -> None:
    """Signed in fully now: home, through a new session id."""
    ui.navigate.to(hand_over(view.portal, app.storage.user.get('token', ''), None, routes.HOME))


def _show_recovery_codes(view: View, area: ui.column, codes: list[str]) -> None:
    area.clear()
    with area:
        ui.label(view.t('mfa.recovery_title')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(view.t('mfa.recovery_explain')).classes('text-body1')
        with ui.element('ul').classes('font-mono text-body1').mark('recovery-codes'):
            for code in codes:
                with ui.element('li').classes('q-py-xs'):
                    ui.label(code).props('dir=ltr')
        ui.button(view.t('mfa.recovery_done'), on_click=lambda: _to_home(view)).props('unelevated size=lg').classes(
            'w-full')
