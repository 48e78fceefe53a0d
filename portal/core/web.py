"""HTTP hardening as plain ASGI middleware (no NiceGUI): security headers on every response, and the check that a
form was sent from the portal's own pages."""
from collections.abc import Callable, Mapping

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# NiceGUI renders with inline scripts and Vue's runtime compiler, so scripts need 'unsafe-inline' and
# 'unsafe-eval'; everything else is locked to this origin.
CSP = '; '.join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PERMISSIONS = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=()'


def security_headers(https: bool) -> list[tuple[bytes, bytes]]:
    headers = {
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'same-origin',
        'permissions-policy': PERMISSIONS,
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
    }
    if https:
        headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains'
    return [(name.encode(), value.encode()) for name, value in headers.items()]


class SecurityHeaders:
    """Adds the headers unless a response set its own value (e.g. the service worker's scope header); answers an
    exception that escaped every handler with a plain 500 that carries them too."""

    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        self.app = app
        self.headers = security_headers(https)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message['type'] == 'http.response.start':
                started = True
                present = {name.lower() for name, _ in message.get('headers', [])}
                message['headers'] = list(message.get('headers', [])) + [h for h in self.headers if h[0] not in present]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:  # the server would answer for us, without the headers
                await PlainTextResponse('Internal Server Error', status_code=500)(scope, receive, send_with_headers)
            raise


def outermost(app: Starlette, wrap: Callable[[ASGIApp], ASGIApp]) -> None:
    """Wrap the whole of ``app``, error handling included. ``add_middleware`` places a middleware inside Starlette's
    ``ServerErrorMiddleware``, so a 500 answer (and NiceGUI's error page for a failing page) would skip it."""
    # mypy forbids assigning to a method; replacing it on this one instance is the point
    app.build_middleware_stack = lambda: wrap(type(app).build_middleware_stack(app))  # type: ignore[method-assign]


def same_origin(headers: Mapping[str, str], origin: str) -> bool:
    """Whether a request was sent by a page of ``origin`` (``scheme://host[:port]``): browsers send an Origin
    header with every POST; without one, the Referer must start with the origin. Neither is a refusal."""
    sent = headers.get('origin')
    if sent is not None:
        return sent == origin
    referer = headers.get('referer', '')
    return referer == origin or referer.startswith(origin + '/')
