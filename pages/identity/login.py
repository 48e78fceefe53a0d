"""Sign in with e-mail or customer number and password, or through single sign-on."""
from fastapi.responses import RedirectResponse
from nicegui import ui

from components.core.busy import busy_button
from pages.core.calls import call
from pages.core.guard import PUBLIC, View, guarded, page_frame
from pages.identity.renewal import hand_over
from portal.core import routes
from portal.core.errors import PortalError
from portal.identity.auth import Step
from portal.services import Portal

ROUTE = routes.LOGIN
NEXT_STEP = {Step.SECOND_FACTOR: routes.SECOND_FACTOR, Step.ENROL: routes.ENROL}


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=PUBLIC, title='Anmelden')
    async def login_page(view: View, next: str = '/', error: str = '', kind: str = '') -> RedirectResponse | None:
        target = safe_next(next)
        if view.visitor is not None:
            return RedirectResponse(target, status_code=303)
        with page_frame(view, view.t('login.title'), current=ROUTE):
            if error == 'sso':
                _sso_failed(view, kind)
            _form(view, target)
            _single_sign_on(view)
            with ui.row().classes('gap-4'):
                ui.link(view.t('login.activate_link'), routes.ACTIVATE).classes('text-body1')
        return None


def safe_next(target: str) -> str:
    """Only paths on this site: never another host, never a scheme."""
    if not target.startswith('/') or target.startswith('//') or '\\' in target or ':' in target.split('?')[0]:
        return routes.HOME
    return target


def _form(view: View, target: str) -> None:
    t = view.t
    with ui.card().classes('portal-card'):
        identifier = ui.input(t('login.identifier')).props('autocomplete=username outlined').classes('w-full')
        identifier.mark('identifier')
        password = ui.input(t('login.password'), password=True, password_toggle_button=True)
        password.props('autocomplete=current-password outlined').classes('w-full').mark('password')

        async def on_submit() -> None:
            try:
                result = await call(view.portal.auth.login, identifier.value or '', password.value or '',
                                            view.address)
            except PortalError as error:
                password.value = ''
                view.fail(error)
                return
            ui.navigate.to(hand_over(view.portal, result.token, result.language,
                                     NEXT_STEP.get(result.step, target)))

        busy_button(t('login.submit'), on_click=on_submit, props='unelevated size=lg',
                    submit_from=(password,)).classes('w-full').mark('login')


def _sso_failed(view: View, kind: str) -> None:
    name = getattr(view.portal.settings, f'{kind}_oidc_name') if kind in ('citizen', 'staff') else None
    ui.label(view.t('auth.sso_failed', provider=name or view.t('sso.any_provider'))).classes(
        'text-body1 text-negative').props('role=alert').mark('sso-failed')


def _single_sign_on(view: View) -> None:
    settings = view.portal.settings
    providers = [(kind, getattr(settings, f'{kind}_oidc_name')) for kind in ('citizen', 'staff')
                 if getattr(settings, f'{kind}_oidc_issuer')]
    if not providers:
        return
    with ui.column().classes('w-full gap-2'):
        ui.label(view.t('login.or_sso')).classes('text-body1')
        for kind, name in providers:
            ui.button(view.t('login.sso_with', provider=name), icon='login').props(
                f'outline no-caps href="{routes.sso_start(kind)}"').classes('w-full').mark(f'sso-{kind}')
