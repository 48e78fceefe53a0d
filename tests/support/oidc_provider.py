"""A real OpenID provider for tests, built from Authlib's server parts and served by uvicorn on 127.0.0.1.

It offers discovery, a JWKS with an RS256 key made at start, an authorization endpoint that approves the
configured test user at once (or answers ``access_denied`` when there is none), a token endpoint for the
authorization code grant (client_secret_basic or client_secret_post, PKCE with S256 required) and userinfo.
Everything goes over HTTP: the portal under test talks to it exactly as to BundID or the district's directory.
"""
import json
import socket
import threading
import time
from dataclasses import dataclass, field

import uvicorn
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidRequestError, OAuth2Error
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode, UserInfo
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

SCOPES = ['openid', 'email', 'profile']
CODE_LIFETIME = 300


@dataclass
class TestUser:
    """Who the provider signs in; tests change it between flows."""

    __test__ = False  # not a pytest test class
    sub: str
    email: str = ''
    email_verified: bool = True
    name: str = ''


@dataclass(frozen=True)
class Client(ClientMixin):
    """The one registered relying party: the portal."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return ' '.join(item for item in (scope or '').split() if item in SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return client_secret == self.client_secret

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ('client_secret_basic', 'client_secret_post')

    def check_response_type(self, response_type: str) -> bool:
        return response_type == 'code'

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == 'authorization_code'


@dataclass
class Code:
    """An issued authorization code with what the token endpoint must check against."""

    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: TestUser
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


class ProviderRequest(OAuth2Request):
    """An OAuth2Request filled from a Starlette request whose query or form was read already."""

    def __init__(self, request: Request, values: dict[str, str]) -> None:
        super().__init__(request.method, str(request.url), headers=request.headers)
        self._values = values
        self.payload = BasicOAuth2Payload(values)

    @property
    def args(self) -> dict[str, str]:
        return self._values if self.method == 'GET' else {}

    @property
    def form(self) -> dict[str, str]:
        return self._values if self.method == 'POST' else {}


class S256Required(CodeChallenge):
    """PKCE is not optional here, and only S256 counts."""

    def validate_code_challenge(self, grant: AuthorizationCodeGrant, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get('code_challenge') or data.get('code_challenge_method') != 'S256':
            raise InvalidRequestError("PKCE with 'code_challenge_method=S256' is required")
        super().validate_code_challenge(grant, redirect_uri)


class OpenIDProvider:
    """Start with ``start()``; ``issuer`` is then ``http://127.0.0.1:<port>``; set ``user`` per flow."""

    def __init__(self, *, client_id: str, client_secret: str, redirect_uris: tuple[str, ...]) -> None:
        self.client = Client(client_id, client_secret, redirect_uris)
        self.user: TestUser | None = None
        self.sign_with_unpublished_key = False  # to test that the portal checks the ID token's signature
        self.email_in_id_token = True  # some directories tell the e-mail address only at userinfo
        self.key = RSAKey.generate_key(2048, parameters={'kid': generate_token(8), 'use': 'sig', 'alg': 'RS256'})
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, TestUser] = {}
        self.issuer = ''
        self._unpublished: RSAKey | None = None
        self._socket = socket.socket()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.authorization = _build_server(self)

    def start(self) -> 'OpenIDProvider':
        self._socket.bind(('127.0.0.1', 0))
        self.issuer = f'http://127.0.0.1:{self._socket.getsockname()[1]}'
        config = uvicorn.Config(self.app(), log_level='warning', lifespan='off', access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={'sockets': [self._socket]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError('the test OpenID provider did not start')
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._socket.close()

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route('/.well-known/openid-configuration', self._discovery),
            Route('/jwks', self._jwks),
            Route('/authorize', self._authorize),
            Route('/token', self._token, methods=['POST']),
            Route('/userinfo', self._userinfo),
        ])

    def signing_key(self) -> RSAKey:
        if not self.sign_with_unpublished_key:
            return self.key
        if self._unpublished is None:
            self._unpublished = RSAKey.generate_key(2048, parameters={'kid': self.key.kid})
        return self._unpublished

    def claims_of(self, user: TestUser, scope: str) -> UserInfo:
        info = UserInfo(sub=user.sub)
        if 'email' in scope.split():
            info.update(email=user.email, email_verified=user.email_verified)
        if 'profile' in scope.split():
            info['name'] = user.name
        return info

    async def _discovery(self, request: Request) -> Response:
        return JSONResponse({
            'issuer': self.issuer,
            'authorization_endpoint': f'{self.issuer}/authorize',
            'token_endpoint': f'{self.issuer}/token',
            'userinfo_endpoint': f'{self.issuer}/userinfo',
            'jwks_uri': f'{self.issuer}/jwks',
            'scopes_supported': SCOPES,
            'response_types_supported': ['code'],
            'grant_types_supported': ['authorization_code'],
            'subject_types_supported': ['public'],
            'id_token_signing_alg_values_supported': ['RS256'],
            'token_endpoint_auth_methods_supported': ['client_secret_basic', 'client_secret_post'],
            'code_challenge_methods_supported': ['S256'],
            'claims_supported': ['sub', 'email', 'email_verified', 'name'],
        })

    async def _jwks(self, request: Request) -> Response:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))

    async def _authorize(self, request: Request) -> Response:
        oauth_request = ProviderRequest(request, dict(request.query_params))
        try:
            grant = self.authorization.get_consent_grant(oauth_request)
        except OAuth2Error as error:
            return self.authorization.handle_error_response(oauth_request, error)
        return self.authorization.create_authorization_response(oauth_request, grant_user=self.user, grant=grant)

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        return self.authorization.create_token_response(ProviderRequest(request, {k: str(v) for k, v in form.items()}))

    async def _userinfo(self, request: Request) -> Response:
        scheme, _, token = request.headers.get('authorization', '').partition(' ')
        user = self.tokens.get(token) if scheme.lower() == 'bearer' else None
        if user is None:
            return JSONResponse({'error': 'invalid_token'}, status_code=401)
        return JSONResponse(dict(self.claims_of(user, ' '.join(SCOPES))))


