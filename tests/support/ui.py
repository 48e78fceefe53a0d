"""Helpers for tests that drive pages with NiceGUI's ``User`` fixture."""
import asyncio

import pyotp
from nicegui.testing import User

SIGN_IN_PAGES = ('/login', '/login/second-factor', '/login/enrol')


async def sign_in(user: User, identifier: str, password: str, totp_secret: str | None = None) -> None:
    """Sign in through the login page (and the second-factor page for staff) and land on the home page."""
    await user.open('/login')
    user.find(marker='identifier').type(identifier)
    user.find(marker='password').type(password)
    user.find(marker='login').click()
    if totp_secret is not None:
        await user.should_see(marker='code', retries=50)  # a busy machine takes a while to check the password
        user.find(marker='code').type(pyotp.TOTP(totp_secret).now())
        user.find(marker='confirm').click()
    for _ in range(100):  # the page moves on to where the person was going, in whatever language
        if user.back_history and user.back_history[-1] not in SIGN_IN_PAGES:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f'sign-in did not leave the login pages: {user.back_history}')
