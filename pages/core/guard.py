"""What every page shares: the guard that checks roles, the current language, and the ``View`` handed to pages.

Every page is declared with ``@guarded(route, roles=...)``: anonymous visitors of a protected page are sent to
the login, signed-in people without the role see a translated "no access" page, and handlers check roles
again through the services they call.
"""
import copy
import html
import inspect
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import Literal
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from nicegui import Client, app, background_tasks, ui

from components.shell.frame import BadgeHandler, NavItem, frame
from pages.core.calls import call
from portal.core import routes
from portal.core.errors import NotAllowed, PortalError
from portal.core.i18n import LANGUAGES, SOURCE, Translator, best_match, error_message, normalise
from portal.identity.roles import Actor, Role
from portal.services import Portal

PUBLIC: frozenset[Role] = frozenset()
EVERYONE_SIGNED_IN = frozenset(Role)
ADMINS = frozenset({Role.ADMIN})
NAVIGATION: list[NavItem] = []
PAGES: dict[str, frozenset[Role]] = {}  # every guarded route and the roles it serves, for the access test
# Seconds a page may take to build. NiceGUI's default of 3 s turned slow service calls on a busy server into an error
# page; waiting longer is better for the person, who gets the page.
BUILD_SECONDS = 30.0
Toast = Literal['positive', 'negative', 'warning', 'info', 'ongoing']  # the kinds ``ui.notify`` knows


@dataclass(frozen=True)
class NavCounter:
    """A live count on a navigation item (``NavItem.counter``), e.g. unread messages: ``count(portal, actor)`` is a
    service call (run off the event loop); after every event on ``topic(actor)`` (None: none) it counts again."""

    count: Callable[[Portal, Actor], int]
    topic: Callable[[Actor], str | None]


@dataclass
class View:
    """Handed to every page builder: the services, who is looking, their language and their browser tab."""

    portal: Portal
    visitor: Actor | None  # who is signed in, if anyone (public pages)
    t: Translator
    request: Request
    client: Client

    @property
    def actor(self) -> Actor:
        """Who is signed in, on a page that requires it (the guard let nobody else in)."""
        if self.visitor is None:
            raise NotAllowed()
        return self.visitor

    @property
    def address(self) -> str:
        return client_address(self.request)

    def fail(self, error: PortalError) -> None:
        """Show a domain error as a translated message."""
        self.tell(error_message(self.t, error), kind='negative')

    def tell(self, message: str, *, kind: Toast = 'positive', status: ui.label | None = None) -> None:
        """A toast, and the same words in the page's ``status`` line (``status_line``) for screen readers.

        A handler often redraws the card that holds its own button; the toast then goes through the tab itself
        rather than the deleted button's slot (there, NiceGUI's ``ui.notify`` raises a RuntimeError).
        """
        if status is not None and not status.is_deleted:
            status.text = message
        with self.client:
            ui.notify(message, type=kind, position='top', multi_line=True)