class _CodeGrant(AuthorizationCodeGrant):
    """Codes live in the provider's memory for five minutes and are single use."""

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        provider = self.server.provider
        provider.codes[code] = Code(code, request.client.get_client_id(), request.payload.redirect_uri,
                                    request.scope, request.user, data.get('nonce'), data.get('code_challenge'),
                                    data.get('code_challenge_method'))

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        found = self.server.provider.codes.get(code)
        if found is None or found.client_id != client.get_client_id():
            return None
        return found if time.time() - found.auth_time < CODE_LIFETIME else None

    def delete_authorization_code(self, authorization_code: Code) -> None:
        self.server.provider.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: Code) -> TestUser:
        return authorization_code.user


class _OpenIDCode(OpenIDCode):
    def __init__(self, provider: OpenIDProvider) -> None:
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return any(code.nonce == nonce for code in self.provider.codes.values())

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return self.provider.signing_key()

    def get_client_algorithm(self, client: Client) -> str:
        return 'RS256'

    def get_client_claims(self, client: Client) -> dict[str, object]:
        return {'iss': self.provider.issuer, 'aud': [client.get_client_id()]}

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {'alg': 'RS256', 'kid': self.provider.key.kid}

    def generate_user_info(self, user: TestUser, scope: str) -> UserInfo:
        if not self.provider.email_in_id_token:
            scope = ' '.join(item for item in scope.split() if item != 'email')
        return self.provider.claims_of(user, scope)


class _Server(AuthorizationServer):
    def __init__(self, provider: OpenIDProvider) -> None:
        super().__init__(scopes_supported=SCOPES)
        self.provider = provider
        self.register_token_generator('default', BearerTokenGenerator(lambda **_: generate_token(42)))

    def query_client(self, client_id: str) -> Client | None:
        return self.provider.client if client_id == self.provider.client.client_id else None

    def save_token(self, token: dict, request: OAuth2Request) -> None:
        self.provider.tokens[token['access_token']] = request.user

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def create_json_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: object, headers: list[tuple[str, str]]) -> Response:
        content = json.dumps(body) if isinstance(body, dict) else body
        return Response(content, status_code=status, headers=dict(headers))

    def send_signal(self, name: str, *args: object, **kwargs: object) -> None:
        """No signals in tests."""


def _build_server(provider: OpenIDProvider) -> _Server:
    server = _Server(provider)
    server.register_grant(_CodeGrant, [S256Required(required=True), _OpenIDCode(provider)])
    return server
