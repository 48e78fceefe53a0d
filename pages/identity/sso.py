"""Single sign-on with OpenID Connect: ``/auth/oidc/{kind}/start`` and ``/auth/oidc/{kind}/callback``.

Authlib's Starlette client runs the authorization code flow with PKCE (S256) and a nonce, keeps its state in
``request.session`` (NiceGUI's SessionMiddleware, signed with the storage secret) and checks the ID token
against the provider's JWKS, issuer, audience and expiry. ``portal.sso`` then decides who signs in. The kinds
are ``citizen`` (a BundID-style service) and ``staff`` (the district's directory); an unconfigured kind is 404.
"""
import logging

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse
from joserfc.errors import JoseError
from nicegui import app

from pages.core.calls import call
from pages.core.guard import client_address, sign_in_browser
from pages.identity.login import NEXT_STEP
from pages.identity.renewal import renew
from portal.core import routes
from portal.core.errors import PortalError
from portal.core.settings import Settings
from portal.identity.sso import Kind, NotLinked, SingleSignOn, configured_issuers
from portal.services import Portal

ROUTE = routes.SSO
SCOPE = 'openid email profile'
PENDING_KEY = 'pending_oidc'
log = logging.getLogger(__name__)


def _http_error() -> type[Exception]:
    """The error of the HTTP client Authlib talks through: httpx2 where it is installed, else httpx."""
    try:
        import httpx2
    except ImportError:  # pragma: no cover
        import httpx
        return httpx.HTTPError
    return httpx2.HTTPError


FAILURES = (AuthlibBaseError, JoseError, _http_error(), ValueError, KeyError)


def register(portal: Portal) -> None:
    service = portal.sso
    oauth = _clients(portal.settings)

    @app.get(f'{ROUTE}/start', include_in_schema=False)
    async def start(request: Request, kind: str) -> RedirectResponse:
        client = _client(oauth, kind)
        try:
            return await client.authorize_redirect(request, callback_url(portal.settings, kind))
        except FAILURES as error:
            return _failed(kind, error)

    @app.get(f'{ROUTE}/callback', include_in_schema=False)
    async def callback(request: Request, kind: str) -> RedirectResponse:
        client = _client(oauth, kind)
        try:
            claims = await _verified_claims(client, await client.authorize_access_token(request))
        except FAILURES as error:
            return _failed(kind, error)
        return await _sign_in(request, service, Kind(kind), claims)


def callback_url(settings: Settings, kind: str) -> str:
    return str(settings.public_url).rstrip('/') + routes.sso_callback(kind)


def _clients(settings: Settings) -> OAuth:
    oauth = OAuth()
    for kind, issuer in configured_issuers(settings).items():
        oauth.register(
            name=kind.value,
            client_id=getattr(settings, f'{kind}_oidc_client_id'),
            client_secret=getattr(settings, f'{kind}_oidc_client_secret').get_secret_value(),
            server_metadata_url=f'{issuer.rstrip("/")}/.well-known/openid-configuration',
            client_kwargs={'scope': SCOPE, 'code_challenge_method': 'S256'},
        )
    return oauth


def _client(oauth: OAuth, kind: str) -> StarletteOAuth2App:
    client = oauth.create_client(kind)  # None for a kind that is not configured (or not a kind)
    if client is None:
        raise HTTPException(status_code=404)
    return client


async def _verified_claims(client: StarletteOAuth2App, token: dict) -> dict:
    """The checked ID token's claims; a provider that keeps the e-mail address for userinfo is asked there."""
    claims = dict(token.get('userinfo') or {})
    if claims and 'email' not in claims:
        extra = await client.userinfo(token=token)
        if extra.get('sub') == claims.get('sub'):  # OIDC Core 5.3.2: otherwise the answer must not be used
            claims = {**extra, **claims}
    return claims


async def _sign_in(request: Request, service: SingleSignOn, kind: Kind, claims: dict) -> RedirectResponse:
    if not claims:
        return _failed(kind, ValueError('no ID token in the token response'))
    try:
        result = await call(service.sign_in, kind, dict(claims), client_address(request))
    except NotLinked as missing:
        pending = missing.pending
        app.storage.user[PENDING_KEY] = {'kind': kind.value, 'issuer': pending.issuer, 'subject': pending.subject,
                                         'until': pending.until.isoformat()}
        return RedirectResponse(f'{routes.ACTIVATE}?sso=1', status_code=303)
    except PortalError as error:
        return _failed(kind, error)
    await renew(request)  # a new session id; the old one's storage, a pending identity too, is emptied
    sign_in_browser(result.token, result.language)
    return RedirectResponse(NEXT_STEP.get(result.step, routes.HOME), status_code=303)


def _failed(kind: str, error: Exception) -> RedirectResponse:
    log.warning('single sign-on (%s) failed: %s: %s', kind, type(error).__name__, error)
    return RedirectResponse(f'{routes.LOGIN}?error=sso&kind={kind}', status_code=303)