def guarded(portal: Portal, route: str, *, roles: frozenset[Role], title: str) -> Callable:
    """Register a page that only the given roles may open (``PUBLIC`` for everyone)."""
    def decorate(build: Callable[..., Awaitable[Response | None]]) -> Callable:
        @wraps(build)
        async def page(request: Request, **params: object) -> Response | None:
            t = Translator(current_language(request, portal.settings.default_language))
            apply_language(t)
            actor = await call(portal.auth.actor, app.storage.user.get('token'))
            if roles and actor is None:
                return RedirectResponse(f'{routes.LOGIN}?next={quote(request.url.path)}', status_code=303)
            view = View(portal, actor, t, request, ui.context.client)
            if roles and not view.actor.has_any(roles):
                forbidden(view)
                return None
            return await build(view, **params)
        signature = inspect.signature(build)
        parameters = [p for name, p in signature.parameters.items() if name != 'view']
        # the parameters FastAPI and NiceGUI see: the request, then the page's own (``view`` is made here); set in
        # the function's ``__dict__``, as the type of a ``wraps`` wrapper declares no ``__signature__``
        vars(page)['__signature__'] = signature.replace(
            parameters=[inspect.Parameter('request', inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
                        *parameters])
        del page.__wrapped__
        PAGES[route] = roles
        ui.page(route, title=title, response_timeout=BUILD_SECONDS)(page)
        return build
    return decorate


def add_to_navigation(item: NavItem) -> None:
    """List a page in the navigation; registering the same route again (a test app started anew) replaces it."""
    NAVIGATION[:] = [*(known for known in NAVIGATION if known.route != item.route), item]


def menu_page(portal: Portal, route: str, *, roles: frozenset[Role], label: str, icon: str, order: int) -> Callable:
    """A guarded page that the navigation lists: ``label`` (a catalogue key) names it in the navigation, as its
    heading and as its title; the decorated ``build(view, **params)`` fills the frame's main area."""
    add_to_navigation(NavItem(route, icon, label, roles, order))

    def decorate(build: Callable[..., Awaitable[None]]) -> Callable:
        @wraps(build)
        async def framed(view: View, **params: object) -> None:
            with page_frame(view, view.t(label), current=route):
                await build(view, **params)
        guarded(portal, route, roles=roles, title=Translator(SOURCE)(label))(framed)
        return build
    return decorate


async def request_actor(portal: Portal) -> Actor | None:
    """The signed-in actor of a plain HTTP route (uploads, downloads): same session as the pages."""
    return await call(portal.auth.actor, app.storage.user.get('token'))


def current_language(request: Request, fallback: str) -> str:
    """A ``?lang=`` link (e.g. in a letter or text message) is an explicit choice for this browser; else the
    choice made earlier in this browser, else the browser's preference, else the configured default."""
    linked = request.query_params.get('lang', '')
    if linked in LANGUAGES:
        app.storage.user['lang'] = linked
    chosen = app.storage.user.get('lang')
    if chosen:
        return normalise(chosen)
    return best_match(request.headers.get('accept-language', ''), fallback)


def apply_language(t: Translator) -> None:
    """Render ``<html lang dir>`` for this client and load Quasar's pack (none exists for Tigrinya)."""
    client = ui.context.client
    client.page = copy.copy(client.page)
    # NiceGUI ships every pack of ours, but its ``Language`` literal leaves out some of them (``ur-PK``)
    client.page.language = t.language.quasar  # type: ignore[assignment]
    client.title = t('app.name')
    ui.add_head_html(f'<meta name="description" content="{html.escape(t("app.description"))}">')
    code, direction = json.dumps(t.code), json.dumps(t.direction)
    ui.add_head_html(f'<script>document.documentElement.lang={code};document.documentElement.dir={direction};'
                     f'try{{localStorage.setItem("portal-lang",{code})}}catch(e){{}}</script>')


async def choose_language(view: View, code: str) -> None:
    """Remember the choice in this browser and, when signed in, for the account; then redraw the page."""
    if code not in LANGUAGES:
        return
    app.storage.user['lang'] = code
    if view.visitor is not None:
        await call(view.portal.auth.set_language, view.actor, code)
    ui.navigate.reload()


def client_address(request: Request) -> str:
    return request.client.host if request.client else 'unknown'


def sign_in_browser(token: str, language: str | None) -> None:
    """Keep the session token in this browser; the account's language wins unless the browser chose one."""
    app.storage.user['token'] = token
    if language and not app.storage.user.get('lang'):
        app.storage.user['lang'] = language


def nav_for(actor: Actor | None) -> list[NavItem]:
    if actor is None:
        return []
    return sorted((item for item in NAVIGATION if actor.has_any(item.roles)), key=lambda item: item.order)


def page_frame(view: View, title: str, *, current: str, wide: bool = False):
    """The one frame of every page, filled in with who is looking and what they may open."""
    return frame(title=title, t=view.t, nav=nav_for(view.visitor), current=current,
                 user_name=view.visitor.name if view.visitor else None,
                 staff_layout=bool(view.visitor and view.visitor.is_staff),
                 on_language=lambda code: choose_language(view, code), wide=wide, on_badge=_live_badge(view))


def _live_badge(view: View) -> BadgeHandler:
    """Fill in a navigation badge now and again after each event that may change its count, until the page's
    client is gone (the subscription ends with it)."""
    def fill(item: NavItem, badge: ui.badge) -> None:
        counter, actor = item.counter, view.visitor
        if not isinstance(counter, NavCounter) or actor is None:
            return

        async def recount(_: object = None) -> None:
            try:
                count = await call(counter.count, view.portal, actor)
            except PortalError:
                return
            if not badge.is_deleted:
                badge.set_text(view.t.number(count))
                badge.set_visibility(count > 0)
        topic = counter.topic(actor)
        if topic is not None:
            view.client.on_delete(view.portal.events.subscribe(topic, recount).close)
        background_tasks.create(recount(), name='navigation badge')
    return fill


def forbidden(view: View) -> None:
    ui.context.client.status_code = 403
    with page_frame(view, view.t('access.denied_title'), current=''):
        ui.label(view.t('access.denied_text')).classes('text-body1')
        ui.link(view.t('nav.home'), routes.HOME).classes('text-body1')
