"""Helpers for tests that drive pages with NiceGUI's ``User`` fixture."""
import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import pyotp
import pytest
from nicegui import context, ui
from nicegui.storage import request_contextvar
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction
from nicegui.testing.user_notify import UserNotify

from portal.people.models import Staff
from portal.services import Portal
from tests.support.personas import PASSWORD, enrol_totp

SIGN_IN_PAGES = ('/login', '/login/second-factor', '/login/enrol')
ORIGIN = 'http://127.0.0.1:8080'  # the public URL the app under test is configured with

PATIENCE = 30  # seconds: a handler's work in a thread is quick on a quiet machine and slow on a busy one


async def eventually(condition: Callable[[], bool], message: str = 'the change did not arrive') -> None:
    """Wait for a handler that runs in the background (a service call in a thread) to have done its work."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        await asyncio.sleep(0.02)


async def sign_in(user: User, identifier: str, password: str, totp_secret: str | None = None) -> None:
    """Sign in through the login page (and the second-factor page for staff) and land on the home page."""
    await user.open('/login')
    user.find(marker='identifier').type(identifier)
    user.find(marker='password').type(password)
    if totp_secret is not None:
        user.find(marker='login').click()
        await user.should_see(marker='code')
        user.find(marker='code').type(pyotp.TOTP(totp_secret).now())
    steps = len(user.back_history)
    user.find(marker='confirm' if totp_secret is not None else 'login').click()
    await _moved_on(user, steps)


async def _moved_on(user: User, steps: int) -> None:
    """Wait until the browser went on (through the renewal of its session id) to a page beyond the sign-in."""
    await eventually(lambda: len(user.back_history) > steps and user.client is not None
                     and user.client.page.path not in SIGN_IN_PAGES,
                     f'sign-in did not leave the login pages: {user.back_history}')


async def sign_out(user: User) -> None:
    """Press "Abmelden" (More page): its form POSTs to /logout from the portal's own page."""
    response = await user.http_client.post('/logout', headers={'Origin': ORIGIN})
    assert (response.status_code, response.headers['location']) == (303, '/login')


def handlers_see_their_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a browser, a handler runs with the HTTP request of the page it belongs to (and so with that browser's
    ``app.storage.user``); NiceGUI's ``User`` runs it with whatever request the test opened last. After a sign-in
    renewed the session id, that is the old, emptied storage: make every interaction act on its page's request."""
    created = UserInteraction.__init__

    def on_current_page(interaction: UserInteraction, user: User, *args: Any) -> None:
        created(interaction, user, *args)
        if user.client is not None and user.client.request is not None:
            request_contextvar.set(user.client.request)

    monkeypatch.setattr(UserInteraction, '__init__', on_current_page)


class PageToasts(UserNotify):
    """``ui.notify`` as in a real page: it needs the slot the handler runs in to find its client.

    NiceGUI's ``User`` fixture records toasts without that lookup, so a handler that redrew the part of the page
    holding its own button and then notified would pass a test while the browser got nothing (and the server
    logged ``RuntimeError: The parent element this slot belongs to has been deleted``).
    """

    def __call__(self, message: str, **kwargs: object) -> None:
        context.client  # noqa: B018 - the lookup NiceGUI's notify makes; raises in a deleted slot
        super().__call__(message, **kwargs)


def page_toasts(user: User) -> None:
    """Make ``ui.notify`` behave as in a real page for the rest of the test."""
    user.notify = PageToasts()


def server_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Errors NiceGUI logged while handling events (its default exception handler logs them)."""
    return [record.getMessage() + (f' {record.exc_info[1]!r}' if record.exc_info else '')
            for record in caplog.records if record.levelno >= logging.ERROR]


async def sign_in_staff(user: User, portal: Portal, staff: Staff) -> None:
    """Enrol an authenticator for the member of staff and sign in with it."""
    secret = enrol_totp(portal, staff.email)
    await sign_in(user, staff.email, PASSWORD, totp_secret=secret)


def only(user: User, marker: str) -> ui.element:
    elements = user.find(marker=marker).elements
    assert len(elements) == 1, f'{len(elements)} elements marked {marker}'
    return next(iter(elements))


def choose(user: User, select: str | ui.element, option: str) -> None:
    """Open the select and click the option with exactly this label, as a person would."""
    select = only(user, select) if isinstance(select, str) else select
    UserInteraction(user, {select}, None).click()
    UserInteraction(user, {select}, option).click()
    assert select.options.get(select.value) == option, f'no option {option!r}'


def newest(user: User, marker: str) -> ui.element:
    """The most recently made of several elements with this marker (e.g. a row just added)."""
    return max(user.find(marker=marker).elements, key=lambda element: element.id)
