"""Activate an account (or reset a forgotten password) with the code from the job centre's letter.

Coming from single sign-on with an identity that belongs to no account yet (``?sso=1``), the page says so, and
a successful activation links that identity to the account, so the next sign-on goes straight in.
"""
from datetime import datetime

from nicegui import app, ui

from components.core.busy import busy_button
from pages.core.calls import call
from pages.core.guard import PUBLIC, View, guarded, page_frame
from pages.identity.login import NEXT_STEP
from pages.identity.renewal import hand_over
from pages.identity.sso import PENDING_KEY
from portal.core import routes
from portal.core.errors import InvalidInput, PortalError
from portal.identity.auth import SignIn
from portal.identity.sso import SingleSignOn
from portal.services import Portal

ROUTE = routes.ACTIVATE


def register(portal: Portal) -> None:
    service = portal.sso

    @guarded(portal, ROUTE, roles=PUBLIC, title='Konto aktivieren')
    async def activate_page(view: View, sso: str = '') -> None:
        pending = app.storage.user.get(PENDING_KEY) if sso == '1' else None
        with page_frame(view, view.t('activate.title'), current=ROUTE):
            notice = ui.label(view.t('auth.sso_not_linked', provider=_provider(view, pending))).classes(
                'text-body1 text-weight-medium').props('role=status').mark('sso-not-linked') if pending else None
            ui.label(view.t('activate.explain')).classes('text-body1')
            _form(view, service if pending else None, notice)
            ui.link(view.t('activate.back_to_login'), routes.LOGIN).classes('text-body1')


def _form(view: View, service: SingleSignOn | None, notice: ui.label | None) -> None:
    t = view.t
    with ui.card().classes('portal-card') as card:
        identifier = ui.input(t('activate.identifier')).props('autocomplete=username outlined').classes('w-full')
        identifier.props['hint'] = t('activate.identifier_hint')  # below the field: a long label would be cut off
        code = ui.input(t('activate.code'), placeholder='ABCD-EFGH-JKLM').props(
            'autocomplete=one-time-code outlined').classes('w-full')
        first = ui.input(t('activate.password'), password=True, password_toggle_button=True).props(
            'autocomplete=new-password outlined').classes('w-full')
        ui.label(t('activate.password_rule')).classes('text-body2 text-grey-7')
        second = ui.input(t('activate.password_again'), password=True).props(
            'autocomplete=new-password outlined').classes('w-full')

        async def on_submit() -> None:
            if (first.value or '') != (second.value or ''):
                view.fail(InvalidInput('activate.passwords_differ'))
                return
            try:
                result = await call(view.portal.activation.activate, identifier.value or '',
                                            code.value or '', first.value or '', view.address)
            except PortalError as error:
                view.fail(error)
                return
            await _after_activation(view, service, result, card, notice)

        button = busy_button(t('activate.submit'), on_click=on_submit, props='unelevated size=lg').classes('w-full')
    for element, name in ((identifier, 'identifier'), (code, 'code'), (first, 'password'), (second, 'repeat'),
                          (button, 'activate')):
        element.mark(name)


async def _after_activation(view: View, service: SingleSignOn | None, result: SignIn, card: ui.card,
                            notice: ui.label | None) -> None:
    """Without a pending identity go on at once; with one, link it and say how that went before going on."""
    pending = app.storage.user.pop(PENDING_KEY, None) if service is not None else None
    target = hand_over(view.portal, result.token, result.language, NEXT_STEP.get(result.step, routes.HOME))
    if service is None or not pending:
        ui.navigate.to(target)
        return
    message, linked = view.t('auth.sso_linked', provider=_provider(view, pending)), True
    try:
        await call(service.link, result.token, pending['issuer'], pending['subject'],
                           until=datetime.fromisoformat(pending['until']))
    except PortalError as error:
        message, linked = view.t(error.key, **{**error.params, 'provider': _provider(view, pending)}), False
    if notice is not None:
        notice.set_visibility(False)
    card.clear()
    with card:
        ui.label(message).classes('text-body1' if linked else 'text-body1 text-negative').props(
            'role=status' if linked else 'role=alert').mark('sso-link-result')
        ui.button(view.t('sso.continue'), on_click=lambda: ui.navigate.to(target)).props(
            'unelevated size=lg').classes('w-full').mark('continue')


def _provider(view: View, pending: dict) -> str:
    kind = pending.get('kind')
    name = getattr(view.portal.settings, f'{kind}_oidc_name') if kind in ('citizen', 'staff') else None
    return name or view.t('sso.any_provider')
