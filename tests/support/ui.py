"""Helpers for tests that drive pages with NiceGUI's ``User`` fixture."""
import asyncio
import time
from collections.abc import Callable

import pyotp
from nicegui.testing import User

SIGN_IN_PAGES = ('/login', '/login/second-factor', '/login/enrol')
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
    user.find(marker='login').click()
    if totp_secret is not None:
        await user.should_see(marker='code')
        user.find(marker='code').type(pyotp.TOTP(totp_secret).now())
        user.find(marker='confirm').click()
    # the page moves on to where the person was going, in whatever language
    await eventually(lambda: bool(user.back_history) and user.back_history[-1] not in SIGN_IN_PAGES,
                     f'sign-in did not leave the login pages: {user.back_history}')
