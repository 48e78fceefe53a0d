"""Helpers for tests that drive pages with NiceGUI's ``User`` fixture."""
import asyncio
from typing import Any

import pyotp
import pytest
from nicegui.storage import request_contextvar
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

SIGN_IN_PAGES = ('/login', '/login/second-factor', '/login/enrol')
ORIGIN = 'http://127.0.0.1:8080'  # the public URL the app under test is configured with


async def sign_in(user: User, identifier: str, password: str, totp_secret: str | None = None) -> None:
    """Sign in through the login page (and the second-factor page for staff) and land on the home page."""
    await user.open('/login')
    user.find(marker='identifier').type(identifier)
    user.find(marker='password').type(password)
    if totp_secret is not None:
        user.find(marker='login').click()
        await user.should_see(marker='code', retries=50)  # a busy machine takes a while to check the password
        user.find(marker='code').type(pyotp.TOTP(totp_secret).now())
    steps = len(user.back_history)
    user.find(marker='confirm' if totp_secret is not None else 'login').click()
    await _moved_on(user, steps)


async def _moved_on(user: User, steps: int) -> None:
    """Wait until the browser went on (through the renewal of its session id) to a page beyond the sign-in."""
    for _ in range(100):
        if len(user.back_history) > steps:
            break
        await asyncio.sleep(0.02)
    landed = user.client.page.path if user.client else None
    if len(user.back_history) <= steps or landed in SIGN_IN_PAGES:
        raise AssertionError(f'sign-in did not leave the login pages: {user.back_history}')


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
